"""Issue 16's done-when: the engine, fed from chinesecalendar, agrees with a table of every day of
2024–2026 worked out by hand from the State Council's holiday notices, for limits of 1, 3, 5 and
15 working days, 调休 Saturdays and Sundays included.

The notices below are copied by hand from their published text, as ranges of days off and lists of
make-up working days (上班). The expected deadlines come from a plain loop over that table,
independent of the engine."""

from datetime import date, datetime, time, timedelta

import pytest

from parkops.core.workdays import (
    SHANGHAI,
    CalendarYearMissing,
    WorkCalendar,
    chinesecalendar_years,
)

# 国办发明电〔2023〕7号, 国务院办公厅关于2024年部分节假日安排的通知 (2023-10-25)
NOTICE_2024_OFF = [
    (date(2024, 1, 1), date(2024, 1, 1)),  # 元旦：1月1日放假，与周末连休
    (date(2024, 2, 10), date(2024, 2, 17)),  # 春节：2月10日至17日放假调休，共8天
    (date(2024, 4, 4), date(2024, 4, 6)),  # 清明节：4月4日至6日放假调休，共3天
    (date(2024, 5, 1), date(2024, 5, 5)),  # 劳动节：5月1日至5日放假调休，共5天
    (date(2024, 6, 10), date(2024, 6, 10)),  # 端午节：6月10日放假，与周末连休
    (date(2024, 9, 15), date(2024, 9, 17)),  # 中秋节：9月15日至17日放假调休，共3天
    (date(2024, 10, 1), date(2024, 10, 7)),  # 国庆节：10月1日至7日放假调休，共7天
]
NOTICE_2024_WORK = [
    date(2024, 2, 4),  # 春节：2月4日（星期日）上班
    date(2024, 2, 18),  # 春节：2月18日（星期日）上班
    date(2024, 4, 7),  # 清明节：4月7日（星期日）上班
    date(2024, 4, 28),  # 劳动节：4月28日（星期日）上班
    date(2024, 5, 11),  # 劳动节：5月11日（星期六）上班
    date(2024, 9, 14),  # 中秋节：9月14日（星期六）上班
    date(2024, 9, 29),  # 国庆节：9月29日（星期日）上班
    date(2024, 10, 12),  # 国庆节：10月12日（星期六）上班
]

# 国办发明电〔2024〕12号, 国务院办公厅关于2025年部分节假日安排的通知 (2024-11-12)
NOTICE_2025_OFF = [
    (date(2025, 1, 1), date(2025, 1, 1)),  # 元旦：1月1日（周三）放假1天，不调休
    (
        date(2025, 1, 28),
        date(2025, 2, 4),
    ),  # 春节：1月28日（除夕、周二）至2月4日（初七、周二），共8天
    (date(2025, 4, 4), date(2025, 4, 6)),  # 清明节：4月4日（周五）至6日（周日）放假，共3天
    (date(2025, 5, 1), date(2025, 5, 5)),  # 劳动节：5月1日（周四）至5日（周一）放假调休，共5天
    (date(2025, 5, 31), date(2025, 6, 2)),  # 端午节：5月31日（周六）至6月2日（周一）放假，共3天
    (date(2025, 10, 1), date(2025, 10, 8)),  # 国庆节、中秋节：10月1日（周三）至8日（周三），共8天
]
NOTICE_2025_WORK = [
    date(2025, 1, 26),  # 春节：1月26日（周日）上班
    date(2025, 2, 8),  # 春节：2月8日（周六）上班
    date(2025, 4, 27),  # 劳动节：4月27日（周日）上班
    date(2025, 9, 28),  # 国庆节、中秋节：9月28日（周日）上班
    date(2025, 10, 11),  # 国庆节、中秋节：10月11日（周六）上班
]

