from datetime import date
from decimal import Decimal

import pytest

from parkops.core.schedule import (
    Basis,
    Check,
    MilestoneState,
    Precision,
    Schedule,
    milestone_state,
    overall,
    parse_plan_date,
    srdi_criteria,
)

TARGET = date(2024, 6, 30)


@pytest.mark.parametrize(
    ("today", "status", "days_late"),
    [
        (date(2024, 6, 29), Schedule.ON_TRACK, 0),
        (date(2024, 6, 30), Schedule.ON_TRACK, 0),  # on the target date itself: still on time
        (date(2024, 7, 1), Schedule.LATE, 1),
        (date(2024, 7, 31), Schedule.LATE, 31),
    ],
)
def test_a_milestone_without_a_date_is_late_only_after_its_target(
    today: date, status: Schedule, days_late: int
) -> None:
    state = milestone_state(
        target=TARGET, achieved_on=None, achieved_undated=False, reported=None, today=today
    )
    assert state == MilestoneState(status, Basis.COMPUTED, days_late)


@pytest.mark.parametrize(("achieved", "days_late"), [(TARGET, 0), (date(2024, 7, 3), 3)])
def test_a_milestone_with_its_date_is_done_and_keeps_its_delay(
    achieved: date, days_late: int
) -> None:
    state = milestone_state(
        target=TARGET,
        achieved_on=achieved,
        achieved_undated=False,
        reported=Schedule.ON_TRACK,
        today=date(2026, 1, 1),
    )
    assert state == MilestoneState(Schedule.DONE, Basis.COMPUTED, days_late)


def test_a_milestone_reached_without_a_date_keeps_the_reported_state() -> None:
    state = milestone_state(
        target=date(2023, 12, 22),
        achieved_on=None,
        achieved_undated=True,
        reported=Schedule.LATE,
        today=date(2024, 3, 11),
    )
    assert state == MilestoneState(Schedule.LATE, Basis.REPORTED, 0)


def test_a_project_is_late_if_any_milestone_is() -> None:
    done = MilestoneState(Schedule.DONE, Basis.COMPUTED, 2)
    late = MilestoneState(Schedule.LATE, Basis.COMPUTED, 9)
    on_track = MilestoneState(Schedule.ON_TRACK, Basis.COMPUTED, 0)
    assert overall([done, late, on_track]) == late
    assert overall([done, on_track]) == on_track
    assert overall([done, done]) == done
    assert overall([]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023 年 12 月 22 开工", (date(2023, 12, 22), Precision.DAY)),
        ("2024 年 6 月完成验收", (date(2024, 6, 30), Precision.MONTH)),
        ("2024年2月", (date(2024, 2, 29), Precision.MONTH)),
        ("2025 年", (date(2025, 12, 31), Precision.YEAR)),
    ],
)
def test_plan_dates_are_read_to_the_end_of_the_period_they_name(
    text: str, expected: tuple[date, Precision]
) -> None:
    assert parse_plan_date(text) == expected


def test_a_schedule_without_a_year_is_refused() -> None:
    with pytest.raises(ValueError, match="no date"):
        parse_plan_date("尽快开工")


def test_srdi_criteria_from_the_figures() -> None:
    checks = srdi_criteria(
        revenue=Decimal(3000),
        rd_expense=Decimal(90),
        started_on=date(2022, 11, 27),
        today=date(2024, 11, 26),
    )
    assert [(c.key, c.check, c.value) for c in checks] == [
        ("rd_amount", Check.NOT_MET, "90.00"),  # below 100 万元
        ("rd_share", Check.MET, "3.00%"),  # 90 / 3000 is exactly 3 %
        ("revenue", Check.MET, "3,000.00"),
        ("years", Check.NOT_MET, "1"),  # two years only from 2024-11-27
        ("score", Check.UNKNOWN, ""),
    ]


def test_srdi_criteria_without_figures_are_unknown_not_failed() -> None:
    checks = srdi_criteria(revenue=None, rd_expense=None, started_on=None, today=date(2024, 1, 1))
    assert {c.check for c in checks} == {Check.UNKNOWN}


def test_rd_share_at_three_percent_after_division_meets_the_criterion() -> None:
    # 302 万元 of R&D over 10,066.66… 万元 of revenue: 3%, though 28-digit division gives 2.9999…%
    revenue = Decimal(30200) / Decimal(3)
    share = srdi_criteria(revenue=revenue, rd_expense=Decimal(302), started_on=None,
                          today=date(2024, 1, 1))[1]  # fmt: skip
    assert (share.check, share.value) == (Check.MET, "3.00%")


def test_years_in_business_count_the_anniversary() -> None:
    years = srdi_criteria(revenue=None, rd_expense=None, started_on=date(2020, 2, 29),
                          today=date(2022, 2, 28))[3]  # fmt: skip
    assert (years.check, years.value) == (Check.MET, "2")
