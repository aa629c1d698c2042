"""The working-day engine's rules: calendar data, refusal of unknown years, the office-hour clock,
pauses, the 临期 warning, overdue working days and each holder's share. Every expected value is
worked out by hand in the comment beside it (2025-03-03 is a Monday in a week with no holiday)."""

import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from parkops.core.workdays import (
    SHANGHAI,
    CalendarDataError,
    CalendarYearMissing,
    Escalation,
    Share,
    WorkCalendar,
    YearCalendar,
    chinesecalendar_years,
)

HOUR = timedelta(hours=1)


def at(day: int, hour: int, minute: int = 0, month: int = 3, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar(y for y in chinesecalendar_years() if y.year in {2024, 2025, 2026})


# --- calendar data ---------------------------------------------------------------------------


def test_it_builds_one_year_of_data_per_year_chinesecalendar_covers() -> None:
    years = chinesecalendar_years()
    assert [y.year for y in years] == list(range(2004, 2027))
    assert {y.source for y in years} == {"chinesecalendar 1.11.0"}
    (y2025,) = [y for y in years if y.year == 2025]
    assert sorted(y2025.makeup_workdays) == [
        date(2025, 1, 26),
        date(2025, 2, 8),
        date(2025, 4, 27),
        date(2025, 9, 28),
        date(2025, 10, 11),
    ]


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 3, 3), True),  # a Monday
        (date(2025, 3, 8), False),  # a Saturday
        (date(2025, 2, 8), True),  # Saturday, 调休上班
        (date(2025, 1, 26), True),  # Sunday, 调休上班
        (date(2025, 1, 28), False),  # Tuesday, 除夕 holiday
        (date(2025, 10, 8), False),  # Wednesday, National Day holiday
    ],
)
def test_it_knows_holidays_and_make_up_weekends(
    cal: WorkCalendar, day: date, working: bool
) -> None:
    assert cal.is_working_day(day) is working


def test_a_year_without_data_is_refused_with_what_to_do(cal: WorkCalendar) -> None:
    with pytest.raises(CalendarYearMissing) as caught:
        cal.is_working_day(date(2027, 3, 1))  # an ordinary Monday, but 2027 is not entered
    assert caught.value.year == 2027
    assert str(caught.value) == (
        "没有 2027 年的节假日安排，无法按工作日计算期限：请园区办按国务院办公厅关于 2027 年"
        "部分节假日安排的通知录入该年的放假日期和调休上班日期。"
    )


def test_a_year_between_known_years_is_refused_too() -> None:
    only = [y for y in chinesecalendar_years() if y.year in {2024, 2026}]
    with pytest.raises(CalendarYearMissing):
        WorkCalendar(only).add_working_days(date(2024, 12, 31), 1)


@pytest.mark.parametrize(
    ("holidays", "makeup", "message"),
    [
        ({date(2026, 1, 1)}, set(), "2026-01-01 不在 2027 年内。"),
        (set(), {date(2027, 2, 6)}, None),  # a Saturday: fine
        ({date(2027, 2, 6)}, {date(2027, 2, 6)}, "2027-02-06 不能既是放假日又是调休上班日。"),
        (set(), {date(2027, 2, 5)}, "2027-02-05 是周一至周五，本来就上班，不能录为调休上班日。"),
    ],
)
def test_contradictory_year_data_is_refused_in_chinese(
    holidays: set[date], makeup: set[date], message: str | None
) -> None:
    if message is None:
        YearCalendar(2027, frozenset(holidays), frozenset(makeup))
        return
    with pytest.raises(CalendarDataError) as caught:
        YearCalendar(2027, frozenset(holidays), frozenset(makeup))
    assert str(caught.value) == message


def test_add_working_days_counts_make_up_weekends(cal: WorkCalendar) -> None:
    assert cal.add_working_days(date(2025, 2, 7), 1) == date(2025, 2, 8)  # Fri -> 调休 Sat
    assert cal.add_working_days(date(2025, 1, 27), 1) == date(2025, 2, 5)  # over Spring Festival
    assert cal.add_working_days(date(2025, 3, 8), 0) == date(2025, 3, 10)  # Sat -> Monday
    assert cal.add_working_days(date(2025, 3, 3), 0) == date(2025, 3, 3)
    with pytest.raises(ValueError, match="negative"):
        cal.add_working_days(date(2025, 3, 3), -1)


