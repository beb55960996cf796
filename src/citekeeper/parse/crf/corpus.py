"""Reading labelled reference strings (JSONL) and the fixed train / held-out split.

The split is decided by a hash of each string, not by a random generator or file order,
so the training script and the benchmark agree on it on every machine and every run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from citekeeper.parse.crf.labels import normalize_tokens

Example = tuple[list[str], list[str]]  # tokens, tagger labels


def read_jsonl(path: Path) -> Iterator[dict]:
    """The records of one JSONL file (``text``, ``tokens``, ``origin``)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                yield json.loads(line)


def to_example(record: dict) -> Example:
    """A record's tokens and their tagger labels (see ``labels.normalize_tokens``)."""
    pairs = normalize_tokens(record["tokens"])
    return [t for t, _ in pairs], [lab for _, lab in pairs]


def norm_text(text: str) -> str:
    """The string as compared for duplicates: white space collapsed."""
    return " ".join(text.split())


def is_heldout_gold(record: dict) -> bool:
    """Half of AnyStyle's gold set, chosen by hash, is kept out of training for the benchmark."""
    if not record.get("origin", "").endswith("gold.xml"):
        return False
    digest = hashlib.sha1(norm_text(record["text"]).encode("utf-8")).digest()
    return digest[0] % 2 == 0


def training_records(paths: Iterable[Path], exclude_texts: set[str]) -> list[dict]:
    """Every record of ``paths`` except held-out gold strings and ``exclude_texts``."""
    out = []
    for path in paths:
        for rec in read_jsonl(path):
            if is_heldout_gold(rec) or norm_text(rec["text"]) in exclude_texts:
                continue
            if rec.get("tokens"):
                out.append(rec)
    return out
