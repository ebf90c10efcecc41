"""Stage: named-entity mentions from the parsed title and body."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from streams.enrich.context import FIELDS, Context, Mention

# entries of each cache of a pure function of a name's string (here, in linking.names and linking.gazetteer):
# an article repeats its names and the news repeats its people, so a few thousand entries catch nearly every
# repeat; every new name enters, so the size bounds the model process's memory (about 300 bytes an entry:
# 65,536 entries in four caches were about 40 MB of a long run's growth)
NAME_CACHE_SIZE = 8_192

# NER labels that name people, countries, organisations and places.
KEPT_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"})

# Curly quotes and dashes that news text mixes with ASCII ones.
_PUNCT = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_POSSESSIVE = re.compile(r"(?:'s|')$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


# Cyrillic and Greek letters that look like Latin ones. A Latin word with some of
# them ("Рutin" with a Cyrillic Р) is a homoglyph spoof or an encoding accident:
# they are folded back to the Latin letters they imitate.
_HOMOGLYPHS = str.maketrans(
    "АВЕКМНОРСТХаеорсухіјѕӏԁԛԝΑΒΕΗΙΚΜΝΟΡΤΧΥΖον",
    "ABEKMHOPCTXaeopcyxijsldqwABEHIKMNOPTXYZov",
)
_LATIN = re.compile(r"[A-Za-z]")
_CONFUSABLE = re.compile("[АВЕКМНОРСТХаеорсухіјѕӏԁԛԝΑΒΕΗΙΚΜΝΟΡΤΧΥΖον]")
_CYRILLIC_GREEK = re.compile("[\u0370-\u03ff\u0400-\u052f]")
_SOFT_SIGNS = re.compile("[ьъЬЪ]")


def transliterate(word: str) -> str:
    """Cyrillic and Greek letters romanised as English-language news does ("Білоусов" -> "Bilousov").

    anyascii gives the letters; the soft and hard signs, which news romanisation drops, are
    dropped first (anyascii would write them as apostrophes: "Zelens'kiy").
    """
    from anyascii import anyascii

    return anyascii(_SOFT_SIGNS.sub("", word))


def fold_word(word: str) -> str:
    """One word in Latin letters: look-alikes folded when they are all it has of another script,
    else the whole word transliterated ("Biloусов": в is no look-alike, so the word is Cyrillic spelling)."""
    if not _CYRILLIC_GREEK.search(word):
        return word
    if _LATIN.search(word) and not _CYRILLIC_GREEK.search(_CONFUSABLE.sub("", word)):
        return word.translate(_HOMOGLYPHS)
    return transliterate(word)


def fold_homoglyphs(text: str) -> str:
    """Every word of ``text`` through :func:`fold_word` (the name is kept from its first version)."""
    return " ".join(fold_word(w) for w in text.split(" "))


@lru_cache(maxsize=NAME_CACHE_SIZE)  # a pure function of the string; articles repeat names many times
def normalise(text: str) -> str:
    """NFKC, ASCII quotes, Latin letters only (look-alikes folded, Cyrillic and Greek transliterated),
    single spaces: the form lookup keys are built from."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(_PUNCT)).strip()
    return fold_homoglyphs(text)


@lru_cache(maxsize=NAME_CACHE_SIZE)  # a pure function of the string; articles repeat names many times
def surface_key(text: str) -> str:
    """The canonical surface of a mention: no leading 'the', no possessive."""
    return _POSSESSIVE.sub("", _LEADING_THE.sub("", normalise(text))).strip()


# A wire dateline: "SEOUL, Nov 30 (Reuters) - ", "GAZA CITY, Palestinian Territories: ".
DATELINE = re.compile(r"^\s*[A-Z][A-Z.'\- ]{1,40}(?:,[^\n(:]{0,40})?(?:\([^)\n]{0,60}\))?\s*(?:-|--|:|\u2013|\u2014)\s")


def dateline_end(body: str) -> int:
    """Length of the body's leading dateline (0 when there is none)."""
    match = DATELINE.match(body)
    return match.end() if match else 0


def extract_mentions(ctx: Context) -> None:
    dateline = dateline_end(ctx.article.body)
    for field_name in FIELDS:
        doc = ctx.docs.get(field_name)
        if doc is None:
            continue
        sentence_starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        for ent in doc.ents:
            if ent.label_ not in KEPT_LABELS or not surface_key(ent.text):
                continue
            in_dateline = field_name == "body" and ent.end_char <= dateline
            ctx.mentions.append(
                Mention(
                    text=ent.text,
                    label=ent.label_,
                    field=field_name,
                    start=ent.start_char,
                    end=ent.end_char,
                    sentence_index=_sentence_index(sentence_starts, ent.start),
                    span=ent,
                    dateline=in_dateline,
                )
            )


def _sentence_index(starts: list[int], token_index: int) -> int:
    index = 0
    for i, start in enumerate(starts):
        if start > token_index:
            break
        index = i
    return index
