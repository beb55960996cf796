"""A small, documented table of news outlets and their web hosts.

Two uses: the GOST parser types a citation whose container is a news outlet as a
newspaper article (Zotero "Newspaper Article"), and lint compares an outlet named in
a citation with the host of its URL.  The table lists widely cited news agencies and
newspapers; anything not listed is judged by the generic word test in ``is_news_name``.
"""

from __future__ import annotations

import re

# outlet name (lower case, as usually printed; aliases allowed) -> its web hosts
NEWS_OUTLETS: dict[str, tuple[str, ...]] = {
    "ria novosti": ("ria.ru",),
    "tass": ("tass.ru", "tass.com"),
    "interfax": ("interfax.ru", "interfax.com"),
    "rossiyskaya gazeta": ("rg.ru",),
    "kommersant": ("kommersant.ru",),
    "vedomosti": ("vedomosti.ru",),
    "izvestia": ("iz.ru",),
    "rbc": ("rbc.ru",),
    "nezavisimaya gazeta": ("ng.ru",),
    "lenta.ru": ("lenta.ru",),
    "gazeta.ru": ("gazeta.ru",),
    "rt": ("rt.com", "russian.rt.com"),
    "sputnik": ("sputniknews.com", "sputniknews.ru"),
    "xinhua": ("xinhuanet.com", "news.cn", "russian.news.cn", "english.news.cn"),
    "reuters": ("reuters.com",),
    "associated press": ("apnews.com",),
    "bbc": ("bbc.com", "bbc.co.uk"),
    "the new york times": ("nytimes.com",),
    "the washington post": ("washingtonpost.com",),
    "the washington times": ("washingtontimes.com",),
    "the guardian": ("theguardian.com",),
    "financial times": ("ft.com",),
    "the wall street journal": ("wsj.com",),
    "bloomberg": ("bloomberg.com",),
    "al jazeera": ("aljazeera.com",),
    "cnn": ("cnn.com",),
    "khmer times": ("khmertimeskh.com",),
    "the phnom penh post": ("phnompenhpost.com",),
    "south china morning post": ("scmp.com",),
    "the straits times": ("straitstimes.com",),
    "bangkok post": ("bangkokpost.com",),
    "the japan times": ("japantimes.co.jp",),
    "nikkei asia": ("asia.nikkei.com",),
    "the jakarta post": ("thejakartapost.com",),
    "vnexpress": ("vnexpress.net",),
    "le monde": ("lemonde.fr",),
    "der spiegel": ("spiegel.de",),
    "the economist": ("economist.com",),
    "global times": ("globaltimes.cn",),
    "china daily": ("chinadaily.com.cn",),
    # the Russian outlets as Russian footnotes print them
    "риа новости": ("ria.ru",),
    "тасс": ("tass.ru", "tass.com"),
    "интерфакс": ("interfax.ru", "interfax.com"),
    "российская газета": ("rg.ru",),
    "коммерсантъ": ("kommersant.ru",),
    "коммерсант": ("kommersant.ru",),
    "ведомости": ("vedomosti.ru",),
    "известия": ("iz.ru",),
    "рбк": ("rbc.ru",),
    "независимая газета": ("ng.ru",),
}

_NEWS_WORDS = re.compile(
    r"\b(?:times|news|post|gazette|gazeta|herald|tribune|daily|novosti|telegraph|chronicle|courier|"
    r"observer|izvestia|vedomosti|kommersant|pravda|news\s+agency|press\s+agency|информационное\s+агентство|"
    r"газета|известия|новости|коммерсантъ?|ведомости|правда)\b",
    re.IGNORECASE,
)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().strip("*").lower())


def outlet_hosts(name: str) -> tuple[str, ...]:
    """The known web hosts of a named outlet (empty when the outlet is not in the table)."""
    key = _key(name)
    if key in NEWS_OUTLETS:
        return NEWS_OUTLETS[key]
    if key.startswith("the ") and key[4:] in NEWS_OUTLETS:
        return NEWS_OUTLETS[key[4:]]
    if "the " + key in NEWS_OUTLETS:
        return NEWS_OUTLETS["the " + key]
    return ()