# 国办发明电〔2025〕7号, 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)
NOTICE_2026_OFF = [
    (date(2026, 1, 1), date(2026, 1, 3)),  # 元旦：1月1日（周四）至3日（周六）放假调休，共3天
    (
        date(2026, 2, 15),
        date(2026, 2, 23),
    ),  # 春节：2月15日（腊月二十八、周日）至23日（初七、周一），共9天
    (date(2026, 4, 4), date(2026, 4, 6)),  # 清明节：4月4日（周六）至6日（周一）放假，共3天
    (date(2026, 5, 1), date(2026, 5, 5)),  # 劳动节：5月1日（周五）至5日（周二）放假调休，共5天
    (date(2026, 6, 19), date(2026, 6, 21)),  # 端午节：6月19日（周五）至21日（周日）放假，共3天
    (date(2026, 9, 25), date(2026, 9, 27)),  # 中秋节：9月25日（周五）至27日（周日）放假，共3天
    (date(2026, 10, 1), date(2026, 10, 7)),  # 国庆节：10月1日（周四）至7日（周三）放假调休，共7天
]
NOTICE_2026_WORK = [
    date(2026, 1, 4),  # 元旦：1月4日（周日）上班
    date(2026, 2, 14),  # 春节：2月14日（周六）上班
    date(2026, 2, 28),  # 春节：2月28日（周六）上班
    date(2026, 5, 9),  # 劳动节：5月9日（周六）上班
    date(2026, 9, 20),  # 国庆节：9月20日（周日）上班
    date(2026, 10, 10),  # 国庆节：10月10日（周六）上班
]

FIRST, LAST = date(2024, 1, 1), date(2026, 12, 31)
LIMITS = (1, 3, 5, 15)


def _spans(ranges: list[tuple[date, date]]) -> set[date]:
    days: set[date] = set()
    for first, last in ranges:
        days.update(first + timedelta(n) for n in range((last - first).days + 1))
    return days


DAYS_OFF = _spans(NOTICE_2024_OFF + NOTICE_2025_OFF + NOTICE_2026_OFF)
MAKEUP = set(NOTICE_2024_WORK + NOTICE_2025_WORK + NOTICE_2026_WORK)


def _all_days() -> list[date]:
    return [FIRST + timedelta(n) for n in range((LAST - FIRST).days + 1)]


# The hand table: every day of 2024–2026, working or not, from the notices alone.
HAND_TABLE = {
    day: day in MAKEUP or (day.weekday() < 5 and day not in DAYS_OFF) for day in _all_days()
}


def _nth_working_day(first: date, n: int) -> date | None:
    """The n-th working day counting `first` itself; None once the table runs out."""
    day = first
    while day <= LAST:
        if HAND_TABLE[day]:
            n -= 1
            if n == 0:
                return day
        day += timedelta(1)
    return None


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, SHANGHAI)


@pytest.fixture(scope="module")
def engine() -> WorkCalendar:
    return WorkCalendar(year for year in chinesecalendar_years() if year.year in {2024, 2025, 2026})


def test_the_hand_table_counts_what_the_notices_say() -> None:
    # Days off that fall Monday–Friday and weekend days worked, counted by hand from the notices.
    weekdays_off = [d for d in DAYS_OFF if d.weekday() < 5]
    assert [len([d for d in weekdays_off if d.year == y]) for y in (2024, 2025, 2026)] == [
        19,  # 1/1, 2/12–16, 4/4–5, 5/1–3, 6/10, 9/16–17, 10/1–4, 10/7
        18,  # 1/1, 1/28–31, 2/3–4, 4/4, 5/1–2, 5/5, 6/2, 10/1–3, 10/6–8
        19,  # 1/1–2, 2/16–20, 2/23, 4/6, 5/1, 5/4–5, 6/19, 9/25, 10/1–2, 10/5–7
    ]
    assert all(d.weekday() >= 5 for d in MAKEUP)
    assert sum(HAND_TABLE.values()) == 251 + 248 + 248  # working days per year, 2024–2026


