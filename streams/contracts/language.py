"""Which language an article is in, and whether this service enriches it (``STREAMS_LANGUAGES``).

Detection is py3langid (a modernised langid.py: naive Bayes over byte n-grams, its
model of 140 language labels shipped inside the package, no pickle, no download): about
1.5 s to load once per process, then about 3 ms per article (10 ms on a busy machine) on
the title and the first :data:`SAMPLE_CHARS` characters of the body. It is deterministic.

:func:`language_verdict` is pure: text, hint and the allowed languages in, a
:class:`Verdict` out. The detector decides when it is sure; when it is not (short
or mixed text, names, numbers, markup), the input's ``language`` hint decides:

- *sure it is another language*: its best guess is not allowed, with a probability of at
  least :data:`SURE_OTHER_TOP` (when the hint names an allowed language:
  :data:`SURE_ALLOWED`, on a text of :data:`OVERRULE_HINT_CHARS` or more), and the allowed
  languages together have less than :data:`SURE_OTHER_ALLOWED`
  -> ``unsupported_language``, whatever the hint says (a feed-level ``"language": "en"``
  on a German article is wrong); text without words (emoji, numbers: the detector's
  ``zxx``) is never sure. Byte n-grams weigh non-Latin letters heavily: a one-line English
  text with a name in Hebrew or Cyrillic letters can look Hebrew or Russian, which is why an
  allowed hint asks for more;
- *sure it is an allowed language*: its best guess is allowed with a probability of at
  least :data:`SURE_ALLOWED` -> enriched, whatever the hint says;
- *not sure*: a hint naming an allowed language, or no (readable) hint -> enriched;
  a hint naming another language -> ``unsupported_language``.

Hints are read as BCP 47 tags or ISO 639 codes or names: ``en``, ``en-GB``, ``EN_us``,
``eng``, ``English`` all mean ``en``. The thresholds were set on 6,261 English texts of
10 to 2,000 characters (BBC articles and their sentences, the evaluation sentences) and
1,249 non-English ones (Spanish news sentences, spaCy's example sentences in 66
languages): none of the English ones is rejected, with or without an ``en`` hint; of the
others, 1,233 are rejected without a hint (all 683 of 100 characters or more), 657 with a
wrong ``en`` hint (657 of those 683).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from typing import Any

from streams.contracts.article import UNSUPPORTED_LANGUAGE, Article, InvalidArticle

# the labels of py3langid 0.4.0's model (a unit test checks them against the package)
_LABELS = (
    "ace af am an ar ary arz as az ba bcl be bg bn br bs ca crh cs cy da de dz el en eo es et eu ext fa fi fo fr"
    " fuv fy ga gcf gcr gd gl gom grc gu gug guw ha hbo he hi hr ht hu hy id ig is it ja jv ka kab kik kk km kn ko"
    " ku ky la lb lg lij ln lo lt ltg lv mg mk ml mn mr ms mt my ne nl nn no nso oc om or pa pcm pl ps pt qu ro ru"
    " rw sa sdh se si sk sl sn so sq sr st sv sw ta te tg th tk tl tr tt ug uk ur uz uzs vec vi vo wa wuu xh yo"
    " yue zh zu zxx"
)
DETECTABLE = frozenset(_LABELS.split())
ALL = "*"
NO_LANGUAGE = "zxx"  # the detector's label for text without words (emoji, numbers): never "another language"
SAMPLE_CHARS = 1000  # of the body, after the title: enough for a stable answer, a few ms
SURE_OTHER_TOP = 0.2
SURE_OTHER_ALLOWED = 0.01
SURE_ALLOWED = 0.9
OVERRULE_HINT_CHARS = 100  # shorter texts never overrule a hint naming an allowed language
# the model's labels for varieties of one language (Wu and Cantonese Chinese, Egyptian and Moroccan
# Arabic, Biblical Hebrew, ...): their probabilities count for that language unless it is allowed itself
VARIETY_OF = {"wuu": "zh", "yue": "zh", "arz": "ar", "ary": "ar", "hbo": "he", "uzs": "uz", "grc": "el", "sdh": "ku",
              "nn": "no"}
_CODE = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True, slots=True)
class Verdict:
    supported: bool
    language: str | None  # the language decided on (None: not known)
    detected: str | None  # the detector's best guess
    probability: float  # of that guess
    reason: str  # why, for a dead letter


@functools.lru_cache(maxsize=1)
def detector() -> Any:
    """py3langid's identifier with probabilities, loaded once per process (about 1.5 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> list[tuple[str, float]]:
    """Every detectable language with its probability, best first."""
    return [(str(lang), float(p)) for lang, p in detector().rank(text)]