def is_news_name(name: str) -> bool:
    """Is this container a news outlet (newspaper, news agency)?"""
    return bool(outlet_hosts(name)) or bool(_NEWS_WORDS.search(name))


# Organisations often named as the "site" of a cited web page (lower case, as printed,
# without a leading "the") -> their web hosts.  Used only by lint, to accept a URL on an
# organisation's own site and to name the owner of a host.  Keep it to bodies whose
# domain is stable and unambiguous.
ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "ministry of foreign affairs of the russian federation": ("mid.ru",),
    "ministry of foreign affairs of russia": ("mid.ru",),
    "ministry of defence of the russian federation": ("mil.ru",),
    "ministry of defense of the russian federation": ("mil.ru",),
    "president of russia": ("kremlin.ru",),
    "government of russia": ("government.ru",),
    "government of the russian federation": ("government.ru",),
    "united nations": ("un.org", "undocs.org"),
    "united nations treaty collection": ("treaties.un.org", "un.org"),
    "asean": ("asean.org",),
    "asean secretariat": ("asean.org",),
    "european commission": ("ec.europa.eu", "europa.eu"),
    "world bank": ("worldbank.org",),
    "international monetary fund": ("imf.org",),
    "world health organization": ("who.int",),
    "white house": ("whitehouse.gov",),
    "u.s. department of state": ("state.gov",),
    "east asia forum": ("eastasiaforum.org",),
    "konrad adenauer stiftung": ("kas.de",),
}


def _host_in(host: str, domains: tuple[str, ...]) -> bool:
    host = host.lower().removeprefix("www.")
    return any(host == d or host.endswith("." + d) for d in domains)


def organisation_hosts(name: str) -> tuple[str, ...]:
    """The known hosts of a named outlet or organisation (empty when not in either table)."""
    hosts = outlet_hosts(name)
    if hosts:
        return hosts
    key = _key(name)
    key = key[4:] if key.startswith("the ") else key
    return ORGANISATIONS.get(key, ())


def outlet_for_host(host: str) -> str | None:
    """The news outlet (from ``NEWS_OUTLETS``) whose site ``host`` is, if any."""
    for name, domains in NEWS_OUTLETS.items():
        if _host_in(host, domains):
            return name
    return None


def host_matches(name: str, host: str) -> bool:
    """Is ``host`` the site of the outlet/organisation ``name``? (table, then similarity)."""
    hosts = organisation_hosts(name)
    if hosts and _host_in(host, hosts):
        return True
    return name_resembles_host(name, host)


_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
    strict=True,
))


def transliterate(text: str) -> str:
    """Russian Cyrillic to Latin letters (lower case), so "РИА Новости" can meet ``ria.ru``."""
    return "".join(_CYRILLIC.get(c, c) for c in text.lower())


_STOP = frozenset(["the", "of", "and", "for", "in", "on", "at", "a", "an", "de", "la", "le", "der", "die", "das", "und"])


def name_resembles_host(name: str, host: str) -> bool:
    """A generic test that a name and a host belong together, for names not in the tables.

    True when the host's labels (``www`` and the top-level domain dropped) contain the
    name's words run together (``khmertimeskh.com`` for Khmer Times), its initials
    (``rg.ru`` for Rossiyskaya Gazeta), or one of its distinctive words of five letters
    or more (``neftegaz.ru`` for Neftegaz.RU).
    """
    name = transliterate(name)
    labels = [lab for lab in host.lower().split(".") if lab and lab != "www"]
    if len(labels) > 1:
        labels = labels[:-1]
    joined = "".join(labels).replace("-", "")
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _STOP]
    if not words or not joined:
        return False
    run = "".join(words)
    if len(run) >= 3 and (run in joined or joined in run):
        return True
    initials = "".join(w[0] for w in words)
    if len(initials) >= 2 and any(lab.replace("-", "") == initials for lab in labels):
        return True
    return any(len(w) >= 5 and w in joined for w in words)