def test_chinesecalendar_agrees_with_the_notices_on_every_day(engine: WorkCalendar) -> None:
    disagreements = [
        (day.isoformat(), "notice: " + ("work" if worked else "rest"))
        for day, worked in HAND_TABLE.items()
        if engine.is_working_day(day) != worked
    ]
    assert disagreements == []


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_chinesecalendar_carries_the_notices_lists_exactly(year: int) -> None:
    (data,) = [cal for cal in chinesecalendar_years() if cal.year == year]
    assert sorted(data.makeup_workdays) == sorted(d for d in MAKEUP if d.year == year)
    assert sorted(data.holidays) == sorted(d for d in DAYS_OFF if d.year == year)


@pytest.mark.parametrize("limit", LIMITS)
def test_deadlines_for_every_start_day_agree_with_the_hand_table(
    engine: WorkCalendar, limit: int
) -> None:
    wrong = []
    for day in _all_days():
        after = day + timedelta(1)
        cases = [
            # received before opening (or on a rest day): counting starts at the first working
            # day from `day`, and the deadline is the close of the limit-th working day
            (_at(day, time(0, 0)), _nth_working_day(day, limit), time(17, 0)),
            # received after closing: counting starts at the next working day
            (_at(day, time(18, 0)), _nth_working_day(after, limit), time(17, 0)),
        ]
        if HAND_TABLE[day]:
            # received in office hours on a working day: due `limit` working days later, same hour
            cases.append((_at(day, time(10, 0)), _nth_working_day(after, limit), time(10, 0)))
        else:
            cases.append((_at(day, time(10, 0)), _nth_working_day(day, limit), time(17, 0)))
        for received, due_day, due_time in cases:
            expected = "2027 missing" if due_day is None else _at(due_day, due_time)
            try:
                got: object = engine.deadline(received, limit)
            except CalendarYearMissing as error:
                got = f"{error.year} missing"
            if got != expected:
                wrong.append((received.isoformat(), limit, str(expected), str(got)))
    assert wrong == []


@pytest.mark.parametrize(
    ("received", "limit", "due"),
    [
        # Friday after hours; Saturday 2024-09-28 rests, Sunday 9-29 is a 调休 working day
        (_at(date(2024, 9, 27), time(18, 0)), 1, _at(date(2024, 9, 29), time(17, 0))),
        # Saturday 2024-10-12 is a 调休 working day: Friday 10:00 + 1 lands on it
        (_at(date(2024, 10, 11), time(10, 0)), 1, _at(date(2024, 10, 12), time(10, 0))),
        # the National Day week: Monday 9-30 10:00 + 1 skips 10-1..10-7
        (_at(date(2024, 9, 30), time(10, 0)), 1, _at(date(2024, 10, 8), time(10, 0))),
        # Spring Festival 2026: Sat 2-14 works (1), 2-15..23 rest, Tue 24 (2), Wed 25 (3)
        (_at(date(2026, 2, 13), time(18, 0)), 3, _at(date(2026, 2, 25), time(17, 0))),
        # over the new year: 2026-01-01..03 rest, Sunday 01-04 is a 调休 working day
        (_at(date(2025, 12, 31), time(10, 0)), 1, _at(date(2026, 1, 4), time(10, 0))),
        # 15 working days from 2025-09-26 (Fri) 10:00: 9-28 (Sun, 调休), 9-29, 9-30, 10-9,
        # 10-10, 10-11 (Sat, 调休), 10-13..17, 10-20..23 -> the 15th is Thu 10-23
        (_at(date(2025, 9, 26), time(10, 0)), 15, _at(date(2025, 10, 23), time(10, 0))),
    ],
)
def test_deadlines_worked_out_by_hand_around_调休(
    engine: WorkCalendar, received: datetime, limit: int, due: datetime
) -> None:
    assert engine.deadline(received, limit) == due


def test_a_deadline_that_runs_into_2027_is_refused(engine: WorkCalendar) -> None:
    with pytest.raises(CalendarYearMissing) as caught:
        engine.deadline(_at(date(2026, 12, 31), time(18, 0)), 1)
    assert caught.value.year == 2027
