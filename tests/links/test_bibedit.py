"""Surgical .bib edits: one field changes, every other byte stays."""

from __future__ import annotations

import pytest

from citekeeper.formats.bibedit import (
    BibEditError,
    Edit,
    FieldChange,
    apply_edits,
    find_entry,
    scan,
    set_field,
    set_fields,
)

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


# -- the batch: every edit in one pass ------------------------------------------------


def test_batch_changes_only_the_edited_values() -> None:
    edits = [
        Edit("smith2020", "url", "", "url-tracking", old="?x=1&y=%20"),
        Edit("smith2020", "archivedate", "2014-01-01", "archived"),
        Edit("one", "url", "https://ex.org/one"),
        Edit("bare", "archiveurl", "A"),
        Edit("bare", "archivedate", "D"),
    ]
    r = apply_edits(SAMPLE, edits)
    expected = SAMPLE.replace("{https://example.org/a?x=1&y=%20}", "{https://example.org/a}")
    expected = expected.replace("  urldate   = {2021-11-30},\n", "  urldate   = {2021-11-30},\n  archivedate = {2014-01-01},\n")
    expected = expected.replace("url={https://ex.org/1}", "url={https://ex.org/one}")
    expected = expected.replace("\turl = {https://ex.org/tabs}\n", "\turl = {https://ex.org/tabs},\n\tarchiveurl = {A},\n\tarchivedate = {D}\n")
    assert r.text == expected
    assert r.skipped == []
    assert r.changes[0] == FieldChange("smith2020", "url", "https://example.org/a?x=1&y=%20",
                                       "https://example.org/a", "url-tracking", 4)
    assert [(c.key, c.field, c.old) for c in r.changes[1:]] == [
        ("smith2020", "archivedate", None), ("one", "url", "https://ex.org/1"),
        ("bare", "archiveurl", None), ("bare", "archivedate", None)]


def test_batch_equals_one_edit_at_a_time() -> None:
    """The batch and the old field-by-field path give the same bytes."""
    pairs = [("smith2020", "note", "N"), ("smith2020", "title", "T"), ("one", "year", "2020"),
             ("bare", "title", "Spaces")]
    one_by_one = SAMPLE
    for key, name, value in pairs:
        r = apply_edits(one_by_one, [Edit(key, name, value)])
        one_by_one = r.text
    assert apply_edits(SAMPLE, [Edit(k, n, v) for k, n, v in pairs]).text == one_by_one


def test_batch_composes_edits_of_one_field_in_order() -> None:
    text = "@misc{a, url = {http://x/?utm_source=1&fbclid=2}}\n"
    r = apply_edits(text, [Edit("a", "url", "", "t1", old="utm_source=1&"), Edit("a", "url", "", "t2", old="?fbclid=2")])
    assert r.text == "@misc{a, url = {http://x/}}\n"
    assert len(r.changes) == 1 and r.changes[0].why == "t1; t2"


def test_batch_skips_with_reasons_and_never_half_edits() -> None:
    r = apply_edits(SAMPLE, [
        Edit("nope", "url", "x"),
        Edit("smith2020", "month", "February", old="jan"),  # a macro, not a literal
        Edit("smith2020", "url", "y", old="not there"),
        Edit("smith2020", "urldate", "2021-11-30"),  # unchanged: no change record
    ])
    assert r.text == SAMPLE and r.changes == []
    assert [why for _, why in r.skipped] == [
        "entry not found", "value is not a plain literal", "text to replace not found in the value"]


def test_batch_is_one_pass_on_a_large_file() -> None:
    """10,000 entries, one edit each: the result is right entry by entry (speed is in
    benchmarks/lint, not asserted here)."""
    text = "".join(f"@misc{{k{i},\n  url = {{http://dx.doi.org/10.1/{i}}}\n}}\n\n" for i in range(10_000))
    r = apply_edits(text, [Edit(f"k{i}", "url", f"https://doi.org/10.1/{i}") for i in range(10_000)])
    assert len(r.changes) == 10_000
    assert r.text == text.replace("http://dx.doi.org/", "https://doi.org/")


def test_check_fix_edits_a_symlinked_bib_at_its_target(tmp_path) -> None:
    """``check --fix``'s writer: one pass per file, the link kept, the mode kept."""
    from citekeeper.links.fix import Fix, apply, apply_changes

    real = tmp_path / "library.bib"
    real.write_text("\ufeff" + SAMPLE, encoding="utf-8")
    real.chmod(0o644)
    link = tmp_path / "paper.bib"
    link.symlink_to(real)
    fixes = [Fix(str(link), "one", 13, (("archiveurl", "U"), ("archivedate", "D"))),
             Fix(str(link), "missing", 99, (("archiveurl", "U"), ("archivedate", "D")))]
    changes, warnings = apply_changes(fixes)
    assert link.is_symlink() and real.stat().st_mode & 0o777 == 0o644
    assert real.read_text(encoding="utf-8") == "\ufeff" + SAMPLE.replace(
        "url={https://ex.org/1})", "url={https://ex.org/1}, archiveurl = {U}, archivedate = {D})")
    assert [(c.file, c.key, c.field, c.old, c.new) for c in changes] == [
        (str(link), "one", "archiveurl", None, "U"), (str(link), "one", "archivedate", None, "D")]
    assert warnings == [f"{link}:99: missing: entry not found; not fixed"]
    done, _ = apply(fixes)  # already there: nothing changes, nothing reported as done
    assert done == []
