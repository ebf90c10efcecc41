"""The one duration parser: 30s, 10m, 2h, 1d and combinations; bare numbers refused with one message."""

from __future__ import annotations

import pytest

from streams.durations import parse_duration


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("10m", 600), ("2h", 7200), ("1d", 86400), ("1h30m", 5400), ("0.5h", 1800), (" 1h 30m ", 5400), ("0s", 0)],
)
def test_durations(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("value", ["10", "15x", "", " ", "m", "1h-30m", "-1m", 10, 1.5, None])
def test_refused_with_one_message(value: object) -> None:
    with pytest.raises(ValueError) as info:
        parse_duration(value)
    assert str(info.value) == f"{value!r} is not a duration like 30s, 10m, 2h or 1d"


def test_settings_and_rules_use_it() -> None:
    import streams.alerts
    import streams.alerts.rules
    import streams.settings

    assert streams.settings.duration_seconds is parse_duration
    assert streams.alerts.rules.parse_duration is parse_duration
    assert streams.alerts.parse_duration is parse_duration
