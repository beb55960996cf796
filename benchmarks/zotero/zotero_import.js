#!/usr/bin/env node
/*
 * Run one of Zotero's own import translators (BibTeX.js, RIS.js, "CSL JSON.js")
 * on a file, outside Zotero, and print the items Zotero would save, as JSON.
 *
 * Why: citekeeper's exports are judged by what Zotero makes of them.  This is a
 * minimal stand-in for Zotero's translation sandbox: Zotero.read / Zotero.Item /
 * Zotero.Utilities (the real zotero/utilities code), and the translator's items
 * are then passed through Zotero.Utilities.Item.itemToAPIJSON, the function
 * translation-server uses to turn translator output into saved items (base-field
 * mapping such as publicationTitle -> websiteTitle, fields invalid for the type
 * discarded).  Discarded fields are reported under "_discarded".
 *
 * Nothing here is shipped or run in CI: it needs the translators and
 * zotero/utilities checkouts, whose paths are arguments.
 *
 * usage: node zotero_import.js --utilities DIR --schema schema.json TRANSLATOR.js INPUT
 *   DIR          a checkout of github.com/zotero/utilities
 *   schema.json  github.com/zotero/zotero-schema's schema.json
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

function parseArgs(argv) {
	const opts = { positional: [] };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === "--utilities") opts.utilities = argv[++i];
		else if (argv[i] === "--schema") opts.schema = argv[++i];
		else opts.positional.push(argv[i]);
	}
	if (!opts.utilities || !opts.schema || opts.positional.length !== 2) {
		process.stderr.write("usage: zotero_import.js --utilities DIR --schema schema.json TRANSLATOR.js INPUT\n");
		process.exit(2);
	}
	return opts;
}

function loadZotero(utilDir, schemaPath, debugLog) {
	globalThis.Zotero = { locale: "en-US", isNode: true, debug: (m) => debugLog.push(String(m)) };
	Zotero.Schema = require(path.join(utilDir, "schema"));
	Zotero.Utilities = require(path.join(utilDir, "utilities"));
	Zotero.Utilities.Item = require(path.join(utilDir, "utilities_item"));
	Zotero.Date = require(path.join(utilDir, "date"));
	Zotero.Schema.init(fs.readFileSync(schemaPath, "utf-8"));
	Zotero.Date.init(fs.readFileSync(path.join(utilDir, "resource", "dateFormats.json"), "utf-8"));
	const CachedTypes = require(path.join(utilDir, "cachedTypes"));
	CachedTypes.setTypeSchema(require(path.join(utilDir, "resource", "zoteroTypeSchemaData")));
	Object.assign(Zotero, CachedTypes);
	const collator = new Intl.Collator(["en-US"], { numeric: true, sensitivity: "base" });
	Zotero.localeCompare = (a, b) => collator.compare(a, b);
}

/* The translator sandbox's Zotero.Utilities: the utilities, item and date helpers in one. */
function translatorUtilities() {
	const ZU = Object.assign({}, Zotero.Utilities, Zotero.Utilities.Item);
	for (const name of ["strToDate", "strToISO", "formatDate", "dateToISO", "sqlToDate"]) {
		if (Zotero.Date[name]) ZU[name] = Zotero.Date[name].bind(Zotero.Date);
	}
	// The real unescapeHTML parses with jsdom (a dependency we avoid): text content
	// of the HTML, entities decoded, which is all the import translators need.
	const named = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
	ZU.unescapeHTML = (str) => String(str)
		.replace(/<[^>]*>/g, "")
		.replace(/&#x([0-9a-f]+);/gi, (m, h) => String.fromCodePoint(parseInt(h, 16)))
		.replace(/&#(\d+);/g, (m, d) => String.fromCodePoint(parseInt(d, 10)))
		.replace(/&(\w+);/g, (m, n) => (n.toLowerCase() in named ? named[n.toLowerCase()] : m));
	return ZU;
}

/* Zotero.read(n) reads n characters; Zotero.read() reads one line (RIS.js relies on both). */
function makeReader(text) {
	let pos = 0;
	return function read(n) {
		if (pos >= text.length) return false;
		if (n === undefined || n === null) {
			let end = text.indexOf("\n", pos);
			if (end < 0) end = text.length;
			let line = text.slice(pos, end);
			pos = end + 1;
			if (line.endsWith("\r")) line = line.slice(0, -1);
			return line;
		}
		const chunk = text.slice(pos, pos + n);
		pos += n;
		return chunk;
	};
}

function translatorCode(source) {
	// The file is a JSON header followed by the code; test cases come last.
	const headerEnd = source.indexOf("\n}\n");
	let code = source.slice(headerEnd + 3);
	const tests = code.indexOf("/** BEGIN TEST CASES **/");
	if (tests >= 0) code = code.slice(0, tests);
	return code;
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const debugLog = [];
	loadZotero(opts.utilities, opts.schema, debugLog);
	const [translatorPath, inputPath] = opts.positional;
	let text = fs.readFileSync(inputPath, "utf-8");
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

	const items = [];
	class Item {
		constructor(itemType) {
			this.itemType = itemType;
			this.creators = [];
			this.notes = [];
			this.tags = [];
			this.attachments = [];
			this.seeAlso = [];
		}
	}
	Item.prototype.complete = function () { items.push(this); };
	class Collection { complete() {} }

	const ZU = translatorUtilities();
	const sandboxZotero = {
		read: makeReader(text),
		debug: (m) => debugLog.push(String(m)),
		Item,
		Collection,
		Utilities: ZU,
		getOption: () => undefined,
		getHiddenPref: () => undefined,
		setProgress: () => {},
		parentTranslator: false,
	};
	const context = vm.createContext({ Zotero: sandboxZotero, Z: sandboxZotero, ZU, console, Promise });
	vm.runInContext(translatorCode(fs.readFileSync(translatorPath, "utf-8")), context, { filename: translatorPath });
	await vm.runInContext("doImport()", context);

	const out = items.map((item) => {
		const plain = JSON.parse(JSON.stringify(item));
		const before = debugLog.length;
		const [saved, ...children] = Zotero.Utilities.Item.itemToAPIJSON(plain);
		delete saved.key;
		delete saved.version;
		const discarded = debugLog.slice(before)
			.map((m) => /Discarded (?:unknown )?field (\w+)/.exec(m))
			.filter(Boolean)
			.map((m) => m[1] + "=" + plain[m[1]]);
		if (discarded.length) saved._discarded = discarded;
		if (children.length) saved._notes = children.map((c) => c.note);
		if (item.itemID) saved._itemID = item.itemID;
		return saved;
	});
	process.stdout.write(JSON.stringify(out, null, 1) + "\n");
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + "\n"); process.exit(1); });
