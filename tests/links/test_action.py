"""The GitHub Action: action.yml's shape, and its script run as the runner runs it
(INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files) against loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from linkservers import LocalWeb

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check-action.sh"


def test_action_follows_lychee_action_conventions() -> None:
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert {"fail", "format", "output", "job-summary", "args", "token"} <= set(action["inputs"])
    assert {"exit_code", "report"} <= set(action["outputs"])
    steps = action["runs"]["steps"]
    uses = [s.get("uses", "") for s in steps]
    assert not any("setup-python" in u for u in uses)  # the caller's Python is left alone
    restore = next(s for s in steps if s.get("uses", "").startswith("actions/cache/restore"))
    save = next(s for s in steps if s.get("uses", "").startswith("actions/cache/save"))
    assert "always()" in save["if"] and restore["with"]["path"] == save["with"]["path"]
    check = next(s for s in steps if s.get("id") == "check")
    assert "scripts/check-action.sh" in check["run"] and "${{" not in check["run"]  # inputs via env only


def _run(web: LocalWeb, tmp: Path, **inputs: str) -> tuple[int, dict[str, str], str, subprocess.CompletedProcess[str]]:
    wrapper = tmp / "ck-bin"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m citekeeper "$@"\n')
    wrapper.chmod(0o755)
    out, summary = tmp / "github_output", tmp / "step_summary"
    out.write_text("")
    summary.write_text("")
    env = {**os.environ, **web.env(), "CITEKEEPER_BIN": str(wrapper), "RUNNER_TEMP": str(tmp),
           "GITHUB_OUTPUT": str(out), "GITHUB_STEP_SUMMARY": str(summary)}
    env.pop("GITHUB_TOKEN", None)
    env.update({f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    p = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, env=env, cwd=tmp, timeout=120)
    outputs = dict(line.split("=", 1) for line in out.read_text().splitlines() if "=" in line)
    return p.returncode, outputs, summary.read_text(), p


def _bib(tmp: Path, web: LocalWeb, name: str = "my refs.bib") -> Path:
    p = tmp / name
    alive, dead = web.url("/ok/action"), web.url("/404")
    p.write_text("@misc{alive,\n  url = {" + alive + "}\n}\n\n@misc{dead,\n  title = {Dead},\n"
                 "  url = {" + dead + "}\n}\n", encoding="utf-8")
    return p


def test_failing_links_fail_the_step_with_outputs_report_and_summary(web: LocalWeb, tmp_path: Path) -> None:
    _bib(tmp_path, web)
    code, outputs, summary, p = _run(web, tmp_path, files='"my refs.bib"', format="json",
                                     output="out/links.json", args="--allow-private --archive none")
    assert code == 1 and outputs["exit_code"] == "1", p.stderr
    assert outputs["report"] == "out/links.json"
    report = json.loads((tmp_path / "out" / "links.json").read_text())
    assert report["version"] and report["summary"]["failing"] == 1
    assert f"Failing: **{report['summary']['failing']}**" in summary  # the same run's numbers
    assert "::error file=my refs.bib,line=7," in p.stdout.replace("%3A", ":")  # the url line


def test_fail_false_keeps_the_step_green_and_reports_the_code(web: LocalWeb, tmp_path: Path) -> None:
    _bib(tmp_path, web, "refs.bib")
    code, outputs, _, _ = _run(web, tmp_path, files="*.bib", fail="false", args="--allow-private --archive none")
    assert code == 0 and outputs["exit_code"] == "1"


def test_confirm_runs_summary_is_the_runs_own_verdict(web: LocalWeb, tmp_path: Path) -> None:
    """With confirm-runs 2 the first failing run is green, and its summary says so
    (the old action checked again for the summary and reported the link as failing)."""
    _bib(tmp_path, web, "refs.bib")
    before = web.requests["/404"]
    args = "--allow-private --archive none --confirm-runs 2"
    code, outputs, summary, p = _run(web, tmp_path, files="refs.bib", args=args, cache="c/links.sqlite")
    assert code == 0 and outputs["exit_code"] == "0", p.stderr
    assert "Failing: **0**" in summary and "unconfirmed" in summary
    assert web.requests["/404"] - before == 1  # one check, not one more for the summary
    code, outputs, summary, _ = _run(web, tmp_path, files="refs.bib", args=args, cache="c/links.sqlite")
    assert code == 1 and "Failing: **1**" in summary


def test_inputs_are_not_evaluated_by_the_shell(web: LocalWeb, tmp_path: Path) -> None:
    _bib(tmp_path, web, "refs.bib")
    marker = tmp_path / "pwned"
    _, outputs, _, p = _run(web, tmp_path, files=f"refs.bib $(touch {marker})",
                               args=f"--allow-private --archive none --ignore '/4 04$' ; touch {marker}")
    assert not marker.exists()
    assert outputs.get("exit_code") in ("2", "3"), p.stderr  # ";" and "touch" are just (bad) words
