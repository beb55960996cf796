"""URLs and DOIs as printed: tracking parameters, DOI resolvers, DOIs hidden in URLs,
archive captures, an outlet named against the URL's host, and a title whose year
disagrees with the URL made from that title.

Fixes are offered only where they cannot change what the link points to: removing
tracking parameters (analytics only; the page is the same) and rewriting a DOI to
the standard ``https://doi.org/`` form.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from citekeeper.lint.document import Document
from citekeeper.lint.finding import Finding, Fix
from citekeeper.model import Reference
from citekeeper.parse.common import clean_doi, clean_url
from citekeeper.parse.outlets import host_matches, outlet_for_host, outlet_hosts

# Query parameters that only identify a click, a campaign or a visitor.
TRACKING_PARAMS = frozenset(
    ["ysclid", "yclid", "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "_ga", "_gl", "igshid", "_hsenc", "_hsmi", "mkt_tok", "twclid", "ttclid", "li_fat_id", "srsltid"]
)
_URL_RX = re.compile(r"(?:https?|ftp)://[^\s<>\"]+", re.IGNORECASE)
_DOI_RESOLVER = re.compile(r"^(?P<scheme>https?)://(?P<host>(?:www\.|dx\.)?doi\.org)/(?P<doi>10\.\d{4,9}/\S+)$", re.I)
_DOI_IN_PATH = re.compile(r"/(10\.\d{4,9}/[^?#\s]+)")
_WAYBACK = re.compile(
    r"^https?://(?:web\.|wayback\.)?archive\.org/web/(?P<ts>\d{4,14})(?:[a-z]{2}_)?/(?P<orig>.+)$", re.I
)
_ARCHIVE_TODAY = re.compile(r"^https?://(?:www\.)?archive\.(?:today|ph|is|li|vn|fo|md)/(?P<id>[A-Za-z0-9]{4,})/?$", re.I)
_YEAR = re.compile(r"(?<![\d])(1[5-9]\d\d|20\d\d)(?![\d])")
STANDARD_RESOLVER = "https://doi.org/"
_BARE_DOI = re.compile(r"10\.\d{4,9}/\S+")
# What publishers append to a DOI in their article URLs (``/10.1111/x.12097/abstract``).
_DOI_TAIL = re.compile(r"(?:/(?:abstract|full|pdf|epdf|pdfdirect|fulltext|summary|references|meta|html|"
                       r"citedby|figures|tables|suppl|issuetoc|toc))+/?$", re.I)
# A title's year and the URL's disagree by a slip (2021/2022), not by centuries: a number
# far from the title's year in a slug is an id ("...-strategi-for-1558"), not a year.
_YEAR_SLIP = 5


def doi_in(text: str) -> str:
    """The bare DOI in a DOI field, resolver URL or publisher URL path ("" if none)."""
    bare = clean_doi(text)
    if not bare.startswith("10."):
        m = _BARE_DOI.search(text)
        bare = clean_doi(m.group(0)) if m else ""
    return _DOI_TAIL.sub("", bare)


def is_tracking(param: str) -> bool:
    p = param.lower()
    return p.startswith("utm_") or p in TRACKING_PARAMS


def strip_tracking(url: str) -> tuple[str, list[str]]:
    """``url`` without its tracking parameters (other parameters kept as written)."""
    base, q, rest = url.partition("?")
    if not q:
        return url, []
    query, hashmark, fragment = rest.partition("#")
    kept: list[str] = []
    removed: list[str] = []
    for part in query.split("&"):
        name = part.split("=", 1)[0]
        (removed if name and is_tracking(unquote(name)) else kept).append(part)
    if not removed:
        return url, []
    out = base + ("?" + "&".join(kept) if any(kept) else "")
    return out + (hashmark + fragment if hashmark else ""), [p.split("=", 1)[0] for p in removed]


def _urls(doc: Document, ref: Reference) -> list[tuple[str, str]]:
    """``(field, url)`` for every URL of ``ref`` as written (bib field or printed text)."""
    out: list[tuple[str, str]] = []
    fields = doc.bib.get(ref.id) if ref.id else None
    if fields:
        for name in ("url", "howpublished"):
            if name in fields and fields[name].value.strip().lower().startswith(("http://", "https://")):
                out.append((name, fields[name].value.strip()))
        return out
    text = ref.raw or (ref.origin.raw if ref.origin else "")
    for m in _URL_RX.finditer(text):
        url = clean_url(m.group(0))
        if ("URL", url) not in out:
            out.append(("URL", url))
    if ref.url and ("URL", ref.url) not in out and not any(u.startswith(ref.url) for _, u in out):
        out.append(("URL", ref.url))
    return out


def check(doc: Document) -> Iterator[Finding]:
    for ref in doc.checked_refs:
        yield from _check_ref(doc, ref)


def _f(doc: Document, ref: Reference, rule: str, severity: str, where: str, message: str,
       fix: Fix | None = None) -> Finding:
    return Finding(rule, severity, doc.file, doc.line_of(ref, where), ref.id or None, ref.footnote, message, fix)


def _check_ref(doc: Document, ref: Reference) -> Iterator[Finding]:
    bib = doc.bib.get(ref.id, {}) if ref.id else {}
    doi_field = bib["doi"].value.strip() if "doi" in bib else (ref.doi if doc.format != "article" else "")
    if doi_field and re.match(r"^(?:https?://|doi:\s*)", doi_field, re.I) and doi_in(doi_field):
        bare = doi_in(doi_field)
        yield _f(doc, ref, "doi-as-url", "warning", doi_field,
                 f"the DOI field holds a URL or prefix ({doi_field}); a DOI field holds the bare DOI {bare}",
                 Fix("doi" if bib else "DOI", doi_field, bare))
    for field, url in _urls(doc, ref):
        yield from _check_url(doc, ref, field, url)


def _check_url(doc: Document, ref: Reference, field: str, url: str) -> Iterator[Finding]:
    cleaned, removed = strip_tracking(url)
    if removed:
        yield _f(doc, ref, "url-tracking", "warning", url,
                 f"URL carries tracking parameters ({', '.join(removed)}): {url}", Fix(field, url, cleaned))
    m = _DOI_RESOLVER.match(url)
    if m:
        doi = clean_doi(m.group("doi"))
        standard = STANDARD_RESOLVER + doi
        if m.group("scheme").lower() != "https" or m.group("host").lower() != "doi.org":
            yield _f(doc, ref, "doi-resolver", "warning", url,
                     f"DOI link uses a non-standard resolver ({m.group('scheme')}://{m.group('host')}/); "
                     f"write {standard}", Fix(field, url, standard))
        elif doc.bib and field == "url" and "doi" not in doc.bib.get(ref.id, {}):
            yield _f(doc, ref, "doi-as-url", "info", url,
                     f"the DOI is given only as a URL; put {doi} in the doi field")
        return
    if _ARCHIVE_TODAY.match(url):
        yield _f(doc, ref, "url-archive-capture", "info", url,
                 "URL is an archive.today capture; its original URL and capture date are not in the link, "
                 "so give them in the citation")
        return
    wb = _WAYBACK.match(url)
    if wb:
        yield from _archive(doc, ref, url, wb)
        original = wb.group("orig")
    else:
        original = url
    inner = _DOI_IN_PATH.search(urlsplit(original).path)
    if inner:
        doi = doi_in(unquote(inner.group(1)))
        if doi and doi.lower() != doi_in(ref.doi or "").lower():
            yield _f(doc, ref, "url-contains-doi", "info", url,
                     f"the URL contains the DOI {doi}; cite it as {STANDARD_RESOLVER}{doi}")
    yield from _outlet(doc, ref, url, original)
    yield from _title_year(doc, ref, url, original)


def _archive(doc: Document, ref: Reference, url: str, m: re.Match[str]) -> Iterator[Finding]:
    ts = m.group("ts")
    when = "-".join(p for p in (ts[:4], ts[4:6], ts[6:8]) if p)
    if len(ts) >= 12:
        when += f" {ts[8:10]}:{ts[10:12]}" + (f":{ts[12:14]}" if len(ts) >= 14 else "")
    undated = ref.issued is None or ref.issued.year is None
    yield _f(doc, ref, "url-archive-capture", "info", url,
             f"URL is a Wayback Machine capture taken {when} of {m.group('orig')}"
             + ("; the citation gives no date of its own" if undated else ""))


def _outlet(doc: Document, ref: Reference, url: str, original: str) -> Iterator[Finding]:
    """A news outlet named against the URL's host.

    Reported only for news outlets (``NEWS_OUTLETS``): a named outlet from the table on
    a host that is not its own, or a listed outlet's host under another name.  Either
    way the generic name-versus-host test must fail too.  Organisations
    (``ORGANISATIONS``) only ever excuse a host: their documents are often hosted
    elsewhere for good reasons.
    """
    name = ref.get("container-title").strip("*_ ")
    host = (urlsplit(original).hostname or "").lower()
    if not name or not host or ref.type in ("article-journal", "chapter", "book", "paper-conference", "thesis"):
        return
    if host_matches(name, host):
        return
    known = outlet_hosts(name)
    owner = outlet_for_host(host)
    owner_name = (owner.title() if len(owner) > 4 else owner.upper()) if owner else ""
    if known:
        tail = f", which is {owner_name}'s site" if owner else ""
        yield _f(doc, ref, "url-outlet-host", "warning", url,
                 f"the citation names {name} ({', '.join(known)}), but the URL is on {host}{tail}")
    elif owner:
        yield _f(doc, ref, "url-outlet-host", "warning", url,
                 f"the citation names {name}, but the URL is on {host} ({owner_name})")


def _title_year(doc: Document, ref: Reference, url: str, original: str) -> Iterator[Finding]:
    """The URL slug repeats the title's words but with another year (one year on each side)."""
    title = ref.title
    title_years = set(_YEAR.findall(title))
    if len(title_years) != 1:
        return
    (year,) = title_years
    title_words = {w for w in re.findall(r"[a-z]+", title.lower()) if len(w) >= 3}
    for segment in unquote(urlsplit(original).path).split("/"):
        words = [w for w in re.split(r"[-_+.\s]+", segment.lower()) if w]
        years = {w for w in words if _YEAR.fullmatch(w)}
        shared = {w for w in words if w in title_words}
        if len(years) == 1 and len(shared) >= 3 and year not in years \
                and abs(int(next(iter(years))) - int(year)) <= _YEAR_SLIP:
            (other,) = years
            yield _f(doc, ref, "url-title-year", "warning", url,
                     f"the title says {year} but the URL made from the same title says {other} ({segment})")
            return
