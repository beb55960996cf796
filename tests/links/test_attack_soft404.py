"""Attack harness, part 8: soft 404s in other languages, charsets and disguises, and
live pages that must not be taken for them.

Every page is served by a real server on loopback with its bytes in the charset it
declares (HTTP header, ``<meta>``, ``http-equiv``, an XML declaration or a BOM), and
checked with ``citekeeper check``.  Dead pages must come back ``broken`` with
"soft 404" in the reason; live pages ``ok``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_attack_hostile import FAST, Req, Route, Scripted, _hop, answer, check, write_bib


def served(title: str, charset: str = "utf-8", declare: str = "header", body: str = "",
           status: str = "200 OK") -> Route:
    """A page whose ``title`` is encoded in ``charset`` and declared by ``declare``."""
    async def route(r: Req) -> bool:
        decl = {"meta": f'<meta charset="{charset}">',
                "http-equiv": f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'}
        head = decl.get(declare, "")
        prolog = f'<?xml version="1.0" encoding="{charset}"?>\n' if declare == "xml" else ""
        text = (f"{prolog}<!DOCTYPE html><html><head>{head}<title>{title}</title></head>"
                f"<body>{body}</body></html>")
        data = text.encode(charset)
        if declare == "bom" and charset.startswith("utf-16"):
            data = text.encode("utf-16")  # with its BOM
        ct = f"Content-Type: text/html; charset={charset}" if declare == "header" else "Content-Type: text/html"
        r.send(answer(status, data, ct))
        return True
    return route


DEAD: dict[str, Route] = {
    "sjis": served("ページが見つかりません", "shift_jis", "meta"),
    "eucjp": served("お探しのページは見つかりませんでした", "euc-jp", "http-equiv"),
    "gbk": served("页面不存在", "gbk", "header"),
    "big5": served("找不到網頁", "big5", "meta"),
    "koi8r": served("Страница не найдена", "koi8-r", "header"),
    "cp1251-xml": served("Страница не найдена", "windows-1251", "xml"),
    "latin2": served("Stránka nenalezena", "iso-8859-2", "header"),
    "cp1250-pl": served("Nie znaleziono strony", "windows-1250", "meta"),
    "greek": served("Η σελίδα δεν βρέθηκε", "iso-8859-7", "header"),
    "arabic": served("الصفحة غير موجودة", "windows-1256", "meta"),
    "hebrew": served("הדף לא נמצא", "windows-1255", "header"),
    "utf16": served("Page not found", "utf-16", "bom"),
    "euckr": served("페이지를 찾을 수 없습니다", "euc-kr", "meta"),
    "hex-entities": served("&#x41E;&#x448;&#x438;&#x431;&#x43A;&#x430; 404"),
    "named-entities": served("P&aacute;gina no encontrada"),
    "upper": served("PAGE NOT FOUND"),
    "spread": served("\n  Sorry,\n  this   page\n  <span>does not</span> exist\n"),
    "de": served("Die Seite existiert nicht"),
    "sv": served("Sidan kunde inte hittas"),
    "hu": served("Az oldal nem található"),
    "fi": served("Sivua ei löytynyt"),
    "ro": served("Pagina nu a fost găsită"),
    "uk": served("Сторінку не знайдено"),
    "da": served("Siden blev ikke fundet"),
    "no": served("Siden finnes ikke"),
    "vi": served("Không tìm thấy trang"),
    "id": served("Halaman tidak ditemukan"),
    "hi": served("पृष्ठ नहीं मिला"),
    "fa": served("صفحه پیدا نشد"),
    "th": served("ไม่พบหน้าที่คุณต้องการ"),
    "ca": served("No s'ha trobat la pàgina"),
    "hr": served("Stranica nije pronađena"),
    "sk": served("Stránka sa nenašla"),
    "sl": served("Stran ne obstaja"),
    "lt": served("Puslapis nerastas"),
    "lv": served("Lapa nav atrasta"),
    "et": served("Lehte ei leitud"),
    "bn": served("পৃষ্ঠা পাওয়া যায়নি"),
    "ur": served("صفحہ نہیں ملا"),
    "short-body": served("Example University", body="<p>The requested URL was not found on this server.</p>"),
    "h1-only": served("Example", body="<h1>404 - File or directory not found.</h1>"),
}

LIVE: dict[str, Route] = {
    "live-found": served("Found in Translation: a study"),
    "live-lost-found": served("Lost and Found: Objects of Memory"),
    "live-ru": served("Поиск ненайденных частиц в детекторе", "windows-1251", "meta"),
    "live-404-in-url": served("Mirror of http://example.org/404/report", body="<p>" + "text " * 300 + "</p>"),
    "live-long": served("A long article", body="<p>" + "Lorem ipsum dolor sit amet. " * 800
                        + "If a page is not found, write to us.</p>"),
    "live-sjis": served("論文の要旨と本文", "shift_jis", "meta"),
    "live-room": served("Room 404: minutes of the committee"),
}

GENERIC: dict[str, Route] = {
    "to-wp-login": _hop("/wp-login.php?redirect_to=%2Fpaper%2F1"),
    "to-accounts-login": _hop("/accounts/login/?next=/paper/1"),
    "to-shib": _hop("/Shibboleth.sso/Login?target=/paper/1"),
    "to-sso-host": _hop("/cas/login?service=http%3A%2F%2Fx%2Fpaper"),
    "to-wp-search": _hop("/?s=paper+1"),
    "to-amazon-search": _hop("/s?k=paper"),
    "to-catalog": _hop("/catalog?query=paper"),
    "to-aspx-error": _hop("/GenericErrorPage.htm?aspxerrorpath=/paper/1"),
    "to-notfound-aspx": _hop("/notfound.aspx?aspxerrorpath=/paper/1"),
    "to-error-code": _hop("/error?code=404"),
    "to-home-query": _hop("/?from=404"),
    "to-home-lang": _hop("/?lang=en"),
    "to-index-php": _hop("/index.php"),
    "to-lang-home": _hop("/fr/"),
}
def _keeps(location: str, status: str = "301 Moved Permanently") -> Route:
    """Redirects once to ``location`` (the same page, written another way), then serves it."""
    async def route(r: Req) -> bool:
        if r.path == location:
            r.send(answer("200 OK", b"<title>The paper</title>", "Content-Type: text/html"))
        else:
            r.send(answer(status, b"", f"Location: {location}"))
        return True
    return route


SAME: dict[str, Route] = {  # redirects that keep the page: not soft 404s
    "to-trailing-slash": _keeps("/to-trailing-slash/paper/1/"),
    "to-index": _keeps("/to-index/paper/1/index.html", "302 Found"),
    "to-session": _keeps("/to-session/paper/1?sid=abc", "302 Found"),
}


@pytest.fixture(scope="module")
def site() -> Iterator[Scripted]:
    routes = {**DEAD, **LIVE, **GENERIC, **SAME}

    async def fallback(r: Req) -> bool:  # landing pages: plain live pages
        r.send(answer("200 OK", b"<title>Example site</title>", "Content-Type: text/html"))
        return True

    for name in ("", "wp-login.php", "accounts", "Shibboleth.sso", "cas", "s", "catalog", "GenericErrorPage.htm",
                 "notfound.aspx", "error", "index.php", "fr"):
        routes[name] = fallback
    s = Scripted(routes).start()
    yield s
    s.stop()


def verdict(site: Scripted, tmp_path: Path, path: str) -> dict:
    run = check([str(write_bib(tmp_path, [site.url(path)])), *FAST], cwd=tmp_path)
    return run.rows[0]


@pytest.mark.parametrize("name", sorted(DEAD))
def test_a_dead_page_in_any_language_and_charset(site: Scripted, tmp_path: Path, name: str) -> None:
    row = verdict(site, tmp_path, f"/{name}/paper/1")
    assert row["status"] == "broken" and "soft 404" in row["reason"], row


@pytest.mark.parametrize("name", sorted(LIVE))
def test_a_live_page_is_not_a_soft_404(site: Scripted, tmp_path: Path, name: str) -> None:
    row = verdict(site, tmp_path, f"/{name}/paper/1")
    assert row["status"] == "ok", row


@pytest.mark.parametrize("name", sorted(GENERIC))
def test_a_deep_link_sent_to_a_generic_page(site: Scripted, tmp_path: Path, name: str) -> None:
    row = verdict(site, tmp_path, f"/{name}/paper/1")
    assert row["status"] == "broken" and "soft 404" in row["reason"], row


@pytest.mark.parametrize("name", sorted(SAME))
def test_a_redirect_that_keeps_the_page_is_no_soft_404(site: Scripted, tmp_path: Path, name: str) -> None:
    row = verdict(site, tmp_path, f"/{name}/paper/1")
    assert row["status"] in ("ok", "redirected"), row