@functools.lru_cache(maxsize=4096)  # feeds repeat their hints
def normalise_hint(hint: str | None) -> str | None:
    """``en-GB`` / ``EN_us`` / ``eng`` / ``English`` -> ``en``; None when it names no language."""
    if not hint:
        return None
    tag = hint.strip()[:64].replace("_", "-").split("-")[0].strip().lower()
    if not tag:
        return None
    if len(tag) == 2 and _CODE.fullmatch(tag):
        return tag
    import pycountry

    try:
        found = pycountry.languages.lookup(tag)
    except LookupError:
        return tag if _CODE.fullmatch(tag) else None
    return str(getattr(found, "alpha_2", None) or found.alpha_3)


def sample(title: str | None, body: str) -> str:
    return f"{title}\n{body[:SAMPLE_CHARS]}" if title else body[:SAMPLE_CHARS]


def language_verdict(text: str, hint: str | None, allowed: frozenset[str]) -> Verdict:
    """Is ``text`` (with its ``hint``) in one of the ``allowed`` languages? See the module docstring."""
    code = normalise_hint(hint)
    if ALL in allowed:
        return Verdict(True, code, None, 0.0, "")
    folded: dict[str, float] = {}
    for lang, p in detect(text):
        lang = lang if lang in allowed else VARIETY_OF.get(lang, lang)
        folded[lang] = folded.get(lang, 0.0) + p
    ranked = sorted(folded.items(), key=lambda item: -item[1])
    top, p_top = ranked[0]
    p_allowed = sum(p for lang, p in ranked if lang in allowed)
    shown = (hint or "").strip()[:32]
    said = f", the article says {shown!r}" if shown else ""
    wanted = ",".join(sorted(allowed))
    # against a hint naming an allowed language, the detector must be as sure as it must be to overrule a
    # foreign one, on a text long enough to be sure of
    hinted = code in allowed
    can_be_sure = not hinted or len(text.strip()) >= OVERRULE_HINT_CHARS
    needed = SURE_ALLOWED if hinted else SURE_OTHER_TOP
    if can_be_sure and top not in allowed and top != NO_LANGUAGE and p_top >= needed and p_allowed < SURE_OTHER_ALLOWED:
        return Verdict(False, top, top, p_top, f"the text is in {top!r} (p={p_top:.2f}{said}); STREAMS_LANGUAGES={wanted}")
    if top in allowed and p_top >= SURE_ALLOWED:
        return Verdict(True, top, top, p_top, "")
    if code is not None and code not in allowed:
        return Verdict(False, code, top, p_top,
                       f"the article says it is in {shown!r} (the text is not clearly in another language: "
                       f"best guess {top!r}, p={p_top:.2f}); STREAMS_LANGUAGES={wanted}")
    return Verdict(True, code, top, p_top, "")


class LanguageGate:
    """The ``STREAMS_LANGUAGES`` check of the decode step: ``check(article)`` passes it on or raises.

    Built once per processor (it loads the detector then, not on the first article).
    """

    def __init__(self, languages: frozenset[str] | tuple[str, ...] | list[str]) -> None:
        self.allowed = frozenset(languages)
        if ALL not in self.allowed:
            detector()

    def check(self, article: Article) -> Article:
        """The article, with ``language`` set to the detected one when it had no hint; or
        :class:`InvalidArticle` (``unsupported_language``)."""
        if ALL in self.allowed:
            return article
        verdict = language_verdict(sample(article.title, article.body), article.language, self.allowed)
        if not verdict.supported:
            raise InvalidArticle(UNSUPPORTED_LANGUAGE, verdict.reason)
        if article.language is None and verdict.language is not None and verdict.detected == verdict.language:
            return replace(article, language=verdict.language)
        return article
