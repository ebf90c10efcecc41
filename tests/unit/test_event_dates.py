"""Event dates: the common expressions are resolved without dateparser, with dateparser's answer."""

from __future__ import annotations

from datetime import datetime

import pytest

from streams.enrich.events import dates

COMMON = ["today", "yesterday", "June 5", "5 June", "5 June 2024", "June 5, 2023", "March", "in March", "December",
          "March 2019", "2019", "Nov. 3", "3rd of May", "January 31", "on 12 December 2025", "Sept 9", "August 2024",
          "this week", "last week", "this month", "last month", "a day", "one day", "A day"]
REFERENCES = [datetime(2024, 11, 5, 9, 0), datetime(2023, 3, 14, 12, 0), datetime(2025, 1, 1, 12, 0),
              datetime(2024, 3, 31, 18, 0), datetime(2024, 3, 1, 8, 0)]


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda r: r.date().isoformat())
def test_common_dates_skip_dateparser_and_agree_with_it(monkeypatch, reference):
    dates.resolve.cache_clear()
    slow = {e: dates.resolve(e, reference) for e in COMMON}
    dates.resolve.cache_clear()

    def no_dateparser(text: str, base_iso: str) -> None:
        raise AssertionError(f"dateparser called for {text!r}")

    monkeypatch.setattr(dates, "_parse", no_dateparser)
    assert {e: dates.resolve(e, reference) for e in COMMON} == slow


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda r: r.date().isoformat())
def test_fast_path_matches_dateparser(monkeypatch, reference):
    dates.resolve.cache_clear()  # resolve keeps its answers: each side must compute its own
    fast = {e: dates.resolve(e, reference) for e in COMMON}
    monkeypatch.setattr(dates, "_fast", lambda text, base: None)
    dates.resolve.cache_clear()
    assert {e: dates.resolve(e, reference) for e in COMMON} == fast
    dates.resolve.cache_clear()


def test_tonight_is_the_reference_day():
    assert dates.resolve("tonight", datetime(2024, 11, 5, 9, 0)) == "2024-11-05"


# phrases with a word that names no calendar point: dateparser answers None for them (about 1 ms a call)
NOT_CALENDAR = ["early October", "a very bad day", "three-day", "earlier this week", "final day", "later this week",
                "earlier in the day", "late Sunday"]


def test_phrases_with_other_words_are_not_dated_and_dateparser_is_not_asked(monkeypatch):
    reference = datetime(2024, 11, 5, 9, 0)
    assert all(dates._parse(e, reference.isoformat()) is None for e in NOT_CALENDAR)  # what asking would give
    dates.resolve.cache_clear()

    def no_dateparser(text: str, base_iso: str) -> None:
        raise AssertionError(f"dateparser called for {text!r}")

    monkeypatch.setattr(dates, "_parse", no_dateparser)
    assert {e: dates.resolve(e, reference) for e in NOT_CALENDAR} == dict.fromkeys(NOT_CALENDAR)
    # ones it would date wrongly: "a second" before the reference; 1923 from "22 and 23"
    assert dates.resolve("a second day", reference) is None
    assert dates.resolve("22 and 23 June", reference) is None
    dates.resolve.cache_clear()


def test_calendar_phrases_are_still_asked():
    assert dates.calendar_phrase("last Thursday") and dates.calendar_phrase("12/05/2024")
    assert dates.resolve("last Thursday", datetime(2024, 11, 5, 9, 0)) == "2024-10-31"


def test_a_possessive_date_is_its_date():
    reference = datetime(2024, 11, 5, 9, 0)  # a Tuesday
    assert dates.resolve("last month's", reference) == dates.resolve("last month", reference) == "2024-10"
    assert dates.resolve("last Saturday\u2019s", reference) == "2024-11-02"


def test_next_names_a_day_ahead_of_the_reference():
    reference = datetime(2024, 11, 5, 9, 0)  # a Tuesday
    assert dates.resolve("next Friday", reference) == "2024-11-08"  # not the Friday a year before
    assert dates.resolve("in December", datetime(2024, 3, 5, 9, 0)) == "2023-12"  # a bare month is still the last one
