"""Never let a bibliography steer the checker into the internal network.

A link checker in CI runs next to things an attacker would like to reach (cloud
metadata at 169.254.169.254, admin consoles on 10.x, services on localhost).  A URL
in a .bib file, or a redirect from a public site, must not be a way in.  So, unless
``allow_private`` is set:

* an IP literal in a URL is refused when it is not a global address;
* a host name is resolved here and only its global addresses are handed to the
  connector, so the address checked is the address connected to (no DNS rebinding);
* every redirect hop goes through the same two checks (the checker follows redirects
  itself, see ``http.py``).

The configured service endpoints (DOI API, Wayback ...) are chosen by the user, not
by the input, so their hosts are trusted.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from aiohttp.abc import AbstractResolver
from aiohttp.resolver import ThreadedResolver


class PrivateAddressError(OSError):
    """The target resolves only to private, loopback, link-local or reserved addresses."""


def is_public(address: str) -> bool:
    """True for a global unicast address (IPv4-mapped IPv6 judged by its IPv4)."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(ip.is_global) and not ip.is_multicast


def literal_ip(host: str) -> str | None:
    """The address when ``host`` is an IP literal (``[::1]`` too), else None."""
    h = host.strip("[]")
    try:
        ipaddress.ip_address(h.split("%", 1)[0])
    except ValueError:
        return None
    return h


def refuse_reason(host: str, allow_private: bool, trusted: frozenset[str]) -> str | None:
    """Why a URL's host must not be contacted before any DNS, or None."""
    if allow_private or host.lower() in trusted:
        return None
    ip = literal_ip(host)
    if ip is not None and not is_public(ip):
        return f"private address {ip} refused (use --allow-private to check it)"
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(".localhost"):
        return f"private host {host} refused (use --allow-private to check it)"
    return None


class SafeResolver(AbstractResolver):
    """A resolver that drops non-global addresses unless the host is trusted."""

    def __init__(self, allow_private: bool = False, trusted: frozenset[str] = frozenset()) -> None:
        self._inner = ThreadedResolver()
        self.allow_private = allow_private
        self.trusted = trusted

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[Any]:
        infos = await self._inner.resolve(host, port, family)
        if self.allow_private or host.lower() in self.trusted:
            return infos
        public = [i for i in infos if is_public(i["host"])]
        if not public:
            addrs = ", ".join(sorted({i["host"] for i in infos}))
            raise PrivateAddressError(
                f"{host} resolves only to private addresses ({addrs}); refused"
                " (use --allow-private to check it)"
            )
        return public

    async def close(self) -> None:
        await self._inner.close()
