"""URLs as the transport sends them, and as reports may show them.

* ``endpoint(url)`` is the one parser of a URL to request: scheme, the host the
  socket connects to (normalised as ``safety.normalise_host`` does), port, the
  request target (percent-encoded as a browser would), and credentials, if any.
  The guard judges exactly this host, so what is checked is what is connected to.
* ``redact(url)`` / ``redact_text(text)`` hide the user-info part of URLs
  (``http://user:pass@host/`` -> ``http://***@host/``): cited URLs with credentials
  must not leak into reports, annotations, the cache or archive services.
* ``strip_credentials(url)`` removes it (for archive look-ups, which are asked
  about the public page).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from citekeeper.links.safety import normalise_host

if TYPE_CHECKING:
    from yarl import URL

# The user-info runs to the *last* ``@`` of the authority (as ``urlsplit`` and yarl read
# it): a password may hold a bare ``@`` (``alice:p@ss@host``), and stopping at the first
# one would print the rest of the password.
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s]*@")
_NEEDS_QUOTING = re.compile(r"[^\x21-\x7e]")


def redact_text(text: str) -> str:
    """``text`` with the user-info of every URL in it replaced by ``***``."""
    if "@" not in text:
        return text
    return _USERINFO.sub(r"\1***@", text)


def redact(url: str) -> str:
    """``url`` without readable credentials (``http://***@host/``)."""
    return redact_text(url)


def has_credentials(url: str) -> bool:
    return "@" in url and bool(_USERINFO.search(url))


def strip_credentials(url: str) -> str:
    """``url`` without its user-info part."""
    if not has_credentials(url):
        return url
    try:
        p = urlsplit(url)
    except ValueError:
        return _USERINFO.sub(r"\1", url)
    netloc = p.netloc.rsplit("@", 1)[1]
    return urlunsplit((p.scheme, netloc, p.path, p.query, p.fragment))


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where one request goes: ``host`` is what the socket connects to (or resolves)."""

    scheme: str
    host: str  # normalised: IDNA ASCII, or an IP address without brackets
    port: int
    target: str  # path and query, percent-encoded
    host_header: str
    authorization: str = ""  # "Basic ..." from user-info in the URL, else ""

    @property
    def key(self) -> str:
        """``host:port``, the unit of politeness and of connection reuse."""
        return f"{self.host}:{self.port}"

    @property
    def tls(self) -> bool:
        return self.scheme == "https"


def to_yarl(url: str) -> URL:
    """The URL as the client will request it (spaces and non-ASCII percent-encoded,
    existing escapes kept)."""
    from yarl import URL  # here: 6 ms of start-up that plain URLs (the fast path) never need

    return URL(url, encoded=not _NEEDS_QUOTING.search(url))


_SIMPLE = re.compile(r"^(https?)://([A-Za-z0-9.-]+)(?::(\d{1,5}))?(/[\x21-\x22\x24-\x7e]*)?(?:#.*)?$")


def endpoint(url: str) -> Endpoint:
    """Parse ``url`` for a request; ``ValueError`` when it cannot be one.

    Plain ASCII URLs without user-info (nearly all) are split by one regular
    expression; the rest go through yarl, the parser aiohttp uses.  Both give the
    same ``Endpoint`` (tests/links/test_urls.py); the short path is 8x faster.
    """
    m = _SIMPLE.match(url)
    if m is not None and "%" not in url:
        scheme, raw, port_s, target = m.groups()
        host = normalise_host(raw)
        default = 443 if scheme == "https" else 80
        port = int(port_s) if port_s else default
        if 0 < port < 65536 and host and ".." not in host:
            shown = host if port == default or not port_s else f"{host}:{port}"
            return Endpoint(scheme, host, port, target or "/", shown)
    return _endpoint_yarl(url)


def _endpoint_yarl(url: str) -> Endpoint:
    u = to_yarl(url)
    scheme = (u.scheme or "").lower()
    if scheme not in ("http", "https"):
        raise ValueError(f"{scheme or 'no'} scheme")
    raw = u.raw_host
    if not raw:
        raise ValueError("no host")
    host = normalise_host(raw)
    port = u.port or (443 if scheme == "https" else 80)
    if not 0 < port < 65536:
        raise ValueError(f"port {port} out of range")
    target = u.raw_path_qs or "/"
    if not target.startswith("/"):
        target = "/" + target
    if "\r" in target or "\n" in target or " " in target:
        raise ValueError("control characters in the path")
    shown = f"[{host}]" if ":" in host else host
    if u.explicit_port and port != (443 if scheme == "https" else 80):
        shown += f":{port}"
    auth = ""
    if u.raw_user:
        pair = f"{u.user or ''}:{u.password or ''}".encode()
        auth = "Basic " + base64.b64encode(pair).decode("ascii")
    return Endpoint(scheme, host, port, target, shown, auth)


_AUTHORITY = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*")
_HOST_KEYS: dict[str, str] = {}
HOST_KEYS_KEPT = 4096  # distinct ``scheme://authority`` prefixes remembered (then forgotten at once)


def host_key(url: str) -> str:
    """``host:port`` of a URL (normalised as the transport connects), ``"?"`` if none.

    The key depends only on the scheme and authority, so it is parsed once per
    ``scheme://authority`` prefix, not once per link: it is asked 3-4 times per link
    (routing to a shard, the shard's queue, the network judge) and parsing took
    1.6 us of the 0.1 us a remembered prefix takes.  A URL whose path cannot be
    requested has its host's key (the request itself then fails as invalid).
    """
    m = _AUTHORITY.match(url)
    if m is None:
        return _host_key(url)
    prefix = m.group(0)
    key = _HOST_KEYS.get(prefix)
    if key is None:
        if len(_HOST_KEYS) >= HOST_KEYS_KEPT:
            _HOST_KEYS.clear()
        key = _HOST_KEYS[prefix] = _host_key(prefix + "/")
    return key


def _host_key(url: str) -> str:
    try:
        return endpoint(url).key
    except ValueError:
        return "?"


def join(base: str, location: str) -> str:
    """A redirect's ``Location`` resolved against the URL that answered it."""
    return str(to_yarl(base).join(to_yarl(location)))
