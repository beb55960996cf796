"""The item type a careful Zotero user would pick, from what the citation *says*.

The parsers guess a type from the fields they found (a container with a volume: journal
article; a publisher and no container: book; a URL and nothing else: web page).  That is
right for most strings but wrong for a report, a standard, a patent, a thesis, a data set,
a piece of software, a preprint or a law that happens to carry a URL or a publisher:
their printed words say what they are (``Technical Report``, ``ISO 690:2021``,
``U.S. Patent 5,123,456``, ``[PhD dissertation]``, ``[Data set]``, ``R package version
1.2``, ``arXiv:2101.00001``, ``Federal Law No. 152-FZ``, ``Gesetz``).  ``refine_type``
runs once after any parser (rules or model), so both read the same words the same way.
"""

from __future__ import annotations

import re

from citekeeper.model import Date, Reference

_PATENT = re.compile(
    r"\b(?:(?:U\.?\s?S\.?|US|European|EP|WO|German|DE|GB|JP|CN|Canadian|CA)\s+Patent(?:\s+Application)?|"
    r"Patent\s+(?:No\.?|Number|Application|Appl\.?)|[Pp]atent\s+[A-Z]{0,2}\s?\d[\d,./]{4,}|Patentschrift|Offenlegungsschrift|"
    r"Патент|пат\.)",
)
_PATENT_NUMBER = re.compile(
    r"(?:Patent|Патент|пат\.)(?:\s+Application)?\s*(?:No\.?|Nr\.?|№|Number)?\s*:?\s*"
    r"((?:[A-Z]{2}\s?)?(?:\d{1,3}(?:[,.\s]\d{3})+|\d{4,}(?:/\d+)?)(?:\s?[A-Z]\d?)?)"
)
_STANDARD = re.compile(
    r"\b(?:ISO(?:/IEC)?|IEC|DIN(?:\s+EN)?|EN|BS|ANSI|ASTM|IEEE\s+Std\.?|ГОСТ(?:\s+Р)?|GOST(?:\s+R)?|СНиП|СП|ОСТ|NIST\s+SP|RFC)"
    r"\s+[\w.]*\d[\w.\-–:/]*",
)
_THESIS = re.compile(
    r"\b(?:Ph\.?\s?D\.?|doctoral|master'?s|M\.?A\.|M\.?Sc\.?|MSc|bachelor'?s|diploma)\s+(?:thesis|dissertation)|"
    r"\[(?:[^\]]*\b)?(?:thesis|dissertation)\b[^\]]*\]|\b(?:Dissertation|Diss\.|Habilitationsschrift|Masterarbeit|"
    r"Diplomarbeit|Doktorarbeit|thèse|tesis\s+doctoral|tese|дис\.|диссертац|автореф)",
    re.IGNORECASE,
)
_REPORT = re.compile(
    r"\b(?:(?:technical|tech\.|research|annual|final|progress|interim|working|policy|discussion|white)\s+(?:report|paper)|"
    r"report\s+(?:no\.?|number|series)|publ(?:ication)?\.?\s+no|working\s+papers?|discussion\s+papers?|NBER|CEPR|IZA\s+DP|"
    r"Arbeitspapier|Forschungsbericht|Diskussionspapier)\b",
    re.IGNORECASE,
)
# Words that name a report only when nothing else (a publisher, a container) says otherwise.
_REPORT_WORD = re.compile(r"\b(?:report|Bericht|rapport|informe|relatório|доклад|отч[её]т)\b", re.IGNORECASE)
# GOST/ISBD "other title information" names the kind of work: "Title : Report of the Valdai
# Discussion Club", "Название : доклад", "Titel: Bericht der Kommission" — a report even
# with a publisher (as ": Student Book" / ": монография" name a book).
_REPORT_SUBTITLE = re.compile(
    r":\s*(?:[\w\-]+\s+){0,2}?(?:report|Bericht|rapport|informe|relatório|доклад|отч[её]т)\b", re.IGNORECASE
)
_DATASET = re.compile(
    r"\[(?:data\s*set|dataset|data)\]|\bdata\s*set\b|\bDatensatz\b|\bData from:|\b(?:Dryad|Zenodo|figshare|PANGAEA|ICPSR|"
    r"Harvard\s+Dataverse|GESIS\s+Datenarchiv)\b|10\.5061/dryad|10\.5281/zenodo|10\.6084/m9\.figshare",
    re.IGNORECASE,
)
_SOFTWARE = re.compile(
    r"\[(?:computer\s+)?(?:software|program|computer\s+program)\]|\bR\s+package(?:\s+version)?\b|"
    r"\bPython\s+package\b|\bsoftware\s+(?:version|package)\b|\bversion\s+\d+\.\d+|\bv\d+\.\d+\.\d+\b",
    re.IGNORECASE,
)
_ARXIV = re.compile(r"\barXiv\s*:?\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})|arxiv\.org/abs/(\S+)", re.IGNORECASE)
_PREPRINT = re.compile(r"\b(?:preprint|bioRxiv|medRxiv|SSRN|Preprints\.org|Research\s+Square)\b", re.IGNORECASE)
_IN_PRESS = re.compile(r"\b(?:in\s+press|forthcoming|im\s+Druck|в\s+печати|sous\s+presse|en\s+prensa)\b", re.IGNORECASE)
_LEGAL = re.compile(
    r"^(?:(?:Federal|Constitutional)\s+Law|Law\s+No|(?:[A-Z][a-z]+\s+)?Act\s+(?:of\s+)?\d{4}|[\w\s]{0,60}\bAct\s+\d{4}\b|"
    r"Directive\s+\d|Regulation\s+\((?:EU|EC)\)|Council\s+(?:Directive|Regulation)|Executive\s+Order|"
    r"Federal\s+Register|\d+\s+U\.S\.C\.|"
    r"(?:Bundes)?[Gg]esetz\b|\w*[Gg]esetz(?:buch)?\s|Verordnung\b|GG\b|BGB\b|StGB\b|"
    r"Федеральный\s+закон|Закон|Указ|Постановление|Распоряжение|Приказ|Кодекс)",
)
_ACT_AFTER_TITLE = re.compile(
    r":\s*(?:Указ|Федеральный\s+(?:конституционный\s+)?закон|Закон|Постановление|Распоряжение|Приказ|Кодекс)\b"
)
_CASE = re.compile(r"\b\w+\s+v\.?\s+\w+.*\b\d+\s+(?:U\.S\.|S\.\s?Ct\.|F\.\s?(?:2d|3d|4th)?|A\.C\.|WLR|All\s+ER)\s+\d+|\bBVerfGE\s+\d+")
_WEB_ONLY = ("webpage", "document", "post", "post-weblog")


