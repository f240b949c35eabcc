"""Deadline arithmetic on real calendars (EEC-1182-71 art. 3)."""
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from engine.assess.deadlines import compute_due

BERLIN = ZoneInfo("Europe/Berlin")


def test_hour_period_starts_next_hour_and_crosses_weekend_unmoved():
    start = datetime(2026, 11, 27, 16, 20, tzinfo=BERLIN)  # a Friday
    due, notes = compute_due(start, Decimal(48), "hours", "Europe/Berlin", "DE", None, "EEC-1182-71", "DE")
    assert due == datetime(2026, 11, 29, 17, 0, tzinfo=BERLIN)  # a Sunday: hour periods are not moved
    assert "art. 3(1)" in notes[0]


def test_day_period_ending_on_christmas_moves_to_next_working_day():
    start = datetime(2026, 11, 10, 9, 0, tzinfo=BERLIN)
    due, notes = compute_due(start, Decimal(45), "calendar_days", "Europe/Berlin", "DE", None, "EEC-1182-71", "DE")
    assert due.date().isoformat() == "2026-12-28"  # 25 Dec is a holiday, 26 Dec too, 27 Dec a Sunday
    assert "2026-12-25" in notes[0] and "art. 3(4)" in notes[0]


def test_without_convention_days_are_not_moved():
    start = datetime(2026, 11, 10, 9, 0, tzinfo=BERLIN)
    due, notes = compute_due(start, Decimal(45), "calendar_days", "Europe/Berlin", "DE", None, None, "DE")
    assert due.date().isoformat() == "2026-12-25" and notes == []


def test_months_end_on_last_day_when_the_day_is_missing():
    start = datetime(2027, 1, 31, 9, 0, tzinfo=BERLIN)
    due, _ = compute_due(start, Decimal(1), "months", "Europe/Berlin", "DE", None, None, "DE")
    assert due.date().isoformat() == "2027-02-28"
