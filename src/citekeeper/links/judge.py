"""Judging an answer: status codes, soft 404s, generic landing pages.

A page that answers 200 may still be dead.  The rules, each general:

* **The page says so**: its ``<title>`` (else first ``<h1>``), or the whole text of a
  short page, contains a "not found" phrase in one of the major languages
  (``NOT_FOUND``).  The page is decoded by its declared charset (HTTP header, then
  ``<meta charset>`` / ``http-equiv``, then a BOM; UTF-8 otherwise, windows-1252 when
  that fails) and HTML entities are resolved, so ``Seite nicht gefunden`` in
  ISO-8859-1 and ``Page&nbsp;not&nbsp;found`` are read as written.
* **A deep link sent to a generic page**: a URL with a path that, after redirects,
  lands on the site's home page (``/``, ``/index.html``, ``/en/``), a search page
  (``/search``, ``?q=``), a login page, an error page (``/404.html``) or a listing
  that is an ancestor of the cited path (``/news/2019/story`` -> ``/news/``).  The
  site did not find the page and showed something else instead.
"""

from __future__ import annotations

import codecs
import html
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit


class _Lazy:
    """A regular expression compiled on its first use (``search`` and the rest).

    Why: ``NOT_FOUND`` takes 6.8 ms to compile and ``LOGIN_PATH`` 4.3 ms, 11 of the
    15 ms this module took to import -- which a checking shard pays while its first
    connections are opening (``Checker.check_feed`` imports the judge 5 ms after the
    first requests start): on a busy machine those connections completed 35-100 ms
    late.  Most answers never reach either pattern (a page with no hint word, a link
    that was not redirected), and the first that does pays the compile once.
    """

    __slots__ = ("_args", "_rx")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._rx: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(*self._args)
        return rx

    def search(self, text: str, *args: int) -> re.Match[str] | None:
        return self.compiled().search(text, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

# "Not found" in English, German, French, Spanish, Catalan, Portuguese, Italian, Dutch,
# Swedish, Danish/Norwegian, Finnish, Estonian, Latvian, Lithuanian, Polish, Czech,
# Slovak, Slovenian, Croatian/Serbian/Bosnian, Hungarian, Romanian, Turkish,
# Russian/Ukrainian/Bulgarian, Greek, Indonesian/Malay, Vietnamese (between word
# boundaries), and -- without ``\b``, which fails after the combining vowel signs that
# end Devanagari, Bengali and Thai words -- Arabic, Hebrew, Persian, Urdu, Hindi,
# Bengali, Thai, Chinese, Japanese, Korean.  "404" counts beside an error word of any
# of these languages, or as the first word of a title ("404 - Example", "404").
_ERROR_WORDS = (r"error|fehler|erreur|errore|fout|fel|feil|virhe|b[łl][ąa]d|chyba|hiba|hata|eroare|greška"
                r"|ошибка|помилка|грешка|σφάλμα")
NOT_FOUND = _Lazy(
    r"\b(?:(?:" + _ERROR_WORDS + r")\s*(?:http\s*)?404|404\s*(?:error|not\s+found|-\s*not\s+found)|http\s*404"
    r"|page\s+(?:was\s+)?not\s+found|not\s+found|file\s+not\s+found"
    r"|page\s+(?:does\s+not|doesn'?t)\s+exist|(?:could|can\s*not|cannot)\s+be\s+found"
    r"|no\s+longer\s+(?:available|exists)|does\s*n[o']?t\s+exist|no\s+such\s+(?:page|file|article)"
    r"|could\s*n[o']?t\s+find|page\s+(?:is\s+)?(?:missing|unavailable|removed)"
    r"|seite\s+(?:wurde\s+)?nicht\s+gefunden|nicht\s+gefunden|existiert\s+nicht"
    r"|page\s+(?:non\s+)?introuvable|page\s+non\s+trouv[ée]e|n'existe\s+(?:pas|plus)"
    r"|p[aá]gina\s+no\s+encontrada|no\s+se\s+(?:ha\s+)?encontr[óo]|no\s+existe"
    r"|no\s+s'ha\s+(?:pogut\s+)?trobat|p[àa]gina\s+no\s+trobada"
    r"|p[aá]gina\s+n[aã]o\s+encontrada|n[aã]o\s+encontrad[ao]|n[aã]o\s+existe"
    r"|pagina\s+non\s+trovata|non\s+trovat[ao]|non\s+esiste"
    r"|pagina\s+niet\s+gevonden|niet\s+gevonden|bestaat\s+niet"
    r"|sidan\s+(?:kunde\s+inte\s+hittas|hittades\s+inte)|hittades\s+inte"
    r"|siden\s+(?:blev\s+ikke\s+fundet|finnes\s+ikke|ble\s+ikke\s+funnet)|ikke\s+fundet|finnes\s+ikke"
    r"|sivua\s+ei\s+l[öo]ytynyt|ei\s+l[öo]ytynyt|lehte\s+ei\s+leitud|ei\s+leitud"
    r"|lapa\s+nav\s+atrasta|nav\s+atrast[as]|puslapis\s+nerastas|nerastas|nerasta"
    r"|nie\s+znaleziono|strona\s+nie\s+istnieje|stránka\s+nenalezena|str[aá]nka\s+neexistuje"
    r"|str[aá]nka\s+sa\s+nena[sš]la|nena[sš]la|stran\s+ne\s+obstaja|ne\s+obstaja"
    r"|stranica\s+nije\s+prona[đd]ena|nije\s+prona[đd]en[ao]?|страница\s+није\s+пронађена"
    r"|nem\s+tal[aá]lhat[oó]|az\s+oldal\s+nem\s+tal[aá]lhat[oó]"
    r"|pagina\s+nu\s+a\s+fost\s+g[aă]sit[aă]|nu\s+a\s+fost\s+g[aă]sit"
    r"|sayfa\s+bulunamad[ıi]|bulunamad[ıi]"
    r"|страница\s+не\s+найдена|не\s+найден[оа]?|сторінку\s+не\s+знайдено|не\s+знайдено"
    r"|страницата\s+не\s+е\s+намерена|не\s+е\s+намерен"
    r"|η\s+σελίδα\s+δεν\s+βρέθηκε|δεν\s+βρέθηκε"
    r"|halaman\s+tidak\s+ditemukan|tidak\s+ditemukan|halaman\s+tidak\s+dijumpai"
    r"|kh[oô]ng\s+t[iì]m\s+th[aấ]y)\b"
    r"|^\s*404\s*(?:$|[-–—|:·.])"
    r"|الصفحة\s+غير\s+موجودة|غير\s+موجود|הדף\s+לא\s+נמצא|לא\s+נמצא|صفحه\s+پیدا\s+نشد|یافت\s+نشد"
    r"|صفحہ\s+نہیں\s+ملا|نہیں\s+ملا"
    r"|पृष्ठ\s+नहीं\s+मिला|नहीं\s+मिला|पेज\s+नहीं\s+मिला|পাও(?:\u09df|\u09af\u09bc)া\s+যা(?:\u09df|\u09af\u09bc)নি"
    r"|ไม่พบหน้า|ไม่พบ"
    r"|页面不存在|找不到(?:页面|網頁|网页|该页面)?|页面未找到|頁面不存在|网页不存在|未找到"
    r"|ページが見つかりません|見つかりません|お探しのページ"
    r"|페이지를\s*찾을\s*수\s*없습니다|찾을\s*수\s*없습니다",
    re.IGNORECASE,
)
_SCRIPTS = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_URLISH = re.compile(r"\S*(?:://|www\.)\S*|\S+/\S+")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)"""
    rb"""|^\s*<\?xml[^>]+?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Words one of which every NOT_FOUND phrase contains, as lower-cased UTF-8 bytes: a
