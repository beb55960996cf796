"""The three registries: how to ask each for one DOI and for a bibliographic search.

Crossref first (most journal and book DOIs, and the retraction metadata), then
DataCite (data sets, software, theses, many repositories' DOIs), then OpenAlex (an
index over both, with a good title search).  Each lookup returns ``Work`` values
(``works.py``) and the ``Answer`` it came from, so the runner can tell "no match"
from "no answer".
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from citekeeper.enrich.match import first_family, fold, ref_year
from citekeeper.enrich.transport import Answer, Transport, with_query
from citekeeper.enrich.works import (
    Work,
    as_dict,
    as_list,
    from_crossref,
    from_datacite,
    from_openalex,
)
from citekeeper.model import Reference

DEFAULT_CROSSREF_API = "https://api.crossref.org"
DEFAULT_DATACITE_API = "https://api.datacite.org"
DEFAULT_OPENALEX_API = "https://api.openalex.org"
ROWS = 5  # candidates per search (10 cost 40% more CPU and found nothing more on benchmarks/enrich)
_DOI_SAFE = "/:;()[]@!$&'*+,=-._~<>"


def _doi_path(doi: str) -> str:
    return quote(doi, safe=_DOI_SAFE)


@dataclass(frozen=True)
class Lookup:
    works: tuple[Work, ...]
    answer: Answer


def _query_words(ref: Reference, limit: int = 30) -> str:
    """The title's words, folded (search engines choke on quotes and colons)."""
    return " ".join(fold(ref.title).split()[:limit])


async def _get_search(t: Transport, base: str, path: str, params: dict[str, str],
                      optional: tuple[str, ...]) -> Answer:
    """A search; a service that refuses an optional parameter (400: a year filter it does
    not know) is asked once more without the optional ones."""
    a = await t.get_json(with_query(base, path, params))
    if a.status == 400 and any(k in params for k in optional):
        a = await t.get_json(with_query(base, path, {k: v for k, v in params.items() if k not in optional}))
    return a


class Crossref:
    name = "crossref"

    def __init__(self, t: Transport, base: str = DEFAULT_CROSSREF_API) -> None:
        self.t, self.base = t, base

    async def work(self, doi: str) -> Lookup:
        a = await self.t.get_json(with_query(self.base, f"/works/{_doi_path(doi)}", self.t.polite({})))
        w = from_crossref(a.data.get("message")) if a.ok and isinstance(a.data, dict) else None
        return Lookup((w,) if w else (), a)

    async def search(self, ref: Reference) -> Lookup:
        # Crossref's query.bibliographic is made for whole citations: title, container,
        # first author and year all count in its ranking.
        y = ref_year(ref)
        biblio = " ".join(x for x in (ref.title, ref.get("container-title"), first_family(ref),
                                      str(y) if y else "") if x)
        params = {"query.bibliographic": " ".join(fold(biblio).split()[:40]),
                  "query.author": first_family(ref), "rows": str(ROWS)}
        if y is not None:
            params["filter"] = f"from-pub-date:{y - 1},until-pub-date:{y + 1}"
        a = await _get_search(self.t, self.base, "/works", self.t.polite(params), ("filter", "query.author"))
        items = as_list(as_dict(as_dict(a.data).get("message")).get("items")) if a.ok else []
        return Lookup(tuple(w for w in map(from_crossref, items) if w), a)


class DataCite:
    name = "datacite"

    def __init__(self, t: Transport, base: str = DEFAULT_DATACITE_API) -> None:
        self.t, self.base = t, base

    async def work(self, doi: str) -> Lookup:
        a = await self.t.get_json(with_query(self.base, f"/dois/{_doi_path(doi)}", {}))
        w = from_datacite(a.data.get("data")) if a.ok and isinstance(a.data, dict) else None
        return Lookup((w,) if w else (), a)

    async def search(self, ref: Reference) -> Lookup:
        # Plain words, not DataCite's fielded syntax (titles.title:(...)): free text
        # searches every field, and a stray quote or colon in a title cannot break it.
        params = {"query": _query_words(ref), "page[size]": str(ROWS)}
        y = ref_year(ref)
        if y is not None:
            params["published"] = f"{y - 1}-{y + 1}"
        a = await _get_search(self.t, self.base, "/dois", params, ("published",))
        items = as_list(as_dict(a.data).get("data")) if a.ok else []
        return Lookup(tuple(w for w in map(from_datacite, items) if w), a)


class OpenAlex:
    name = "openalex"

    def __init__(self, t: Transport, base: str = DEFAULT_OPENALEX_API) -> None:
        self.t, self.base = t, base

    async def work(self, doi: str) -> Lookup:
        a = await self.t.get_json(with_query(self.base, f"/works/doi:{_doi_path(doi)}", self.t.polite({})))
        w = from_openalex(a.data) if a.ok else None
        return Lookup((w,) if w else (), a)

    async def search(self, ref: Reference) -> Lookup:
        params = {"search": _query_words(ref), "per_page": str(ROWS)}
        y = ref_year(ref)
        if y is not None:
            params["filter"] = f"publication_year:{y - 1}-{y + 1}"
        a = await _get_search(self.t, self.base, "/works", self.t.polite(params), ("filter",))
        items = as_list(as_dict(a.data).get("results")) if a.ok else []
        return Lookup(tuple(w for w in map(from_openalex, items) if w), a)
