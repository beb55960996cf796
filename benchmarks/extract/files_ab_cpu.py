"""CPU of ``extract`` with some files as they were at a git revision against this checkout (an owner's A/B).

    flock /tmp/bench.lock python3 benchmarks/extract/files_ab_cpu.py --rev 5feef09 \\
        --files src/citekeeper/extract/pdforder.py src/citekeeper/extract/reflist.py … --sizes 1 4 16 --repeat 3

Several helpers change ``src/`` in one working tree at once, so a whole-tree baseline (``notes_cpu.py``)
times their changes too.  Here both sides are ``git archive HEAD src`` copies: the peer with ``--files``
put back as they were at ``--rev``, this side with them as the working tree has them — only those files
differ.  Timed per pass, interleaved (peer, this, peer, …), medians of ``--repeat``: process CPU of
``extract_article`` over every dev notes text (``tests/extract/data*``, ``data/dev/notes*``; each text
repeated k times in one text for ``kx``, so a rule that is not linear shows in the steps) and of
``read_file`` over the dev PDFs (once each: a PDF cannot be repeated).
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_FOLDERS = ("tests/extract/data", "tests/extract/data_fresh", "data/dev")


def _texts() -> list[tuple[str, str]]:
    paths = sorted(p for f in _FOLDERS for p in (ROOT / f).glob("**/*.txt") if "notes" in str(p) or "tests" in str(p))
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def _pdfs() -> list[Path]:
    return sorted(p for p in (ROOT / "data" / "dev").glob("notes*/*.pdf"))


def cpu_once(size: int, pdfs: bool) -> float:
    """Seconds of CPU for one pass (texts at ``size`` copies, or every dev PDF once)."""
    from citekeeper.errors import CitekeeperError

    start = time.process_time()
    if pdfs:
        from citekeeper.formats import read_file

        for path in _pdfs():
            with contextlib.suppress(CitekeeperError):
                read_file(path)
    else:
        from citekeeper.extract import extract_article

        for name, text in _texts():
            with contextlib.suppress(CitekeeperError):
                extract_article("\n\n".join([text] * size), file=name)
    return time.process_time() - start


def _tree(dest: Path, rev: str | None, files: list[str]) -> Path:
    """HEAD's ``src`` in ``dest``; ``files`` from the working tree (``rev`` None) or from ``rev``."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "src"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    for name in files:
        target = dest / name
        if rev is None:
            shutil.copyfile(ROOT / name, target)
        else:
            target.write_bytes(subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{name}"], check=True,
                                              capture_output=True).stdout)
    return dest / "src"


def _run(src: Path, size: int, pdfs: bool) -> float:
    out = subprocess.run([sys.executable, __file__, "--once", str(size), *(["--pdfs"] if pdfs else [])],
                         check=True, capture_output=True, text=True, env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"})
    return float(out.stdout.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", help="git revision the peer's --files come from")
    ap.add_argument("--files", nargs="+", default=[])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--once", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--pdfs", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.once:
        print(cpu_once(args.once, args.pdfs))
        return
    with tempfile.TemporaryDirectory() as tmp:
        peer_src = _tree(Path(tmp) / "peer", args.rev, args.files)
        here_src = _tree(Path(tmp) / "here", None, args.files)
        print(f"| input | these files at {args.rev} | this checkout's | ratio |\n|---|---:|---:|---:|")
        for size, pdfs in [*((s, False) for s in args.sizes), (1, True)]:
            peer, here = [], []
            for _ in range(args.repeat):
                peer.append(_run(peer_src, size, pdfs))
                here.append(_run(here_src, size, pdfs))
            p, h = statistics.median(peer), statistics.median(here)
            label = "dev PDFs (read_file)" if pdfs else f"dev texts {size}x"
            print(f"| {label} | {p:.3f} s | {h:.3f} s | {h / p:.3f} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
