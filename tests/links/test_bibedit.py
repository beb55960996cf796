"""Surgical .bib edits: one field changes, every other byte stays."""

from __future__ import annotations

import pytest

from citekeeper.formats.bibedit import BibEditError, find_entry, scan, set_field, set_fields

SAMPLE = """% my bibliography — hand formatted
@string{jan = "January"}

@Article{smith2020,
  author    = {Smith, J. and {Acme Corp.}},
  title     = "A {Nested} Title",
  month     = jan,
  note      = {see } # jan,
  url       = {https://example.org/a?x=1&y=%20},
  urldate   = {2021-11-30},
}

@misc(one, title={One line}, url={https://ex.org/1})
@comment{ @misc{fake, url = {x}} }
@misc{bare,
\ttitle = {Tabs},
\turl = {https://ex.org/tabs}
}
"""


def diff_only(before: str, after: str, inserted: str) -> bool:
    """``after`` is ``before`` with exactly ``inserted`` added at one place."""
    return any(before[:i] + inserted + before[i:] == after for i in range(len(before) + 1))


def test_scan_finds_entries_and_fields() -> None:
    s = scan(SAMPLE)
    assert [e.key for e in s.entries] == ["smith2020", "one", "bare"]
    e = s.entries[0]
    assert e.line == 4 and e.type == "article"
    assert e.get("title").value == "A {Nested} Title"
    assert not e.get("month").is_literal and not e.get("note").is_literal
    assert e.get("URL").value == "https://example.org/a?x=1&y=%20"
    assert s.problems == []


def test_insert_keeps_trailing_comma_style_and_alignment() -> None:
    after = set_field(SAMPLE, "smith2020", "archiveurl", "https://web.archive.org/web/2014/x")
    assert diff_only(SAMPLE, after, "\n  archiveurl = {https://web.archive.org/web/2014/x},")


def test_insert_without_trailing_comma_uses_tabs() -> None:
    after = set_field(SAMPLE, "bare", "archivedate", "2014-06-01")
    assert diff_only(SAMPLE, after, ",\n\tarchivedate = {2014-06-01}")


def test_insert_into_one_line_entry() -> None:
    after = set_field(SAMPLE, "one", "archivedate", "2014")
    assert diff_only(SAMPLE, after, ", archivedate = {2014}")


def test_replace_existing_value_only() -> None:
    after = set_field(SAMPLE, "smith2020", "URLDATE", "2022-01-01")
    assert after == SAMPLE.replace("{2021-11-30}", "{2022-01-01}")


def test_crlf_line_ends_are_kept() -> None:
    text = "@misc{a,\r\n  url = {u}\r\n}\r\n"
    assert set_field(text, "a", "archivedate", "2014") == \
        "@misc{a,\r\n  url = {u},\r\n  archivedate = {2014}\r\n}\r\n"


def test_entry_without_fields() -> None:
    assert set_field("@misc{a}\n", "a", "url", "u") == "@misc{a,\n  url = {u}\n}\n"
    assert set_field("@misc{a,\n}\n", "a", "url", "u") == "@misc{a,\n  url = {u}\n}\n"


def test_unbalanced_braces_in_value_are_encoded() -> None:
    after = set_field("@misc{a, t = {x}}", "a", "archiveurl", "https://x/}{")
    assert "archiveurl = {https://x/%7D%7B}" in after


def test_several_fields_and_missing_entry() -> None:
    after = set_fields(SAMPLE, "one", [("archiveurl", "U"), ("archivedate", "D")])
    assert diff_only(SAMPLE, after, ", archiveurl = {U}, archivedate = {D}")
    with pytest.raises(BibEditError):
        set_field(SAMPLE, "nope", "x", "y")


def test_case_insensitive_key_lookup_prefers_exact() -> None:
    text = "@misc{Key, a = {1}}\n@misc{key, a = {2}}\n"
    assert find_entry(text, "key").fields[0].value == "2"
    assert find_entry(text, "KEY").fields[0].value == "1"


def test_broken_entry_is_a_problem_not_a_crash() -> None:
    s = scan("@misc{a, title = {unclosed}\n\n@misc{b, url = {u}}\n")
    assert s.problems and s.problems[0][0] == 1
