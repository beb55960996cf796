"""A Russian work cited in English translation (language ru, Latin-script title) gets the
terms of its script under GOST's per-entry locale: "P. 80-84", "ed. by", not "С.", "под ред."."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citekeeper.cli import main

ITEMS = [
    {"id": "chuvilov", "type": "paper-conference", "language": "ru",
     "author": [{"family": "Chuvilov", "given": "I. A."}], "editor": [{"family": "Dostanko", "given": "E. A."}],
     "title": "Cambodia's foreign policy in 2022: Key achievements",
     "container-title": "International relations: History, theory, practice", "page": "80-84",
     "publisher": "BSU publ.", "publisher-place": "Minsk", "issued": {"date-parts": [[2023]]}},
    {"id": "ivanov", "type": "article-journal", "language": "ru",
     "author": [{"family": "Иванов", "given": "И. И."}], "title": "Название статьи",
     "container-title": "Вестник", "page": "10-20", "issued": {"date-parts": [[2019]]}},
]


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out = capsys.readouterr()
    return int(exc.value.code or 0), out.out, out.err


def test_translated_entry_english_terms_russian_entry_russian_terms(capsys, tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(ITEMS, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "render", str(path), "-s", "gost")
    assert code == 0
    chuvilov = next(ln for ln in out.splitlines() if "Chuvilov" in ln)
    ivanov = next(ln for ln in out.splitlines() if "Иванов" in ln)
    assert "P. 80" in chuvilov and "ed. by" in chuvilov and "С." not in chuvilov and "под ред" not in chuvilov
    assert "С. 10" in ivanov
