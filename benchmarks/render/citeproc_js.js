#!/usr/bin/env node
// Reference renderer: runs citeproc-js (the CSL processor Zotero uses) on a CSL-JSON file.
//
// Used to make the golden outputs under tests/render/data/golden/ and by the speed benchmark.
// citeproc-js is never a runtime dependency of citekeeper: install it only for this script,
//   cd benchmarks/_work && npm install citeproc
//
// Usage:
//   node citeproc_js.js STYLE.csl ITEMS.json [--locales DIR] [--format text|html]
//                       [--lang en-US] [--mode golden|bib] [--locator 97] [--clusters FILE]
// --mode golden prints JSON {"bibliography": [...], "citations": [...]}, one citation cluster
// per item in a fresh engine (noteIndex = position), so positions are all "first".
// --mode bib prints the bibliography only (the benchmark's whole-process measure).
"use strict";
const fs = require("fs");
const path = require("path");

const CSL = require(process.env.CITEPROC_JS ||
  path.join(__dirname, "..", "_work", "node_modules", "citeproc"));

function parseArgs(argv) {
  const opts = { format: "text", mode: "golden", locales: null, lang: null, locator: null };
  const pos = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) { opts[a.slice(2)] = argv[++i]; } else { pos.push(a); }
  }
  opts.style = pos[0];
  opts.items = pos[1];
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const localesDir = opts.locales ||
  path.join(__dirname, "..", "..", "src", "citekeeper", "render", "locales");
const styleXml = fs.readFileSync(opts.style, "utf8");
const items = JSON.parse(fs.readFileSync(opts.items, "utf8"));
const byId = {};
for (const it of items) { byId[String(it.id)] = it; }

const sys = {
  retrieveLocale(lang) {
    const p = path.join(localesDir, "locales-" + lang + ".xml");
    if (fs.existsSync(p)) { return fs.readFileSync(p, "utf8"); }
    return false;
  },
  retrieveItem(id) { return byId[id]; },
};

function newEngine() {
  const engine = new CSL.Engine(sys, styleXml, opts.lang || undefined, !!opts.lang);
  engine.setOutputFormat(opts.format);
  return engine;
}

const ids = items.map((it) => String(it.id));
if (opts.clusters) {
  // --clusters FILE: a JSON list of citations, each a list of {id, locator?, label?};
  // rendered in order as notes 1..n; prints the final text of each.
  const clusters = JSON.parse(fs.readFileSync(opts.clusters, "utf8"));
  const ce = newEngine();
  const pre = [];
  const out = [];
  clusters.forEach((cl, i) => {
    const citation = { citationID: "c" + i, citationItems: cl, properties: { noteIndex: i + 1 } };
    const res = ce.processCitationCluster(citation, pre, []);
    pre.push(["c" + i, i + 1]);
    out.push(null);
    for (const r of res[1]) { out[Number(r[2].slice(1))] = r[1]; }
  });
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
} else if (opts.mode === "bib") {
  const engine = newEngine();
  engine.updateItems(ids);
  const bib = engine.makeBibliography();
  process.stdout.write(bib[1].join(""));
} else {
  const out = { bibliography: null, citations: [] };
  const engine = newEngine();
  engine.updateItems(ids);
  const bib = engine.makeBibliography();
  if (bib) { out.bibliography = bib[1].map((e) => e.trim()); }
  const ce = newEngine();
  const pre = [];
  ids.forEach((id, i) => {
    const citem = { id };
    if (opts.locator) { citem.locator = opts.locator; citem.label = "page"; }
    const citation = { citationID: "c" + i, citationItems: [citem], properties: { noteIndex: i + 1 } };
    const res = ce.processCitationCluster(citation, pre, []);
    pre.push(["c" + i, i + 1]);
    out.citations.push(null);
    // citeproc-js returns this cluster and every earlier one it re-rendered (numbers,
    // disambiguation): keep the final text of each
    for (const r of res[1]) { out.citations[Number(r[2].slice(1))] = r[1]; }
  });
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}
