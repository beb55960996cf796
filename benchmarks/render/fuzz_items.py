"""Random but plausible CSL-JSON items, to find differences from citeproc-js beyond the goldens.

    python3 benchmarks/render/fuzz_items.py N SEED > /tmp/fuzz.json
    python3 benchmarks/render/fuzz_compare.py /tmp/fuzz.json     # per style, differences

Mixes item types, name shapes (particles, suffixes, literals, initials, hyphens, Cyrillic),
partial and ranged dates, page forms, numbers with text, quotes and apostrophes in titles.
"""

from __future__ import annotations

import json
import random
import sys

FAMILIES = ["Smith", "García", "Müller", "O'Neil", "Nguyen", "Иванов", "Петрова", "Dupont", "Kowalski",
            "Li", "Berg", "Brown-Jones", "MacDonald", "Öztürk", "Сидоров"]
GIVENS = ["John", "Mary Ann", "J. R.", "Hans-Peter", "Soo-jin", "Иван Петрович", "Анна", "Émile", "K.",
          "Pierre-Louis", "Zoë", "Thomas S."]
TITLES = ["the effects of heat on metal", "A history of \"modern\" art", "Why we can't stop: essays",
          "Data-driven methods for sea-level rise", "On the origin of species", "Теория и практика перевода",
          "Climate change and the economy: a review", "Is this the end? New evidence", "COVID-19 and schools",
          "An introduction to the theory of numbers", "Notes on 'new' media", "The state of the art in NLP"]
CONTAINERS = ["Journal of Applied Physics", "Nature", "Вопросы экономики", "The New York Times",
              "Proceedings of the ACM", "Handbook of Psychology", "Annual Review of Sociology"]
PUBLISHERS = ["Oxford University Press", "Springer", "Наука", "MIT Press", "Routledge"]
PLACES = ["Oxford", "New York, NY", "Москва", "Cambridge, MA", "Berlin"]
TYPES = ["article-journal", "book", "chapter", "thesis", "webpage", "article-newspaper", "report",
         "paper-conference", "article-magazine", "legal_case", "legislation", "entry-encyclopedia",
         "dataset", "software", "post-weblog", "manuscript", "patent", "speech", "motion_picture"]


def name(rng: random.Random) -> dict:
    r = rng.random()
    if r < 0.08:
        return {"literal": rng.choice(["World Bank", "OECD", "Росстат", "NASA Goddard Institute"])}
    n = {"family": rng.choice(FAMILIES), "given": rng.choice(GIVENS)}
    if r > 0.92:
        n["non-dropping-particle"] = rng.choice(["van", "de", "von der"])
    if r > 0.97:
        n["suffix"] = "Jr."
    return n


def date(rng: random.Random) -> dict:
    y = rng.randint(1950, 2024)
    r = rng.random()
    if r < 0.5:
        return {"date-parts": [[y]]}
    if r < 0.7:
        return {"date-parts": [[y, rng.randint(1, 12)]]}
    if r < 0.9:
        return {"date-parts": [[y, rng.randint(1, 12), rng.randint(1, 28)]]}
    return {"date-parts": [[y, 3], [y, 5]]}


def item(i: int, rng: random.Random) -> dict:
    t = rng.choice(TYPES)
    it: dict = {"id": f"f{i}", "type": t, "title": rng.choice(TITLES)}
    if rng.random() < 0.85:
        it["author"] = [name(rng) for _ in range(rng.choice([1, 1, 2, 3, 4, 7, 22]))]
    if t in ("chapter", "paper-conference", "entry-encyclopedia") or rng.random() < 0.1:
        it["editor"] = [name(rng) for _ in range(rng.choice([1, 2, 3]))]
    if rng.random() < 0.1:
        it["translator"] = [name(rng)]
    if rng.random() < 0.9:
        it["issued"] = date(rng)
    if t in ("article-journal", "article-newspaper", "article-magazine", "chapter", "paper-conference",
             "entry-encyclopedia", "webpage", "post-weblog") or rng.random() < 0.2:
        it["container-title"] = rng.choice(CONTAINERS)
    if t in ("book", "chapter", "thesis", "report", "paper-conference") or rng.random() < 0.2:
        it["publisher"] = rng.choice(PUBLISHERS)
        if rng.random() < 0.7:
            it["publisher-place"] = rng.choice(PLACES)
    if rng.random() < 0.6:
        it["page"] = rng.choice(["123-145", "5", "e1002", "1101-1108", "33–47", "iv-xii", "99-101"])
    if rng.random() < 0.5:
        it["volume"] = rng.choice(["12", "3", "118", "IV", "2a"])
    if rng.random() < 0.4:
        it["issue"] = rng.choice(["4", "2-3", "S1", "12"])
    if rng.random() < 0.3:
        it["DOI"] = f"10.{rng.randint(1000, 9999)}/x{i}"
    if rng.random() < 0.3:
        it["URL"] = f"https://example.org/{i}"
        if rng.random() < 0.5:
            it["accessed"] = {"date-parts": [[2024, rng.randint(1, 12), rng.randint(1, 28)]]}
    if rng.random() < 0.15:
        it["edition"] = rng.choice(["2", "3", "2nd", "Rev. ed."])
    if rng.random() < 0.1:
        it["number"] = rng.choice(["42", "WP-17", "No. 5"])
    if t == "thesis":
        it["genre"] = rng.choice(["PhD thesis", "Master's thesis", "дис. канд. наук"])
    if rng.random() < 0.15:
        it["language"] = rng.choice(["ru", "en", "de", "fr"])
    if rng.random() < 0.1:
        it["collection-title"] = "Lecture Notes in Computer Science"
    if rng.random() < 0.08:
        it["number-of-pages"] = str(rng.randint(90, 900))
    return it


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    rng = random.Random(seed)
    json.dump([item(i, rng) for i in range(n)], sys.stdout, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
