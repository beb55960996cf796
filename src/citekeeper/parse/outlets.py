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
}

_NEWS_WORDS = re.compile(
    r"\b(?:times|news|post|gazette|gazeta|herald|tribune|daily|novosti|telegraph|chronicle|courier|"
    r"observer|izvestia|vedomosti|kommersant|pravda|news\s+agency|press\s+agency|информационное\s+агентство|"
    r"газета|известия|новости)\b",
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
