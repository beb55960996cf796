"""The soft-404 pre-test's fast paths say what the full tests say."""

from __future__ import annotations

import random

from citekeeper.links import judge


def test_the_ascii_trie_finds_what_the_full_trie_finds_on_ascii_pages() -> None:
    rnd = random.Random(7)
    words = [w for w in judge._HINTS if w.isascii()] + [b"lorem", b"ipsum", b"page", b"fond", b"4o4", b"exis"]
    for _ in range(2000):
        page = b" ".join(rnd.choice(words) for _ in range(rnd.randint(0, 12)))
        page = page.replace(b" ", rnd.choice([b" ", b"", b"<p>"]))
        assert bool(judge._HINT_ASCII.search(page)) == bool(judge._HINT.search(page)), page


def test_an_ascii_charset_name_is_found_within_five_bytes() -> None:
    for low in [b'<meta charset="utf-8">', b"<meta charset=utf8>", b"<meta charset = 'us-ascii'>",
                b'<meta charset="windows-1251">', b"<meta charset=", b'<meta charset=    "utf-8">',
                b"charset", b'charset="koi8-r" utf-8']:
        at = low.find(b"charset") + 7
        naive = any(low.startswith(c, k) for c in (b"utf-8", b"utf8", b"us-ascii") for k in range(at, min(at + 5, len(low))))
        assert judge._ascii_name_near(low, at) == naive, low


def test_pages_in_other_charsets_or_with_hints_are_read() -> None:
    assert judge._worth_reading(b"<title>Page not found</title>", "text/html; charset=utf-8")
    assert judge._worth_reading("<title>Страница не найдена</title>".encode(), "text/html; charset=utf-8")
    assert judge._worth_reading(b'<meta charset="windows-1251"><title>x</title>', "text/html")
    assert not judge._worth_reading(b'<meta charset="utf-8"><title>An article</title>', "text/html")
    assert not judge._worth_reading(b"<title>load page /p/1</title>", "text/html; charset=utf-8")


def test_the_written_out_header_charset_test_is_the_charset_list() -> None:
    page = b"<title>An article</title>"
    for name in judge._ASCII_CHARSETS:
        for ct in (f"text/html; charset={name}", f"text/html; charset=\"{name.upper()}\""):
            assert not judge._worth_reading(page, ct), ct
    for other in ("windows-1251", "iso-8859-1", "koi8-r", "shift_jis"):
        assert judge._worth_reading(page, f"text/html; charset={other}"), other


def test_the_written_out_type_test_reads_html_xml_and_plain_text_only() -> None:
    page = b"<title>Page not found</title>"
    for ct in ("text/html", "application/xhtml+xml", "TEXT/PLAIN; charset=utf-8", "application/xml", ""):
        assert judge.soft_404_text(page, ct), ct
    for ct in ("application/pdf", "image/png", "application/json"):
        assert judge.soft_404_text(page, ct) is None, ct
