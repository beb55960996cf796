"""Which language a parsed reference is written in, from its title and container.

Why: citeproc title-cases only English (or language-less) items, so a German note parsed
without ``language`` came out of an English style as "Des Europäischen Parlaments Und Des
Rates".  The guesser reads two kinds of evidence that short strings still carry:

* script: Cyrillic is Russian unless it has letters Russian lacks: ``ї є ґ`` or ``і`` before
  a consonant Ukrainian, ``ў`` or ``і`` with ``ы``/``э`` Belarusian, ``ъ`` before a consonant
  Bulgarian; pre-1918 Russian (``ѣ``, a word-final ``ъ``) is Russian; ``і`` only before
  vowels (the old Russian rule) or Serbian/Macedonian letters: no guess.  Greek, kana and
  Hangul name their language; Han alone does not (Chinese or Japanese);
* function words (articles, prepositions, conjunctions) and a few endings and letters
  (``ß``, ``-ung``, ``-ção``, ``-ción``, ``-zione``, ``-heid``) of English, German, French,
  Spanish, Portuguese, Italian and Dutch, with Latin as a decoy: a word several languages
  share counts a fraction for each.

It answers ``""`` whenever the evidence is thin or split: a wrong language is worse than
none (English styles would stop title-casing an English title; a missing language only
keeps today's behaviour).  Measured by ``benchmarks/parser/eval_language.py``; the numbers
and the thresholds' reasons are in docs/parser.md.
"""

from __future__ import annotations

import re

from citekeeper.model import Reference

_WORDS: dict[str, str] = {
    "en": "a the of and or in on over up out for can it its his her who than more via do does not no how why what when which we our be are was were this that these with from to by an at as its their between into towards toward "
          "under after about among against through within without using during is new",
    "de": "der die das des dem den und für über zur zum vom mit im ein eine einer eines einem "
          "auf bei aus nach von zu als ist nicht oder sich wie im am durch gegen ohne unter "
          "zwischen seine ihre neue neuen sowie",
    "fr": "le la les des du de et une un aux au sur dans pour par entre sous vers avec en "
          "est sont ou leur leurs ses son sa cette ce qui que dont l d nouvelle",
    "es": "el la los las del de y una un en para por con sobre entre su sus desde hacia "
          "como que al ante segun según bajo e o a nueva nuevo",
    "pt": "o a os as do da dos das de e uma um em no na nos nas para por pelo pela pelos "
          "pelas com sobre entre seu sua ao aos à às como que não nova novo",
    "it": "il lo la gli le i a del della dello dei degli delle di e una un in nel nella nei "
          "nelle per con su sul sulla tra fra al alla ai alle dal dalla come che l d dell "
          "all nell sull nuova nuovo",
    "nl": "de het een van en in op voor met naar bij uit over door als te zijn is niet "
          "tussen onder tegen ook om nieuwe",
    "la": "et in de ad ac atque cum quae qui quod sive seu est sunt non per pro sub ex novo nova",
}
_LEXICON: dict[str, tuple[str, ...]] = {}
for _lang, _list in _WORDS.items():
    for _w in _list.split():
        if _lang not in _LEXICON.get(_w, ()):
            _LEXICON[_w] = (*_LEXICON.get(_w, ()), _lang)

