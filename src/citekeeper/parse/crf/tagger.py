"""Loading the shipped CRF once, tagging token sequences, and training a model.

The model file ships inside the package (``model.crfsuite``), so parsing never
downloads anything.  It is opened on first use only: commands that never meet an
unparseable reference do not pay for loading it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from citekeeper.errors import CitekeeperError
from citekeeper.parse.crf.features import sequence_features, tokenize

MODEL_PATH = Path(__file__).with_name("model.crfsuite")

_lock = threading.Lock()
_taggers: dict[Path, Any] = {}  # pycrfsuite.Tagger: a C extension without type stubs


class ModelError(CitekeeperError):
    """The CRF model file is missing or python-crfsuite is not installed."""


def _crfsuite() -> ModuleType:
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise ModelError("python-crfsuite is not installed (pip install python-crfsuite)") from exc
    return pycrfsuite


def get_tagger(path: Path | None = None) -> Any:
    """The ``pycrfsuite.Tagger`` for ``path`` (default: the shipped model), opened once."""
    path = path or MODEL_PATH
    tagger = _taggers.get(path)
    if tagger is None:
        with _lock:
            tagger = _taggers.get(path)
            if tagger is None:
                if not path.exists():
                    raise ModelError(f"reference-parser model not found: {path}")
                tagger = _crfsuite().Tagger()
                tagger.open(str(path))
                _taggers[path] = tagger
    return tagger


def tag(
    tokens: list[str], *, model: Path | None = None, marginals: bool = True
) -> list[tuple[str, str, float]]:
    """``(token, label, confidence)`` for every token; confidence is the label's marginal."""
    if not tokens:
        return []
    tagger = get_tagger(model)
    with _lock:  # a crfsuite Tagger holds the sequence it last tagged: not thread-safe
        labels = tagger.tag(sequence_features(tokens))
        if marginals:
            probs = [tagger.marginal(lab, i) for i, lab in enumerate(labels)]
        else:
            probs = [1.0] * len(labels)
    return list(zip(tokens, labels, probs, strict=False))


def tag_text(text: str, *, model: Path | None = None) -> list[tuple[str, str, float]]:
    """Tag a reference string (split on white space)."""
    return tag(tokenize(text), model=model)


def train(
    examples: Iterable[tuple[list[str], list[str]]],
    out: Path,
    params: dict[str, float | int] | None = None,
) -> Path:
    """Train an L-BFGS CRF on ``(tokens, labels)`` pairs and write it to ``out``."""
    trainer = _crfsuite().Trainer(verbose=False)
    for tokens, labels in examples:
        trainer.append(sequence_features(tokens), labels)
    trainer.select("lbfgs")
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 100, **(params or {})})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    with _lock:
        _taggers.pop(out, None)
    return out
