"""DOIs: recognising them (bare, ``doi:``, or written as a resolver URL) and asking
the DOI handle API whether they are registered.

The handle API (``https://doi.org/api/handles/<doi>``) answers JSON with a
``responseCode``: 1 = registered (the ``URL`` value is the landing page), 100 = no such
handle, 200 = handle exists but has no value of the requested type.  Asking the
registry instead of fetching publisher pages avoids the 403s publishers give robots.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

DEFAULT_DOI_API = "https://doi.org/api/handles"
DEFAULT_DOI_RESOLVER = "https://doi.org"
RESOLVER_HOSTS = frozenset({"doi.org", "www.doi.org", "dx.doi.org", "hdl.handle.net"})

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def normalize(doi: str) -> str:
    """The bare DOI, lower-cased (DOIs are case-insensitive), without ``doi:`` or resolver."""
    d = doi.strip().strip("<>")
    d = re.sub(r"^(?:doi\s*:\s*)", "", d, flags=re.IGNORECASE)
    from_url = doi_from_url(d)
    if from_url:
        d = from_url
    return d.rstrip(".,;").lower()


def is_doi(text: str) -> bool:
    return bool(_DOI.match(text.strip()))


def doi_from_url(url: str, resolvers: frozenset[str] = frozenset()) -> str | None:
    """The DOI of a resolver URL (``https://doi.org/10.1/x``, ``dx.doi.org``, ``www.doi.org``,
    or under a configured resolver base such as ``http://127.0.0.3:8080``), else None."""
    if "/10." not in url:  # cheap test first: most URLs are not DOIs
        return None
    u = url.strip()
    for base in resolvers:
        b = base.rstrip("/") + "/"
        if u.lower().startswith(b.lower()):
            rest = unquote(u[len(b):])
            return rest.lower() if _DOI.match(rest) else None
    try:
        parts = urlsplit(u)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    if (parts.hostname or "").lower() not in RESOLVER_HOSTS:
        return None
    path = unquote(parts.path.lstrip("/"))
    if parts.query and not parts.query.startswith(("type=", "noredirect")):
        path += "?" + unquote(parts.query)  # a DOI may contain '?' (rare, but legal)
    if not _DOI.match(path):
        return None
    return path.lower()


def _path_of(doi: str) -> str:
    """The DOI as URL path segments: percent-encoded where a path needs it, and a segment
    of dots (``10.1000/../../admin``, legal in a DOI) encoded too, so no client or server
    resolves it away: a DOI must not reach other paths of the (trusted) API host."""
    segments = quote(doi, safe="/:;()[]@!$&'*+,=-._~").split("/")
    return "/".join(seg.replace(".", "%2E") if seg and not seg.strip(".") else seg for seg in segments)


def handle_url(api: str, doi: str) -> str:
    """``<api>/<doi>`` with the DOI percent-encoded where a URL path needs it."""
    return api.rstrip("/") + "/" + _path_of(doi)


def resolver_url(resolver: str, doi: str) -> str:
    return resolver.rstrip("/") + "/" + _path_of(doi)


def landing_from_handle(data: object) -> str | None:
    """The URL value of a handle API record, if any."""
    if not isinstance(data, dict):
        return None
    for value in data.get("values") or []:
        if isinstance(value, dict) and value.get("type") == "URL":
            v = (value.get("data") or {}).get("value")
            if isinstance(v, str):
                return v
    return None