# Letters and endings one language uses and its neighbours do not (or rarely): half a word
# each, at most one word per kind.  Plain ``str.endswith`` / ``str.count``, not regexes: the
# guesser runs on every parsed reference, and regexes made it 40 µs a call (8% of parsing).
_ENDINGS: dict[str, tuple[str, ...]] = {
    "de": ("ung", "ungen", "keit", "heit", "schaft", "lich", "liche", "lichen", "licher", "isch", "ische",
           "ischen", "ischer"),
    "fr": ("ité", "ités", "ique", "iques", "eux", "euse"),
    "es": ("ción", "ciones", "dad", "dades"),
    "pt": ("ção", "ções", "dade", "dades"),
    "it": ("zione", "zioni", "ità"),
    "nl": ("heid", "heden", "ijk", "lijke"),
}
_LETTERS: dict[str, str] = {"de": "ßäöü", "fr": "èêëîôûùçœ", "es": "ñ¿¡", "pt": "ãõ"}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# no capital І: "ХІІІ–ХІV вв." writes Roman numerals with it in Russian too
_UKRAINIAN = re.compile(r"[іїєґЇЄҐ]")
_UKRAINIAN_ONLY = re.compile(r"[їєґЇЄҐ]")
_BELARUSIAN = re.compile(r"[ўЎ]")
_I_BEFORE_CONSONANT = re.compile(r"і(?=[бвгджзклмнпрстфхцчшщьБВГДЖЗКЛМНПРСТФХЦЧШЩ]|\b)")
_NOT_UKRAINIAN = re.compile(r"[ыэЫЭ]")  # Russian and Belarusian have them, Ukrainian not
# pre-1918 Russian: ѣ, ѳ, ѵ, a hard sign ending a word ("Исторія государства Россійскаго", "законъ")
_PRE_REFORM = re.compile(r"[ѣѢѳѲѵѴ]|[бвгджзклмнпрстфхцчшщ]ъ\b", re.IGNORECASE)
# a hard sign before a consonant is Bulgarian's vowel ("България", "към"), never Russian
_BULGARIAN = re.compile(r"ъ[бвгджзклмнпрстфхцчшщ]", re.IGNORECASE)
# Serbian typed with a Latin "j" for "ј" ("Великоj Британиjи", "Kaдa je")
_SERBIAN_LATIN_J = re.compile(r"[\u0400-\u04ff][jJ]|[jJ][\u0400-\u04ff]|(?<=[\u0400-\u04ff] )je\b")
_SOUTH_SLAVIC = re.compile(r"[ђћџљњјѓќѕЂЋЏЉЊЈЃЌЅ]")

# A language needs this much evidence (one unshared function word counts 1) and at least
# this many times its runner-up.  English may win on one word: an English title read as
# language-less renders the same, so the cost of a wrong "en" is small, while a wrong
# non-English code stops title-casing; see docs/parser.md for the measured trade-off.
MIN_SCORE = 1.5
MIN_SCORE_EN = 1.0
MIN_RATIO = 2.0
TITLE_WEIGHT = 1.0
CONTAINER_WEIGHT = 0.5


_CYR_WORD = re.compile(r"[\u0400-\u04ff]+")
_CYR_WORDS = {
    "ru": "для что это из о об во со к у его её их который которые которых вв гг",
    "bg": "се е към със във през като един една едно това тези са ще който която което които",
}
_RU_WORDS, _BG_WORDS = (frozenset(_CYR_WORDS[k].split()) for k in ("ru", "bg"))
_RU_ENDINGS = ("ь", "ая", "ого", "ому", "ский", "ская", "ское", "ского", "ской", "ться", "ость", "ости")
_BG_ENDINGS = ("ата", "ята", "ото", "ите", "ът", "ски", "ост")


def _russian_or_bulgarian(text: str) -> str:
    """Cyrillic without a letter only one of them has: the words decide (soft sign ending a
    word, ``-ская``, ``для`` Russian; the article endings ``-ата``/``-ото``/``-ите``, ``се``,
    ``към`` Bulgarian); no evidence either way is Russian, by far the more cited."""
    ru = bg = 0.0
    for word in _CYR_WORD.findall(text.lower()):
        if word in _RU_WORDS:
            ru += 1
        elif word in _BG_WORDS:
            bg += 1
        elif len(word) > 3:
            if word.endswith(_RU_ENDINGS):
                ru += 0.5
            elif word.endswith(_BG_ENDINGS):
                bg += 0.5
    if bg > 2 * ru and bg >= 1:
        return "bg"
    if bg and bg * 2 > ru:
        return ""
    return "ru"


