"""``.pre-commit-hooks.yaml``: valid by pre-commit's own schema, an offline lint hook on
every commit, the networked check hook kept off the commit stage, and the lint hook's
command line working as pre-commit would run it (entry + args + the staged files)."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def _hooks() -> dict[str, dict]:
    return {h["id"]: h for h in load_manifest(str(MANIFEST))}  # raises on a schema error


def test_manifest_is_valid_and_has_both_hooks() -> None:
    hooks = _hooks()
    assert set(hooks) == {"citekeeper-lint", "citekeeper-check"}
    lint, check = hooks["citekeeper-lint"], hooks["citekeeper-check"]
    assert "pre-commit" in lint["stages"] and lint["language"] == "python"
    assert "pre-commit" not in check["stages"] and "manual" in check["stages"]
    assert "network" in check["name"].lower()


def _run_hook(hook: dict, files: list[Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    cmd = shlex.split(hook["entry"])
    if cmd[0] == "citekeeper" and shutil.which("citekeeper") is None:
        cmd = [sys.executable, "-m", "citekeeper", *cmd[1:]]
    return subprocess.run([*cmd, *hook["args"], *map(str, files)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_lint_hook_passes_warnings_and_fails_errors(tmp_path: Path) -> None:
    import re

    hook = _hooks()["citekeeper-lint"]
    ok = tmp_path / "ok.bib"
    ok.write_text("@book{a, title = {T}, publisher = {P}, date = {2020}, url = {https://x.org/?utm_source=y}}\n",
                  encoding="utf-8")
    bad = tmp_path / "bad.bib"
    bad.write_text("@book{b, title = {T}, publisher = {P}, date = {2020-13-01}}\n", encoding="utf-8")
    staged = [p for p in (ok, bad, tmp_path / "notes.md") if re.search(hook["files"], p.name)]
    assert staged == [ok, bad]
    first = _run_hook(hook, [ok], tmp_path)
    assert first.returncode == 0 and "url-tracking" in first.stdout, first.stdout + first.stderr
    second = _run_hook(hook, staged, tmp_path)
    assert second.returncode == 1 and "date-impossible" in second.stdout
