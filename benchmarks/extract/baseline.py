"""Run a benchmark script again on citekeeper as it was at a git revision (the peer)."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_at(rev: str, script: str, *args: str) -> str:
    """stdout of ``python script args`` with ``git archive rev src`` first on the path."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "src.tar"
        subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), rev, "src"], check=True)
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "src")}
        proc = subprocess.run([sys.executable, script, *args], capture_output=True, text=True, env=env)
        if proc.returncode:
            raise SystemExit(f"{script} at {rev} failed:\n{proc.stderr}")
        return proc.stdout