def _script(text: str) -> str | None:
    """The language the script decides, ``""`` for "undecidable", None for Latin script."""
    if text.isascii():
        return None
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr > lat:
        if _SOUTH_SLAVIC.search(text) or _SERBIAN_LATIN_J.search(text):
            return ""
        if _BULGARIAN.search(text) and not _NOT_UKRAINIAN.search(text):
            return "bg"
        if _PRE_REFORM.search(text):
            return "ru"
        if _BELARUSIAN.search(text) or (_UKRAINIAN.search(text) and _NOT_UKRAINIAN.search(text)
                                        and not _UKRAINIAN_ONLY.search(text)):
            return "be"
        if _UKRAINIAN.search(text):
            if not _UKRAINIAN_ONLY.search(text) and not _I_BEFORE_CONSONANT.search(text):
                return ""  # "і" only before vowels and "й" is pre-1918 Russian's rule ("Россійскаго")
            return "uk"
        if _NOT_UKRAINIAN.search(text) or "ё" in text.lower():
            return "ru"  # Bulgarian has no ы, э, ё
        return _russian_or_bulgarian(text)
    for rx, lang in ((_GREEK, "el"), (_KANA, "ja"), (_HANGUL, "ko")):
        if len(rx.findall(text)) > lat:
            return lang
    if len(_HAN.findall(text)) > lat:
        return ""  # Chinese or Japanese kanji alone: no guess
    return None


# "Frontiers in Question, hg. von Daniel Power": an editor statement left in a title is
# in the citing language, not the work's
_EDITORS = re.compile(r"\b(?:hg|hrsg|ed|eds|éd|dir|a cura di|red)\.?\s+(?:von|by|par|di)\s.*$")


def _scores(text: str, weight: float, into: dict[str, float]) -> None:
    low = text.lower()
    if " " in low:
        low = _EDITORS.sub("", low)
    ending_hits: dict[str, int] = {}
    for word in _WORD.findall(low):
        langs = _LEXICON.get(word)
        if langs:
            for lang in langs:
                into[lang] = into.get(lang, 0.0) + weight / len(langs)
        elif len(word) > 5:
            for lang, ends in _ENDINGS.items():
                if word.endswith(ends):
                    ending_hits[lang] = ending_hits.get(lang, 0) + 1
    if not low.isascii():
        for lang, letters in _LETTERS.items():
            hits = sum(low.count(ch) for ch in letters)
            if hits:
                into[lang] = into.get(lang, 0.0) + weight * min(1.0, 0.5 * hits)
    for lang, hits in ending_hits.items():
        into[lang] = into.get(lang, 0.0) + weight * min(1.0, 0.5 * hits)


def guess_text_language(title: str, container: str = "") -> str:
    """BCP 47 short code of the language ``title`` (and its ``container``) are written in, or ``""``."""
    text = f"{title} {container}".strip()
    if not text:
        return ""
    script = _script(text)
    if script is not None:
        return script
    scores: dict[str, float] = {}
    _scores(title, TITLE_WEIGHT, scores)
    if container:
        _scores(container, CONTAINER_WEIGHT, scores)
    if not scores:
        return ""
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best == "la" or top < MIN_RATIO * second:
        return ""
    if best == "en":
        # one English word is enough only in plain ASCII text with nothing else to say
        plain = not re.search(r"[^\x00-\x7f]", text) and second == 0.0
        return "en" if top >= MIN_SCORE or (top >= MIN_SCORE_EN and plain) else ""
    return best if top >= MIN_SCORE else ""


def guess_language(ref: Reference) -> str:
    """The language of a parsed reference, from its title and container; ``""`` when unsure."""
    title = ref.title
    if not title:
        return ""
    return guess_text_language(title, ref.get("container-title"))