# --- when the clock starts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (at(3, 10), at(4, 10)),  # Monday in office hours: 8 office hours later
        (at(3, 8), at(3, 17)),  # before opening: the whole Monday
        (at(3, 9), at(3, 17)),  # at opening
        (at(3, 16, 30), at(4, 16, 30)),
        (at(3, 17), at(4, 17)),  # at closing: nothing left today, Tuesday in full
        (at(3, 18), at(4, 17)),  # after hours: starts on the next working day
        (at(7, 18), at(10, 17)),  # Friday evening: Monday
        (at(8, 11), at(10, 17)),  # Saturday: Monday
    ],
)
def test_the_clock_starts_at_receipt_or_at_the_next_opening(
    cal: WorkCalendar, received: datetime, due: datetime
) -> None:
    assert cal.deadline(received, 1) == due


def test_it_reads_any_zone_and_answers_in_shanghai_time(cal: WorkCalendar) -> None:
    received = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    due = cal.deadline(received, 1)
    assert due == at(4, 10)
    assert due.tzinfo is SHANGHAI


def test_a_naive_datetime_is_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        cal.deadline(datetime(2025, 3, 3, 10, 0), 1)  # noqa: DTZ001 - the point of the test


def test_bad_limits_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="positive"):
        cal.deadline(at(3, 10), 0)
    with pytest.raises(ValueError, match="fraction"):
        cal.deadline(at(3, 10), 1, fraction=Decimal("1.2"))


# --- elapsed time and pauses -----------------------------------------------------------------


def test_elapsed_counts_office_hours_on_working_days_only(cal: WorkCalendar) -> None:
    assert cal.elapsed(at(3, 10), at(4, 10)) == 8 * HOUR
    assert cal.elapsed(at(7, 15), at(10, 10)) == 3 * HOUR  # Fri 15–17, Mon 9–10
    assert cal.elapsed_days(at(3, 9), at(5, 13)) == Fraction(5, 2)  # Mon, Tue, half Wed
    assert cal.elapsed(at(4, 10), at(3, 10)) == timedelta()  # the wrong way round: nothing
    # over a 调休 Saturday: Fri 2025-02-07 16:00 to Mon 02-10 10:00 = 1 + 8 + 1 hours
    assert cal.elapsed(at(7, 16, month=2), at(10, 10, month=2)) == 10 * HOUR


def test_pauses_stop_the_clock_and_may_overlap(cal: WorkCalendar) -> None:
    pauses = [(at(3, 11), at(3, 13)), (at(3, 12), at(3, 14)), (at(3, 20), at(4, 10))]
    # Mon 10–17 is 7 h, less 11–14 (3 h, the overlap counted once); Tue 9–10 paused, 10–12 runs
    assert cal.elapsed(at(3, 10), at(4, 12), pauses) == 4 * HOUR + 2 * HOUR
    # 1 working day from Mon 10:00: Mon 10–11 and 14–17 (4 h), Tue 10–14 (4 h) -> Tue 14:00
    assert cal.deadline(at(3, 10), 1, pauses) == at(4, 14)


def test_a_pause_that_ends_before_it_starts_is_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="must not end before it starts"):
        cal.elapsed(at(3, 9), at(5, 9), [(at(4, 12), at(4, 10))])


def test_a_pause_over_a_whole_week_moves_the_deadline_a_week(cal: WorkCalendar) -> None:
    pauses = [(at(4, 10), at(11, 10))]  # waiting for the enterprise's materials, Tue to Tue
    # 3 working days from Mon 09:00: Mon 8 h, Tue 9–10 1 h, then Tue 11th 10–17 7 h, Wed 8 h
    assert cal.deadline(at(3, 9), 3, pauses) == at(12, 17)


# --- 临期 warning and overdue days -------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "limit", "warning"),
    [
        (at(3, 9), 1, at(3, 15, 24)),  # 0.8 × 8 h = 6 h 24 min
        (at(3, 10), 3, at(5, 13, 12)),  # 2.4 days = 19 h 12 min: Mon 7 h, Tue 8 h, Wed 4 h 12 min
        (at(3, 9), 5, at(6, 17)),  # 4 days: Monday to Thursday
        (at(3, 9), 15, at(18, 17)),  # 12 days: Mon 3rd .. Tue 18th (weekends 8–9, 15–16 off)
    ],
)
def test_the_warning_comes_at_80_percent_of_the_limit(
    cal: WorkCalendar, received: datetime, limit: int, warning: datetime
) -> None:
    assert cal.deadline(received, limit, fraction=Decimal("0.8")) == warning


@pytest.mark.parametrize(
    ("now", "days"),
    [
        (at(4, 17), 0),  # at the deadline: on time
        (at(4, 23), 0),  # late, but no office time has run past it yet
        (at(5, 8), 0),
        (at(5, 9, 30), 1),  # the first overdue working day: 督办
        (at(11, 16), 5),  # Wed, Thu, Fri, Mon, Tue
        (at(12, 9, 1), 6),  # 5 more working days after the first: 通报
    ],
)
def test_overdue_working_days_count_each_working_day_past_the_deadline(
    cal: WorkCalendar, now: datetime, days: int
) -> None:
    assert cal.overdue_working_days(at(4, 17), now) == days  # deadline Tuesday 17:00


