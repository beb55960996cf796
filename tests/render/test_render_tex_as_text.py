"""TeX a source kept as *text* (Better BibTeX's export of a Zotero record that held LaTeX)
is decoded once more for display (``formats.texfix``), and nothing else is touched."""

from __future__ import annotations

import pytest

from citekeeper import formats
from citekeeper.formats.texfix import for_display, has_tex, redecode
from citekeeper.render.api import render_bibliography

# As Better BibTeX writes Zotero records whose text contained LaTeX (shapes from
# ../shared/realbib/bbt-import-unabbreviate-1436-3.bib, with made-up records).
BIB = r"""
@article{garcia_1993,
  title = {Charge Asymmetry in \{\vphantom\}{{GaN}}\vphantom\{\} and {{In}}\$\_x\${{Ga}}\$\_\{1-X\}\${{N}} near (01\textbackslash{}bar\{1\}0)},
  author = {Garc\textbackslash{}'ia, Alberto and M\textbackslash{}aa\{\}rtensson, Thomas and Buka\textbackslash{}la, M},
  journal = {Phys. Rev. B},
  year = {1993},
}
@article{plain_2013,
  title = {Holes among \{010\} and \{110\} Crystal Facets of {{BiVO4}}, about \textasciitilde 5 nm},
  author = {Li, Rengui},
  journal = {Nat. Commun.},
  publisher = {\$abstract.copyright\_name.value},
  year = {2013},
}
@book{aarhus,
  title = {Notes from \textbackslash{}AA rhus},
  author = {Thi{\'e}baux, Sylvie},
  publisher = {Aarhus University Press},
  address = {\textbackslash{}AA rhus},
  year = {2001},
}
"""


@pytest.fixture()
def bib(tmp_path):
    path = tmp_path / "bbt.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


def test_the_record_keeps_the_text_as_written(bib):
    refs = {r.id: r for r in formats.read_file(bib).references}
    assert refs["garcia_1993"].names["author"][0].family == "Garc\\'ia"
    assert refs["aarhus"].get("publisher-place") == "\\AA rhus"


def test_rendered_text_has_no_tex_left(bib):
    entries, _ = render_bibliography([bib], "apa")
    text = "\n".join(entries)
    assert "García, A., Mårtensson, T., & Bukała, M. (1993). Charge Asymmetry in GaN and InₓGa1-XN " \
           "near (011\u03050)" in text
    assert "Notes from Århus. Aarhus University Press." in text
    # literal braces that are not TeX stay: Miller indices, a lone dollar, a tilde
    assert "Holes among {010} and {110} Crystal Facets of BiVO4, about ~5 nm" in text
    assert "$abstract.copyright_name.value" not in text  # APA prints no publisher for articles


@pytest.mark.parametrize(("text", "want"), [
    ("Garc\\'ia", "García"),
    ("\\AA rhus", "Århus"),
    ("Al_{x}Ga_{1-x}N", "AlₓGa₁₋ₓN"),
    ("Fe_ {3} O_ {4} and NiO", "Fe₃ O₄ and NiO"),
    ("(1\\times1) Surfaces", "(1×1) Surfaces"),
    ("in $m$-plane GaN", "in m-plane GaN"),
    ("GaN{0001} and { -2110} planes", "GaN{0001} and { -2110} planes"),
    ("Mickevi\\ucius", "Mickevi\\ucius"),  # no macro: left as written
    ("costs $5 and $10", "costs $5 and $10"),
    ("sets {A, B} and {x}", "sets {A, B} and {x}"),
    ("file_2 and x^2", "file_2 and x^2"),
    ("1528-7483\\r1528-7505", "1528-7483\\r1528-7505"),
    ("Semipolar (1\\bar101) InGaN", "Semipolar (11\u030501) InGaN"),
    ("100 $\\upmu $A and H$$_{c1}$$", "100 μA and Hc1"),  # no subscript c in Unicode: plain
])
def test_redecode_is_conservative(text, want):
    assert redecode(text) == want


def test_case_protection_braces_become_nocase_in_titles():
    assert redecode("{S}urface of {GaN}", rich=True) == \
        '<span class="nocase">S</span>urface of <span class="nocase">GaN</span>'
    assert not has_tex("{S}urface of {GaN}")


def test_identifiers_are_never_touched_and_clean_records_are_not_copied():
    from citekeeper.model import Reference

    ref = Reference(id="k", fields={"title": "Plain", "DOI": "10.1/x_{1}", "URL": "https://e.org/\\AA"})
    assert for_display(ref) is ref
    ref.fields["title"] = "\\AA rhus"
    shown = for_display(ref)
    assert shown.title == "Århus" and shown.doi == "10.1/x_{1}" and ref.title == "\\AA rhus"