# page with none of them (nearly every live page) is not decoded or searched at all.
# ``bytes.lower`` only folds ASCII, so the non-Latin words are written as they appear
# inside a word.  Pages in another charset or with numeric entities skip this test.
_HINTS = tuple(w.encode() for w in (
    "found", "404", "exist", "avail", "missing", "removed", "no such", "find", "gefunden",
    "introuvable", "trouv", "encontr", "trovat", "gevonden", "hitta", "fundet", "funnet",
    "löyty", "loyty", "znalez", "istnieje", "nalezena", "neexistuje", "található", "talalhato",
    "găsit", "gasit", "bulunam", "айден", "найд", "знайд", "намер", "βρέθ", "موجود", "נמצא",
    "نشد", "मिला", "ditemukan", "dijumpai", "thấy", "thay", "不存在", "找不到", "未找到",
    "見つかり", "お探し", "찾을", "finnes", "trobat", "trobada", "leitud", "atrast", "nerast", "nenaš",
    "nenas", "obstaja", "pronađen", "pronaden", "пронађен", "ملا", "পাও", "ไม่พบ"))  # an "error 404" phrase has "404"
_ASCII_CHARSETS = ("utf-8", "utf8", "us-ascii")


def _trie_pattern(words: tuple[bytes, ...]) -> bytes:
    """One regular expression for ``words``, as a trie: at each byte of the page only
    the words that start with it are tried.  47 ``in`` tests cost 9 us on a 90-byte
    page (the link farm's), the plain alternation 11 us, this 5 us (2x faster on long
    pages too) -- on 50,000 links the word test was 5 % of the run's CPU."""
    ws = sorted(set(words))
    ws = [w for w in ws if not any(o != w and w.startswith(o) for o in ws)]  # a prefix is enough
    trie: dict[int, dict] = {}
    for w in ws:
        node = trie
        for b in w:
            node = node.setdefault(b, {})

    def build(node: dict[int, dict]) -> bytes:
        alts = [re.escape(bytes([b])) + build(sub) for b, sub in sorted(node.items())]
        if len(alts) < 2:
            return alts[0] if alts else b""
        return b"(?:" + b"|".join(alts) + b")"

    return build(trie)


