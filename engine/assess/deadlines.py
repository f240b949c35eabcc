"""Deadline arithmetic on the requested state's calendar.

With the EEC-1182-71 convention (art. 3): an hour-period starts at the beginning of the next hour
and is never moved; a day-period excludes the day of the event, ends at the end of its last day,
and when that day is a Saturday, Sunday or public holiday it ends at the end of the next working
day (art. 3(4)). Without a convention the period is counted plainly and not moved."""
from __future__ import annotations

import calendar as _cal
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Optional
from zoneinfo import ZoneInfo

import holidays as _holidays

R1182 = "EEC-1182-71"


@lru_cache(maxsize=256)
def _calendar(code: str, subdiv: Optional[str], year: int):
    try:
        return _holidays.country_holidays(code, subdiv=subdiv, years=[year - 1, year, year + 1])
    except (NotImplementedError, KeyError):
        return {}


def is_holiday(code: Optional[str], subdiv: Optional[str], day: date) -> Optional[str]:
    if not code:
        return None
    return _calendar(code, subdiv, day.year).get(day)


def is_working_day(code: Optional[str], subdiv: Optional[str], day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(code, subdiv, day)


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, _cal.monthrange(year, month)[1]))


def iso_duration(amount: Decimal, unit: str) -> str:
    n = int(amount) if amount == int(amount) else amount
    return {"hours": f"PT{n}H", "calendar_days": f"P{n}D", "working_days": f"P{n}D", "weeks": f"P{n}W",
            "months": f"P{n}M", "years": f"P{n}Y"}[unit]


def counting_of(unit: str) -> str:
    return {"hours": "hours", "calendar_days": "calendar_days", "working_days": "working_days",
            "weeks": "calendar_days", "months": "months", "years": "months"}[unit]


def compute_due(start: datetime, amount: Decimal, unit: str, tz: str, cal: Optional[str], subdiv: Optional[str],
                convention: Optional[str], state: str) -> tuple[datetime, list[str]]:
    """Return the due moment (aware, in tz) and the adjustments made, each with its reason."""
    zone = ZoneInfo(tz)
    local = start.astimezone(zone)
    notes: list[str] = []
    n = int(amount)
    if unit == "hours":
        if convention == R1182:
            first = local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            due = first + timedelta(hours=n)
            notes.append(f"counted from the start of the next hour, {first.isoformat()}; hour periods are not "
                         f"moved for weekends or holidays (EEC-1182-71 art. 3(1), 3(4))")
        else:
            due = local + timedelta(hours=n)
        return due.astimezone(zone), notes
    day0 = local.date()
    if unit == "working_days":
        d, left = day0, n
        while left > 0:
            d += timedelta(days=1)
            if is_working_day(cal, subdiv, d):
                left -= 1
        last = d
    elif unit == "calendar_days":
        last = day0 + timedelta(days=n)
    elif unit == "weeks":
        last = day0 + timedelta(days=7 * n)
    elif unit == "months":
        last = add_months(day0, n)
    else:  # years
        last = add_months(day0, 12 * n)
    if convention == R1182 and unit != "working_days":
        moved = last
        while not is_working_day(cal, subdiv, moved):
            moved += timedelta(days=1)
        if moved != last:
            why = is_holiday(cal, subdiv, last) or last.strftime("%A")
            kind = "a public holiday" if is_holiday(cal, subdiv, last) else "a " + last.strftime("%A")
            notes.append(f"the last day, {last.isoformat()}, is {kind} in {state} ({why}): moved to "
                         f"{moved.isoformat()}, EEC-1182-71 art. 3(4)")
            last = moved
    due = datetime.combine(last, time(23, 59, 59), tzinfo=zone)
    return due, notes
