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