def test_overdue_days_skip_holidays_and_count_调休_weekends(cal: WorkCalendar) -> None:
    deadline = at(26, 17, month=9)  # Friday 2025-09-26
    # Sat 27 rests, Sun 28 works (1), Mon 29 (2), Tue 30 (3), Oct 1–8 rest, Thu Oct 9 (4)
    assert cal.overdue_working_days(deadline, at(9, 10, month=10)) == 4


def test_a_deadline_in_the_middle_of_a_day_is_overdue_on_that_day(cal: WorkCalendar) -> None:
    assert cal.overdue_working_days(at(4, 10), at(4, 10, 30)) == 1


@pytest.mark.parametrize(
    ("now", "stage"),
    [
        (at(6, 16, 59), Escalation.NONE),
        (at(6, 17), Escalation.WARNING),  # 4 of 5 working days have run: 临期
        (at(7, 18), Escalation.WARNING),  # past the deadline, no overdue working day yet
        (at(10, 9, 30), Escalation.SUPERVISION),  # the first overdue working day: 督办
        (at(14, 16), Escalation.SUPERVISION),  # overdue days 5
        (at(17, 9, 30), Escalation.BULLETIN),  # 5 more after the first: 通报
    ],
)
def test_escalation_warns_supervises_and_lists(
    cal: WorkCalendar, now: datetime, stage: Escalation
) -> None:
    assert cal.escalation(at(3, 9), 5, now) is stage  # due Friday the 7th, 17:00


def test_escalation_thresholds_are_configurable(cal: WorkCalendar) -> None:
    received = at(3, 9)  # 5 working days: due Friday 17:00
    assert cal.escalation(received, 5, at(5, 17), warn_at=Decimal("0.5")) is Escalation.WARNING
    assert cal.escalation(received, 5, at(11, 10), bulletin_after=2) is Escalation.SUPERVISION
    assert cal.escalation(received, 5, at(12, 10), bulletin_after=2) is Escalation.BULLETIN


# --- holders' shares across transfers ----------------------------------------------------------


def test_each_department_keeps_its_share_and_the_late_part_lies_with_the_holder(
    cal: WorkCalendar,
) -> None:
    received = at(3, 9)
    deadline = cal.deadline(received, 1)  # Monday 17:00
    handovers = [("经发", received), ("规划资源", at(3, 13)), ("经发", at(5, 11))]
    shares = cal.holder_shares(handovers, at(5, 15), deadline=deadline)
    assert shares == {
        # Mon 9–13 (4 h, on time), then Wed 11–15 (4 h, all late)
        "经发": Share(elapsed=8 * HOUR, late=4 * HOUR),
        # Mon 13–17 (4 h, on time), Tue 8 h and Wed 9–11 2 h (late)
        "规划资源": Share(elapsed=14 * HOUR, late=10 * HOUR),
    }
    assert sum((s.elapsed for s in shares.values()), timedelta()) == cal.elapsed(
        received, at(5, 15)
    )


def test_shares_leave_out_pauses(cal: WorkCalendar) -> None:
    shares = cal.holder_shares([("A", at(3, 9))], at(3, 17), [(at(3, 10), at(3, 12))])
    assert shares == {"A": Share(elapsed=6 * HOUR, late=timedelta())}


def test_handovers_out_of_order_are_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="time order"):
        cal.holder_shares([("A", at(4, 9)), ("B", at(3, 9))], at(5, 9))


def test_the_web_layer_can_show_the_refusal_in_english() -> None:
    from django.utils import translation

    with translation.override("en"):
        text = translation.gettext(CalendarYearMissing.MESSAGE).format(year=2027)
    assert text.startswith("There is no holiday arrangement for 2027, so working-day deadlines")


def test_office_hours_are_configurable() -> None:
    years = [y for y in chinesecalendar_years() if y.year == 2025]
    cal = WorkCalendar(years, opens=time(8, 30), closes=time(17, 30))
    assert cal.day_length == 9 * HOUR
    assert cal.deadline(at(3, 8), 1) == at(3, 17, 30)
    with pytest.raises(ValueError, match="open before"):
        WorkCalendar(years, opens=time(17), closes=time(9))


def test_the_engine_imports_no_django() -> None:
    code = (
        "import sys, parkops.core.workdays as w; w.chinesecalendar_years(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "")
