"""Dating an event from the sentence's time expressions, against the article's clock.

"today", "on Tuesday", "in June", "last year" are resolved with dateparser
relative to the reference time (``time_basis``), preferring the past (news
reports what happened), at the granularity the text gives: a day
(YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
_DAY_NUMBER = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_VAGUE = re.compile(r"\b(years?|decades?|months|weeks|days|hours|century|era|period|times?|season|recent|past)\b", re.I)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(\s+(morning|afternoon|evening|night))?$", re.I)
_MONTH_WORD = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_AHEAD = re.compile(r"\b(next|tomorrow)\b", re.I)
_DAY_WORDS = re.compile(r"\b(today|yesterday|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|day)\b", re.I)


def granularity(text: str) -> str | None:
    low = text.lower()
    if _DAY_WORDS.search(low):
        return "day"
    has_month = _MONTH_WORD.search(low) is not None
    if has_month:
        return "day" if _DAY_NUMBER.search(_YEAR.sub("", low)) else "month"
    if "last month" in low or "this month" in low:
        return "month"
    if _YEAR.search(low) or "last year" in low or "this year" in low:
        return "year"
    if "last week" in low or "this week" in low:
        return "day"
    return None


# The words of dateparser's English that name a day or longer (besides numbers and the punctuation between them),
# and the filler words it skips, except "and". An expression with any other word ("early October", "a very bad day",
# "three-day", "earlier this week") is not asked about: dateparser gives None for such a phrase, or a wrong date
# ("a second day": a second before the reference; "22 and 23 June": 1923), and asking costs about a millisecond.
_CALENDAR_WORDS = frozenset({*MONTHS, *WEEKDAYS, "last", "next", "this", "ago", "a", "an", "the", "of", "on", "in",
                             "at", "by", "from", "about", "just", "one", "day", "days", "week", "weeks", "fortnight", "month",
                             "months", "year", "years", "today", "yesterday", "tomorrow", "tonight", "morning",
                             "afternoon", "evening", "night", "noon", "midnight", "am", "pm"})
_TOKEN = re.compile(r"[a-z]+|\d+(?:st|nd|rd|th)?|\S")  # words, numbers, and any other character alone


def calendar_phrase(text: str) -> bool:
    """Whether every word of the expression is a calendar word or a number: what dateparser is asked about."""
    return all(t in _CALENDAR_WORDS or t[0].isdigit() or t in ",./:-" for t in _TOKEN.findall(text.lower()))


@lru_cache(maxsize=4096)
def _parse(text: str, base_iso: str) -> datetime | None:
    import dateparser

    base = datetime.fromisoformat(base_iso)
    try:
        return dateparser.parse(
            text,
            languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                      "PREFER_DAY_OF_MONTH": "first"},
        )
    except (ValueError, OverflowError, TypeError):
        return None  # an odd expression must not cost the article its enrichment


_MONTH_NUMBER = {m: (i % 12) + 1 for i, m in enumerate(MONTHS[:12])}
_MONTH_NUMBER.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
                      "nov": 11, "dec": 12})
_M = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_MONTH_DAY = re.compile(rf"^{_M}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$", re.I)
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}(?:,?\s+(\d{{4}}))?$", re.I)
_MONTH_YEAR = re.compile(rf"^{_M}(?:,?\s+(\d{{4}}))?$", re.I)
_YEAR_ONLY = re.compile(r"^(\d{4})$")


def _fast(text: str, base: datetime) -> datetime | None:
    """The common shapes ("today", "yesterday", "a day", "this week", "last month", "June 5", "5 June 2024", "in March",
    "2019") without dateparser, with dateparser's answer for them (first day of a month, the reference year when
    none is given); None: ask dateparser."""
    low = text.lower()
    try:
        if low in {"today", "tonight", "this week"}:
            return base
        if low in {"yesterday", "a day", "one day"}:
            return base - timedelta(days=1)  # dateparser reads "a day" and "one day" as a day ago too
        if low == "this month":
            return base.replace(day=1)
        if low == "last week":
            return base - timedelta(days=7)
        if low == "last month":
            return (base.replace(day=1) - timedelta(days=1)).replace(day=1)
        if m := _MONTH_DAY.match(low):
            return datetime(int(m.group(3) or base.year), _MONTH_NUMBER[m.group(1)], int(m.group(2)), base.hour, base.minute)
        if m := _DAY_MONTH.match(low):
            return datetime(int(m.group(3) or base.year), _MONTH_NUMBER[m.group(2)], int(m.group(1)), base.hour, base.minute)
        if m := _MONTH_YEAR.match(low):
            return datetime(int(m.group(2) or base.year), _MONTH_NUMBER[m.group(1)], 1, base.hour, base.minute)
        if m := _YEAR_ONLY.match(low):
            return datetime(int(m.group(1)), base.month, min(base.day, 28), base.hour, base.minute)
    except (ValueError, KeyError):
        return None
    return None


@lru_cache(maxsize=8192)  # pure in (text, reference): an article's events share their few date expressions
def resolve(text: str, reference: datetime) -> str | None:
    """A DATE expression to YYYY-MM-DD / YYYY-MM / YYYY, or None when it names no point in time."""
    text = re.sub(r"^(on|in|since|by|during|at|from|until|the)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['\u2019]s$", "", text)  # "last month's talks": the month
    if not text or (_VAGUE.search(text) and not re.search(r"\b(last|this|next)\s+(year|month|week)\b", text, re.I)):
        return None
    grain = granularity(text)
    if grain is None:
        return None
    phrase = text
    if grain == "year" and ("last year" in text.lower() or "this year" in text.lower()):
        year = reference.year - (1 if "last" in text.lower() else 0)
        return f"{year:04d}"
    base = reference.replace(tzinfo=None)
    weekday = _WEEKDAY.match(text)
    if weekday:
        # wire style: "on Tuesday" in a Tuesday story is that day, else the latest such day before it
        back = (base.weekday() - WEEKDAYS.index(weekday.group(1).lower())) % 7
        return (base - timedelta(days=back)).strftime("%Y-%m-%d")
    parsed = _fast(phrase, base)
    if parsed is None and calendar_phrase(phrase):
        parsed = _parse(phrase, base.isoformat())
    if parsed is None:
        return None
    # "in June" in a November story is this June; "in December" in a March story is last December ("next Friday",
    # "tomorrow" are ahead by their own words)
    if parsed > base and grain != "year" and not _AHEAD.search(phrase):
        try:
            parsed = parsed.replace(year=parsed.year - 1)
        except ValueError:
            return None
    if grain == "day":
        return parsed.strftime("%Y-%m-%d")
    if grain == "month":
        return parsed.strftime("%Y-%m")
    return parsed.strftime("%Y")