_HINT = re.compile(_trie_pattern(_HINTS))
# The same test on a page of ASCII bytes only (most pages): its non-ASCII words cannot
# occur there, and a trie of the 37 ASCII words is searched 1.4x faster on the link
# farm's 90-byte page (3.1 -> 1.8 us) and 1.9x on a 3 KB one (111 -> 60 us).
_HINT_ASCII = re.compile(_trie_pattern(tuple(w for w in _HINTS if w.isascii())))
_ASCII_CHARSET_BYTES = tuple(c.encode() for c in _ASCII_CHARSETS)
_TITLE_BYTES = re.compile(rb"<title[^>]*>(.*?)</title\s*>", re.DOTALL)  # on lower-cased bytes
_H1_BYTES = re.compile(rb"<h1[^>]*>(.*?)</h1\s*>", re.DOTALL)
SHORT_PAGE = 16384  # bytes: a shorter page is read whole, a longer one by its title and <h1>


def _worth_reading(body: bytes, content_type: str) -> bool:
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True  # every ASCII hint is two bytes apart in UTF-16
    low = body.lower()
    if len(low) < SHORT_PAGE:
        where = low
    else:  # only the title and the first heading of a long page are read (soft_404_text)
        found = [m.group(1) for m in (_TITLE_BYTES.search(low), _H1_BYTES.search(low)) if m]
        where = b" ".join(found)
    if (_HINT_ASCII if where.isascii() else _HINT).search(where) or b"&#" in where:
        return True
    ct = content_type.lower()
    if "charset" in ct and not ("utf-8" in ct or "utf8" in ct or "us-ascii" in ct):  # _ASCII_CHARSETS
        return True
    i = low.find(b"charset", 0, 4096)
    if i < 0 and low.lstrip().startswith(b"<?xml"):  # XHTML: <?xml version="1.0" encoding="..."?>
        i = low.find(b"encoding", 0, 200) + 1
        return i > 0 and not _ascii_name_near(low, i + 8)
    return i >= 0 and not _ascii_name_near(low, i + 7)


