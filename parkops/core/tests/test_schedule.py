from datetime import date
from decimal import Decimal

import pytest

from parkops.core.schedule import (
    Basis,
    Check,
    ListState,
    MilestoneState,
    Precision,
    Schedule,
    infra_schedule,
    list_progress,
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
        target=TARGET,
        achieved_on=None,
        achieved_undated=False,
        reported=None,
        last_report=date(2024, 7, 1),  # a report after the target that records no completion
        today=today,
    )
    assert state == MilestoneState(status, Basis.COMPUTED, days_late)


@pytest.mark.parametrize(
    ("last_report", "status"),
    [
        (None, Schedule.UNREPORTED),  # never reported
        (date(2024, 3, 11), Schedule.UNREPORTED),  # reported before the target only
        (TARGET, Schedule.UNREPORTED),  # on the target date it was still on time
        (date(2024, 7, 1), Schedule.LATE),  # the day after: the report shows it late
    ],
)
def test_a_milestone_past_its_target_is_late_only_if_a_later_report_shows_it(
    last_report: date | None, status: Schedule
) -> None:
    state = milestone_state(
        target=TARGET,
        achieved_on=None,
        achieved_undated=False,
        reported=Schedule.ON_TRACK,
        last_report=last_report,
        today=date(2024, 8, 1),
    )
    assert state == MilestoneState(status, Basis.COMPUTED, 32)


@pytest.mark.parametrize(("achieved", "days_late"), [(TARGET, 0), (date(2024, 7, 3), 3)])
def test_a_milestone_with_its_date_is_done_and_keeps_its_delay(
    achieved: date, days_late: int
) -> None:
    state = milestone_state(
        target=TARGET,
        achieved_on=achieved,
        achieved_undated=False,
        reported=Schedule.ON_TRACK,
        last_report=None,
        today=date(2026, 1, 1),
    )
    assert state == MilestoneState(Schedule.DONE, Basis.COMPUTED, days_late)


def test_a_milestone_reached_without_a_date_keeps_the_reported_state() -> None:
    state = milestone_state(
        target=date(2023, 12, 22),
        achieved_on=None,
        achieved_undated=True,
        reported=Schedule.LATE,
        last_report=None,
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


def test_a_project_is_unreported_if_a_milestone_is_and_none_is_late() -> None:
    done = MilestoneState(Schedule.DONE, Basis.COMPUTED, 2)
    late = MilestoneState(Schedule.LATE, Basis.COMPUTED, 9)
    unreported = MilestoneState(Schedule.UNREPORTED, Basis.COMPUTED, 40)
    on_track = MilestoneState(Schedule.ON_TRACK, Basis.COMPUTED, 0)
    assert overall([done, unreported, on_track]) == unreported
    assert overall([unreported, late]) == late  # what the data shows late comes first


@pytest.mark.parametrize(
    ("done_year", "evidence_year", "today", "expected"),
    [
        (2025, None, date(2026, 1, 1), ListState.DONE),
        (None, None, date(2025, 12, 31), ListState.PENDING),  # its year is not over
        (None, 2025, date(2025, 12, 31), ListState.PENDING),
        (None, None, date(2026, 1, 1), ListState.UNREPORTED),  # over, no data at all
        (None, 2024, date(2026, 1, 1), ListState.UNREPORTED),  # data only from before its year
        (None, 2025, date(2026, 1, 1), ListState.OVERDUE),  # its year's data shows it not done
        (None, 2026, date(2027, 3, 1), ListState.OVERDUE),  # a later year's too
    ],
)
def test_a_list_entry_is_overdue_only_when_the_data_of_its_year_shows_it(
    done_year: int | None, evidence_year: int | None, today: date, expected: ListState
) -> None:
    found = list_progress(
        done_year=done_year, planned_year=2025, evidence_year=evidence_year, today=today
    )
    assert found is expected


@pytest.mark.parametrize(
    ("started", "completed", "last_report", "today", "expected"),
    [
        (True, True, None, date(2030, 1, 1), Schedule.DONE),
        (False, False, None, date(2024, 12, 31), Schedule.ON_TRACK),  # its start year
        (False, False, None, date(2025, 1, 1), Schedule.UNREPORTED),  # not started, not reported
        (False, False, date(2024, 12, 31), date(2025, 6, 1), Schedule.UNREPORTED),
        (False, False, date(2025, 1, 1), date(2025, 6, 1), Schedule.LATE),  # confirmed in 2025
        (True, False, None, date(2025, 6, 1), Schedule.ON_TRACK),  # started, finishes in 2025
        (True, False, date(2025, 12, 1), date(2026, 1, 1), Schedule.UNREPORTED),
        (True, False, date(2026, 1, 1), date(2026, 2, 1), Schedule.LATE),  # still running in 2026
    ],
)
def test_an_infrastructure_project_is_late_only_when_data_after_its_deadline_shows_it(
    started: bool, completed: bool, last_report: date | None, today: date, expected: Schedule
) -> None:
    found = infra_schedule(
        started=started,
        completed=completed,
        start_year=2024,
        finish_year=2025,
        last_report=last_report,
        today=today,
    )
    assert found is expected


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
