"""Years counted by the calendar: the anniversary completes a year; 29 February ends on 28."""

from __future__ import annotations

from datetime import date

import pytest

from parkops.core.periods import completed_years, years_after


@pytest.mark.parametrize(
    ("start", "on", "years"),
    [
        (date(2021, 12, 31), date(2023, 12, 31), 2),  # the anniversary counts
        (date(2022, 1, 1), date(2023, 12, 31), 1),  # one day short of two years
        (date(2021, 1, 1), date(2023, 12, 31), 2),
        (date(2020, 2, 29), date(2022, 2, 27), 1),
        (date(2020, 2, 29), date(2022, 2, 28), 2),  # no 29 February: the month's last day
        (date(2020, 2, 29), date(2024, 2, 28), 3),  # a leap year has its own 29th
        (date(2020, 2, 29), date(2024, 2, 29), 4),
        (date(2024, 6, 1), date(2023, 12, 31), 0),  # not started yet
        (date(2023, 12, 31), date(2023, 12, 31), 0),
    ],
)
def test_completed_years(start: date, on: date, years: int) -> None:
    assert completed_years(start, on) == years


def test_years_after_a_leap_day_is_the_last_of_february() -> None:
    assert years_after(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert years_after(date(2024, 2, 29), 4) == date(2028, 2, 29)