def _ascii_name_near(low: bytes, at: int) -> bool:
    """An ASCII-compatible charset name starts within 5 bytes of ``at`` (after ``charset``
    and its ``="``): one ``find`` per name instead of a ``startswith`` per name and offset."""
    return any(low.find(c, at, at + 4 + len(c)) >= 0 for c in _ASCII_CHARSET_BYTES)


HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.php", "/index.asp", "/index.aspx",
                        "/home", "/home.html", "/default.aspx", "/default.asp", "/start", "/main"})
_LANG_HOME = re.compile(r"^/[a-z]{2}(?:[-_][a-z]{2,4})?/?(?:index\.\w+|home)?/?$", re.IGNORECASE)
LOGIN_PATH = _Lazy(r"/(?:(?:wp|user|member|ldap|admin|my)[-_])?(?:login|log-in|signin|sign-in|sign_in|logon)\b"
                        r"|/(?:auth|sso|cas/login|account/login|users?/login|session/new|idp)\b", re.IGNORECASE)
SEARCH_PATH = re.compile(r"/(?:search|suche|recherche|buscar|busca|ricerca|zoeken|sok|s[oö]k|haku|szukaj"
                         r"|hledat|arama|poisk|find|results?)(?:[./?#]|$)", re.IGNORECASE)
_SEARCH_KEYS = frozenset({"q", "s", "k", "query", "search", "searchterm", "searchtext", "search_query", "keyword",
                          "keywords", "keys", "term", "wd", "qs"})
ERROR_PAGE = re.compile(r"/(?:404|not[-_]?found|page[-_]?not[-_]?found|error(?:[-_]?404)?|errors?)(?:\.\w+)?/?(?:$|\?)"
                        r"|/errors?/|[?&][\w.-]*=404\b|[?&]aspxerrorpath=", re.IGNORECASE)
# Query keys that choose how a page is shown, not which page: a home page with only
# these (``/?lang=en``, ``/?ref=old-site``) is still the home page.
_PRESENTATION_KEYS = frozenset({"lang", "language", "locale", "hl", "ref", "from", "source", "src", "r",
                                "redirect", "redirected", "referrer", "origin", "notfound", "missing"})


def charset_of(body: bytes, content_type: str = "") -> str | None:
    """The charset a page declares: HTTP header first, then ``<meta>`` (or an XHTML page's
    ``<?xml encoding=...?>``), then a BOM."""
    for raw in (_HEADER_CHARSET.search(content_type or ""),):
        if raw:
            name = raw.group(1)
            if _codec(name):
                return _codec(name)
    m = _META_CHARSET.search(body[:4096])
    if m:
        c = _codec((m.group(1) or m.group(2)).decode("ascii", "replace"))
        if c:
            return c
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _codec(name: str) -> str | None:
    n = name.strip().lower()
    if n in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        n = "cp1252"  # what browsers do (WHATWG Encoding: windows-1252 for these labels)
    try:
        return codecs.lookup(n).name
    except LookupError:
        return None