# "Brown v. Board of Education, 347 U.S. 483, 495 (1954)": case name, volume, reporter, first
# page, pinpoint, court and year (Bluebook); a case has no author
_US_CASE = re.compile(
    r"^(?P<case>[^,]+?\sv\.?\s[^,]+?),\s*(?P<vol>\d+)\s+(?P<rep>[A-Z][\w.' ]*?)\s+(?P<page>\d+)(?:,\s*\d+(?:[-–]\d+)?)?"
    r"\s*\((?:(?P<court>[^)]*?)\s+)?(?P<year>(?:1[6-9]|20)\d\d)\)"
)


def _case_fields(ref: Reference) -> None:
    m = _US_CASE.match(ref.raw.strip())
    if not m:
        return
    ref.names.pop("author", None)
    ref.set("title", m.group("case").strip())
    ref.set("container-title", m.group("rep").strip())
    ref.set("volume", m.group("vol"))
    ref.set("page", m.group("page"))
    if m.group("court"):
        ref.set("authority", m.group("court").strip())
    ref.dates["issued"] = Date(int(m.group("year")))
    for field in ("title", "container-title", "volume", "page", "authority", "issued"):
        ref.provenance[field] = ("rule", 1.0)


def parse_case(text: str) -> Reference | None:
    """A US case citation as a rule parse (the model reads "565 F.3d 1230 (9th Cir. 2009)" as
    nothing); None for any other string."""
    if " v" not in text:
        return None
    ref = Reference(type="legal_case", raw=" ".join(text.split()))
    _case_fields(ref)
    return ref if ref.title else None


def _has(low: str, *words: str) -> bool:
    """A substring test before the regex: most citations name no special type, and the
    regexes cost ~0.5 ms a reference together (measured); the test costs ~10 µs."""
    return any(w in low for w in words)


def refine_type(ref: Reference) -> str:
    """The CSL type the citation's own words name, or the parser's guess when they name none."""
    text = ref.raw or ""
    low = text.lower()
    current = ref.type
    web = current in _WEB_ONLY
    if _has(low, "patent", "патент", "пат.") and _PATENT.search(text):
        num = _PATENT_NUMBER.search(text)
        if num and not ref.get("number"):
            ref.set("number", num.group(1).strip())
        return "patent"
    if _has(low, " v. ", " v ", "bverfge") and _CASE.search(text):
        _case_fields(ref)
        return "legal_case"
    if current in (*_WEB_ONLY, "book", "legislation") and not ref.names.get("author") and _LEGAL.match(ref.title or text):
        return "legislation"
    if not ref.names.get("author") and _ACT_AFTER_TITLE.search(ref.title):
        return "legislation"  # "О Стратегии …: Указ Президента РФ от 09.05.2017 № 203 // Собрание законодательства"
    if current not in ("chapter", "article-journal") and _has(
        low, "thesis", "dissert", "diss.", "habil", "arbeit", "thèse", "tesis", "tese", "дис", "автореф"
    ) and _THESIS.search(text):
        return "thesis"
    if _STANDARD.match(ref.title or "") or (web and not ref.names.get("author") and _STANDARD.search(text)):
        return "standard"
    if current != "chapter" and _has(
        low, "data", "dryad", "zenodo", "figshare", "pangaea", "icpsr", "dataverse", "10.5061", "10.5281", "10.6084"
    ) and _DATASET.search(text):
        return "dataset"
    if current in (*_WEB_ONLY, "book") and _has(low, "software", "program", "package", "version", "v") and _SOFTWARE.search(text):
        return "software"
    arxiv = _ARXIV.search(text) if "arxiv" in low else None
    if arxiv:
        ref.identifiers.setdefault("arXiv", (arxiv.group(1) or arxiv.group(2)).rstrip(".,;"))
        if current in (*_WEB_ONLY, "article-journal") and not (ref.get("volume") or ref.get("page")):
            return "article"  # a preprint (CSL "article"; Zotero: Preprint)
    if web and _PREPRINT.search(text):
        return "article"
    if current in (*_WEB_ONLY, "book") and _REPORT.search(text):
        return "report"
    if current == "book" and not ref.get("container-title") and _REPORT_SUBTITLE.search(ref.title or ""):
        return "report"
    unpublished_book = current == "book" and not ref.get("publisher")
    if (web or unpublished_book) and not ref.get("container-title") and _REPORT_WORD.search(ref.title):
        # with a site or journal named, the page it is on stays what it was
        return "report"
    if web and ref.get("container-title") and _IN_PRESS.search(text):
        return "article-journal"
    return current
