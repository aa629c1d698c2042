"""Periods counted by the calendar, as 民法典 第二百零一、二百零二条 count them. No Django.

A period of N years that starts on a day ends on the same day N years later (the anniversary
itself completes the period); when that month has no such day (29 February in a common year),
the period ends on the month's last day. Every rule that counts years — years in production,
years in business, a plot idle or halted for a year — counts them here.
"""

from __future__ import annotations

from datetime import date


def years_after(start: date, years: int) -> date:
    """The day a period of `years` years from `start` is complete: the anniversary, or the last
    day of the month when it has no such day (29 February -> 28 February)."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def completed_years(start: date, on: date) -> int:
    """The full years from `start` to `on` (the anniversary counts); 0 before the first."""
    years = on.year - start.year
    if years > 0 and years_after(start, years) > on:
        years -= 1
    return max(years, 0)