def decode_page(body: bytes, content_type: str = "") -> str:
    """The text of a page's first bytes, by its declared charset (see module docstring)."""
    cs = charset_of(body, content_type)
    if cs:
        return body.decode(cs, "replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > len(body) - 4:  # a multi-byte character cut at the body cap
            return body[:exc.start].decode("utf-8", "replace")
        return body.decode("cp1252", "replace")


def _clean(fragment: str) -> str:
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def page_title(body: bytes, content_type: str = "") -> str:
    """The <title> (else the first <h1>) of an HTML page's first bytes, as text."""
    text = decode_page(body, content_type)
    for rx in (_TITLE, _H1):
        m = rx.search(text)
        if m:
            return _clean(m.group(1))[:200]
    return ""


def soft_404_text(body: bytes, content_type: str = "") -> str | None:
    """The title, heading or phrase that says "not found" on a page served with 200."""
    if not body:
        return None
    if content_type:
        # Written out, not ``any(...)`` over a tuple: a generator per answer (1 us).
        ct = content_type.lower()
        if not ("html" in ct or "xml" in ct or "text/plain" in ct):
            return None
    if not _worth_reading(body, content_type):
        return None
    text: str | None = None
    if b"<" in body:
        text = decode_page(body, content_type)
        for rx in (_TITLE, _H1):
            m = rx.search(text)
            if m:
                t = _clean(m.group(1))
                if NOT_FOUND.search(_URLISH.sub(" ", t)):  # "404" inside a URL says nothing
                    return t[:120]
    # An error page under a site-wide title: little text, and that text says "not found".
    if len(body) < SHORT_PAGE:
        if text is None:
            text = decode_page(body, content_type)
        plain = _clean(_SCRIPTS.sub(" ", text))
        if len(plain) < 800:
            m = NOT_FOUND.search(_URLISH.sub(" ", plain))
            if m:
                return m.group(0)
    return None


def _path(url: str) -> tuple[str, str]:
    try:
        p = urlsplit(url)
    except ValueError:
        return "/", ""
    return p.path or "/", p.query


def is_home(path: str, query: str = "") -> bool:
    p = path.lower()
    if not (p in HOME_PATHS or p.rstrip("/") in HOME_PATHS or _LANG_HOME.match(p)):
        return False
    keys = {k.lower() for k, _ in parse_qsl(query, keep_blank_values=True)}
    return all(k in _PRESENTATION_KEYS or k.startswith("utm_") for k in keys)


def _segments(path: str) -> list[str]:
    return [s for s in path.lower().split("/") if s]


def sent_home(original: str, final: str) -> bool:
    """A deep link that ended on a site's home page: the page is gone (soft 404)."""
    opath, oquery = _path(original)
    fpath, fquery = _path(final)
    if is_home(opath, oquery):
        return False
    return is_home(fpath, fquery)


def generic_landing(original: str, final: str) -> str | None:
    """What kind of generic page a deep link was redirected to, or None.

    ``home``, ``search``, ``login``, ``error`` or ``listing`` (an ancestor of the cited
    path, such as ``/news/`` for ``/news/2019/story``).  A redirect that keeps the path
    (scheme, ``www.``, a trailing slash) is no such thing.
    """
    opath, oquery = _path(original)
    fpath, fquery = _path(final)
    if opath.rstrip("/").lower() == fpath.rstrip("/").lower() and oquery == fquery:
        return None
    deep = not is_home(opath, oquery)
    if not deep:
        return None
    if is_home(fpath, fquery):
        return "home"
    if ERROR_PAGE.search(final) and not ERROR_PAGE.search(original):
        return "error"
    if LOGIN_PATH.search(fpath) and not LOGIN_PATH.search(opath):
        return "login"
    keys = {k.lower() for k, _ in parse_qsl(fquery, keep_blank_values=True)}
    if (SEARCH_PATH.search(fpath) and not SEARCH_PATH.search(opath)) or (
            keys & _SEARCH_KEYS and not SEARCH_PATH.search(opath) and fquery != oquery):
        return "search"
    oseg, fseg = _segments(opath), _segments(fpath)
    if len(oseg) >= 2 and 1 <= len(fseg) < len(oseg) and oseg[:len(fseg)] == fseg and not fquery:
        return "listing"
    return None
