"""Schedule rules for the plan's projects and lists, with no Django import.

A milestone is 完成 when its date is recorded and 正常 up to and on its target date. Once the
target date has passed without a date recorded, it is 滞后 only when the data shows it late — a
progress report on the project dated after the target that does not record the milestone — and
待报送 when nothing has been reported since the target: an empty record is not a late project.
Where only a reported state is known (the plan says a milestone was reached but gives no date),
the reported state is kept and marked as reported, because no date rule can confirm or contradict
it. The cultivation lists and the infrastructure projects follow the same rule (list_progress,
infra_schedule): late needs data from after the deadline; without it the entry is 待报送.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from parkops.core.periods import completed_years
from parkops.core.thresholds import at_least, fmt


class Schedule(StrEnum):
    ON_TRACK = "on_track"  # 正常
    LATE = "late"  # 滞后: the data shows it late
    UNREPORTED = "unreported"  # 待报送: past its date, and nothing reported since to decide on
    DONE = "done"  # 完成


class Basis(StrEnum):
    COMPUTED = "computed"  # from the dates and today
    REPORTED = "reported"  # as reported; no date to compute from


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class MilestoneState:
    status: Schedule
    basis: Basis
    days_late: int  # days past the target: at completion if done, else as of today; never negative


def milestone_state(
    *,
    target: date,
    achieved_on: date | None,
    achieved_undated: bool,
    reported: Schedule | None,
    last_report: date | None,
    today: date,
) -> MilestoneState:
    """`last_report`: the date of the project's latest progress report (None: none)."""
    if achieved_on is not None:
        return MilestoneState(Schedule.DONE, Basis.COMPUTED, max(0, (achieved_on - target).days))
    if achieved_undated:
        return MilestoneState(reported or Schedule.DONE, Basis.REPORTED, 0)
    if today > target:
        # A report on the target date itself still finds the milestone on time.
        seen_late = last_report is not None and last_report > target
        status = Schedule.LATE if seen_late else Schedule.UNREPORTED
        return MilestoneState(status, Basis.COMPUTED, (today - target).days)
    return MilestoneState(Schedule.ON_TRACK, Basis.COMPUTED, 0)


def overall(states: list[MilestoneState]) -> MilestoneState | None:
    """A project's state: late if any milestone is late, else 待报送 if any is, done if all are
    done, else on track."""
    if not states:
        return None
    basis = Basis.REPORTED if any(s.basis is Basis.REPORTED for s in states) else Basis.COMPUTED
    for status in (Schedule.LATE, Schedule.UNREPORTED):
        found = [s for s in states if s.status is status]
        if found:
            return MilestoneState(status, basis, max(s.days_late for s in found))
    if all(s.status is Schedule.DONE for s in states):
        return MilestoneState(Schedule.DONE, basis, max(s.days_late for s in states))
    return MilestoneState(Schedule.ON_TRACK, basis, 0)


class ListState(StrEnum):
    """A cultivation-list entry (附件 2)."""

    PENDING = "pending"  # 推进中: its planned year is not over
    DONE = "done"  # 已完成: the data shows it done
    OVERDUE = "overdue"  # 逾期未完成 (滞后): data from its planned year or later shows it not done
    UNREPORTED = "unreported"  # 待报送: its planned year is over and no such data has come in


def list_progress(
    *, done_year: int | None, planned_year: int, evidence_year: int | None, today: date
) -> ListState:
    """`evidence_year`: the latest year of the data that would show the entry done (the
    enterprise's revenue for 规上; the park's recorded designations or 技改 starts for the others)."""
    if done_year is not None:
        return ListState.DONE
    if planned_year >= today.year:
        return ListState.PENDING
    if evidence_year is not None and evidence_year >= planned_year:
        return ListState.OVERDUE
    return ListState.UNREPORTED


def infra_schedule(
    *,
    started: bool,
    completed: bool,
    start_year: int,
    finish_year: int,
    last_report: date | None,
    today: date,
) -> Schedule:
    """An infrastructure project (附件 4): done once completed; past its deadline (the start year
    while not started, else the finish year) it is late only if something was recorded on it
    after that year (a spend, an edit of its record), else 待报送."""
    if completed:
        return Schedule.DONE
    deadline = finish_year if started else start_year
    if today.year <= deadline:
        return Schedule.ON_TRACK
    if last_report is not None and last_report.year > deadline:
        return Schedule.LATE
    return Schedule.UNREPORTED


_PLAN_DATE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日?)?)?")


def parse_plan_date(text: str) -> tuple[date, Precision]:
    """The target date in a schedule as the plan writes it, at the end of the period it names.

    "2023 年 12 月 22 开工" -> 2023-12-22 (day); "2024 年 6 月完成验收" -> 2024-06-30 (month);
    "2025 年" -> 2025-12-31 (year). Raises ValueError when the text holds no year.
    """
    found = _PLAN_DATE.search(text)
    if found is None:
        raise ValueError(f"no date in {text!r}")
    year, month, day = (int(g) if g else None for g in found.groups())
    assert year is not None
    if month is None:
        return date(year, 12, 31), Precision.YEAR
    if day is None:
        return date(year, month, calendar.monthrange(year, month)[1]), Precision.MONTH
    return date(year, month, day), Precision.DAY


# The national 专精特新中小企业 criteria that the annual figures can show (工信部 2022 梯度培育办法).
SRDI_MIN_RD_WAN = Decimal(100)
SRDI_MIN_RD_SHARE = Decimal("0.03")
SRDI_MIN_REVENUE_WAN = Decimal(1000)
SRDI_MIN_YEARS_IN_BUSINESS = 2


class Check(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Criterion:
    key: str
    check: Check
    value: str  # the figure the check used, formatted for the page ("" when unknown)


def srdi_criteria(
    *,
    revenue: Decimal | None,
    rd_expense: Decimal | None,
    started_on: date | None,
    today: date,
) -> list[Criterion]:
    """Which criteria the latest annual figures meet; the others need the enterprise's papers."""

    def check(ok: bool | None) -> Check:
        return Check.UNKNOWN if ok is None else (Check.MET if ok else Check.NOT_MET)

    rd_ok = None if rd_expense is None else rd_expense >= SRDI_MIN_RD_WAN
    share = None if rd_expense is None or not revenue else rd_expense / revenue
    # compared in decimal: 100 ÷ 3333.33… is 3%, not 2.9999…%
    share_ok = None if share is None else at_least(share, SRDI_MIN_RD_SHARE)
    years = None if started_on is None else completed_years(started_on, today)
    return [
        Criterion("rd_amount", check(rd_ok), "" if rd_expense is None else f"{rd_expense:,.2f}"),
        Criterion(
            "rd_share",
            check(share_ok),
            "" if share is None else f"{fmt(share * 100, 2, against=SRDI_MIN_RD_SHARE * 100)}%",
        ),
        Criterion(
            "revenue",
            check(None if revenue is None else revenue >= SRDI_MIN_REVENUE_WAN),
            "" if revenue is None else f"{revenue:,.2f}",
        ),
        Criterion(
            "years",
            check(None if years is None else years >= SRDI_MIN_YEARS_IN_BUSINESS),
            "" if years is None else str(years),
        ),
        # Market focus and the 60-point score need the application file, never the figures.
        Criterion("score", Check.UNKNOWN, ""),
    ]
