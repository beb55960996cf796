"""Never let a bibliography steer the checker into the internal network.

A link checker in CI runs next to things an attacker would like to reach (cloud
metadata at 169.254.169.254, admin consoles on 10.x, services on localhost).  A URL
in a .bib file, or a redirect from a public site, must not be a way in.  So, unless
``allow_private`` is set:

* the host judged is the host the transport connects to: the URL goes through the
  same normalisation the client applies (IDNA/UTS 46 with NFKC, so ``１２７.０.０.１``
  and ``127。0。0。1`` are ``127.0.0.1``), and every numeric form a resolver would
  accept (``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``, bracketed IPv6) is
  read as the address it denotes;
* an address is public only when it is global unicast *and* not in a special-use
  range that can lead back inside: NAT64 (``64:ff9b::/96``, ``64:ff9b:1::/48``), 6to4
  (``2002::/16``), Teredo, IPv4-compatible (``::a.b.c.d``) and IPv4-mapped IPv6,
  ``192.0.0.0/24`` and the other IANA special-purpose blocks;
* a host name is resolved by the transport and only its public addresses are
  connected to (the address checked is the address connected to: no DNS rebinding);
* every request goes through these checks -- first request, each redirect hop, each
  archive look-up -- because they live in the transport, below every caller.

The configured service endpoints (DOI API, Wayback ...) are chosen by the user, not
by the input, so their hosts are trusted.
"""

from __future__ import annotations

import contextlib
import functools
import ipaddress
import re
import unicodedata
from urllib.parse import unquote

# Special-purpose blocks (IANA registries) that are not the open internet, checked on
# top of ``ipaddress``'s ``is_global`` (which counts NAT64, 6to4 and 192.0.0.8 as global).
_NOT_PUBLIC = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24",
    "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15",
    "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
    "::/96", "::ffff:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/23",
    "2001:db8::/32", "2002::/16", "3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10",
    "fec0::/10", "ff00::/8",
))
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_NUMERIC_LABEL = re.compile(r"^(?:0[xX][0-9a-fA-F]*|[0-9]+)$")


def is_public(address: str) -> bool:
    """True for a global unicast address outside every special-use range."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is not None and not is_public(str(embedded)):
            return False
        if ip.teredo is not None:
            return False
    if any(ip in net for net in _NOT_PUBLIC if net.version == ip.version):
        return False
    return bool(ip.is_global) and not ip.is_multicast


def numeric_ipv4(host: str) -> str | None:
    """The dotted IPv4 address of every form ``inet_aton`` accepts, else None.

    ``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``127.1`` and ``127.0.1`` all name
    127.0.0.1 to a C resolver; a guard that only knows ``a.b.c.d`` lets them through.
    """
    parts = host.rstrip(".").split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_LABEL.match(p) for p in parts):
        return None
    values = []
    for p in parts:
        if p[:2].lower() == "0x":
            values.append(int(p[2:] or "0", 16))
        elif len(p) > 1 and p.startswith("0"):
            if any(c in "89" for c in p):
                return None
            values.append(int(p, 8))
        else:
            values.append(int(p))
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        return None
    number = last
    for i, v in enumerate(head):
        number += v << (8 * (3 - i))
    return str(ipaddress.IPv4Address(number))


@functools.lru_cache(maxsize=8192)
def normalise_host(host: str) -> str:
    """The host as a client connects to it: percent-decoded (``%31%32%37.0.0.1`` is
    what a browser reads as 127.0.0.1), NFKC, ideographic dots, lower case, no
    trailing dot, IDNA; numeric IPv4 forms as dotted quads, IPv6 compressed."""
    h = host
    if "%" in h and not h.startswith("["):  # WHATWG: a host is percent-decoded first
        h = unquote(h, errors="replace")
    h = unicodedata.normalize("NFKC", h).translate(_DOTS).strip().lower()
    if h.startswith("[") and h.endswith("]"):
        h = h[1:-1]
    h = h.rstrip(".") if h != "." else h
    ip = address_of(h)
    if ip is not None:
        return ip
    if not h.isascii():
        with contextlib.suppress(UnicodeError):
            h = h.encode("idna").decode("ascii")
    return h


def address_of(host: str) -> str | None:
    """The IP address a host literal denotes (any numeric form), else None."""
    h = host.strip("[]")
    try:
        return str(ipaddress.ip_address(h.split("%", 1)[0]))
    except ValueError:
        pass
    return numeric_ipv4(h)


# Kept for callers of the old name.
literal_ip = address_of


def is_local_name(host: str) -> bool:
    h = host.lower().rstrip(".")
    return h in ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback") \
        or h.endswith(".localhost")


def refuse_reason(host: str, allow_private: bool, trusted: frozenset[str]) -> str | None:
    """Why a host must not be contacted before any DNS, or None.

    ``host`` may be written any way a URL can write it; it is normalised first (see
    ``normalise_host``), and both the written and the normalised form must be allowed.
    """
    if allow_private:
        return None
    norm = normalise_host(host)
    if host.lower() in trusted or norm in trusted:
        return None
    ip = address_of(norm)
    if ip is not None and not is_public(ip):
        return f"private address {ip} refused (use --allow-private to check it)"
    if is_local_name(norm):
        return f"private host {norm} refused (use --allow-private to check it)"
    return None
