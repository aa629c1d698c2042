"""Working days on China's official calendar, and the clocks that run on them. No Django import.

The calendar is data: for each year, the public-holiday dates (放假) and the make-up working days
(调休上班) of the State Council General Office's notice for that year. Every other Saturday and
Sunday is a rest day and every other weekday a working day. A year with no data is refused with
`CalendarYearMissing`, never guessed: holidays move with the lunar calendar and the 调休 pattern
changes every year. `chinesecalendar_years()` builds the data for the years the `chinesecalendar`
package covers, so a table can be seeded from it and extended by the park office.

The clock (12345 practice, 沪府办〔2018〕62号 limits "from receipt of the 工单", in working days):
- It runs only in office hours (09:00–17:00 by default) on working days, so one working day is
  eight office hours. Evenings, weekends, holidays and pauses do not count.
- A request received during office hours starts the clock at once; one received on a rest day
  or before opening starts it at the next opening, so one received after closing starts
  counting on the next working day. Counting office hours rather than whole days gives every
  request the same N × 8 hours whatever hour it came in; a whole-day count would let a request
  received at 16:59 lose its first day to the minute before closing.
- A limit of N working days ends when N × 8 office hours have run: received Monday 10:00 with
  1 working day, due Tuesday 10:00; received Saturday or Friday 18:00, due Monday 17:00. The
  request is on time at the deadline itself and late after it.
- Pauses (waiting for the enterprise's materials) are intervals in which the clock stops; they
  may overlap each other and run outside office hours. An open pause is closed at "now" by the
  caller.
- The 临期 warning is the moment a fraction (80 % by default) of the limit has run.
- Overdue working days are the working days on which office time ran past the deadline: the
  first overdue working day counts 1 (督办), and 5 more after it make 6 (通报). A deadline at
  17:00 Tuesday is overdue from Tuesday 17:00, but its first overdue working day is Wednesday.
- A department's share is the office time in which it held the request, and its late share the
  part of that after the deadline: lateness after a transfer lies with the department that held
  the request then.

Datetimes must be timezone-aware; they are read and returned in the calendar's zone
(Asia/Shanghai, no daylight saving, so wall-clock arithmetic is exact).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from itertools import pairwise
from typing import TypeVar
from zoneinfo import ZoneInfo

from parkops.core.text import gettext_noop

SHANGHAI = ZoneInfo("Asia/Shanghai")
_SATURDAY = 5
_ONE_DAY = timedelta(days=1)

Interval = tuple[datetime, datetime]
Number = int | Decimal | Fraction
K = TypeVar("K", bound=Hashable)


class CalendarYearMissing(LookupError):
    """A date falls in a year whose holiday arrangement has not been entered."""

    MESSAGE = gettext_noop(
        "没有 {year} 年的节假日安排，无法按工作日计算期限：请园区办按国务院办公厅关于 {year} 年"
        "部分节假日安排的通知录入该年的放假日期和调休上班日期。"
    )

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(self.MESSAGE.format(year=year))


class CalendarDataError(ValueError):
    """A year's calendar data contradicts itself; `message` is a marked template, `params` fill it."""

    OUTSIDE_YEAR = gettext_noop("{day} 不在 {year} 年内。")
    BOTH = gettext_noop("{day} 不能既是放假日又是调休上班日。")
    WEEKDAY_MAKEUP = gettext_noop("{day} 是周一至周五，本来就上班，不能录为调休上班日。")

    def __init__(self, message: str, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(message.format(**params))


@dataclass(frozen=True)
class YearCalendar:
    """One year's official arrangement: the days off and the make-up working days."""

    year: int
    holidays: frozenset[date]  # 放假 (all days of each holiday span, weekends included or not)
    makeup_workdays: frozenset[date]  # 调休上班: Saturdays and Sundays that are working days
    source: str = ""  # e.g. "国办发明电〔2025〕7号" or "chinesecalendar 1.11.0"

    def __post_init__(self) -> None:
        for day in sorted(self.holidays | self.makeup_workdays):
            if day.year != self.year:
                raise CalendarDataError(CalendarDataError.OUTSIDE_YEAR, day=day, year=self.year)
        for day in sorted(self.holidays & self.makeup_workdays):
            raise CalendarDataError(CalendarDataError.BOTH, day=day)
        for day in sorted(self.makeup_workdays):
            if day.weekday() < _SATURDAY:
                raise CalendarDataError(CalendarDataError.WEEKDAY_MAKEUP, day=day)


def chinesecalendar_years() -> list[YearCalendar]:
    """Every year the installed `chinesecalendar` covers, as calendar data (for seeding a table)."""
    import chinese_calendar  # type: ignore[import-untyped]
    from chinese_calendar.constants import holidays, workdays  # type: ignore[import-untyped]

    source = f"chinesecalendar {chinese_calendar.__version__}"
    years = sorted({day.year for day in holidays} | {day.year for day in workdays})
    return [
        YearCalendar(
            year=year,
            holidays=frozenset(day for day in holidays if day.year == year),
            makeup_workdays=frozenset(day for day in workdays if day.year == year),
            source=source,
        )
        for year in years
    ]


class Escalation(StrEnum):
    NONE = "none"
    WARNING = "warning"  # 临期
    SUPERVISION = "supervision"  # 督办
    BULLETIN = "bulletin"  # 通报


@dataclass(frozen=True)
class Share:
    """A holder's part of a request's clock: all its office time, and the part after the deadline."""

    elapsed: timedelta
    late: timedelta


class WorkCalendar:
    """Working days and office-hour clocks over the years it is given."""

    def __init__(
        self,
        years: Iterable[YearCalendar],
        *,
        opens: time = time(9, 0),
        closes: time = time(17, 0),
        tz: ZoneInfo = SHANGHAI,
    ) -> None:
        if not opens < closes:
            raise ValueError("office hours must open before they close")
        self._years = {cal.year: cal for cal in years}
        self.opens, self.closes, self.tz = opens, closes, tz
        self.day_length = datetime.combine(date.min, closes) - datetime.combine(date.min, opens)

    @property
    def years(self) -> list[int]:
        return sorted(self._years)

    # --- days ------------------------------------------------------------------------------
    def is_working_day(self, day: date) -> bool:
        cal = self._years.get(day.year)
        if cal is None:
            raise CalendarYearMissing(day.year)
        if day in cal.makeup_workdays:
            return True
        return day.weekday() < _SATURDAY and day not in cal.holidays

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (n ≥ 1); for n = 0, `day` itself or the next working day."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            while not self.is_working_day(day):
                day += _ONE_DAY
            return day
        while n:
            day += _ONE_DAY
            if self.is_working_day(day):
                n -= 1
        return day

    # --- the clock -------------------------------------------------------------------------
    def elapsed(self, start: datetime, end: datetime, pauses: Sequence[Interval] = ()) -> timedelta:
        """Office time on working days in [start, end), pauses left out."""
        start, end = self._local(start), self._local(end)
        paused = self._pauses(pauses)
        total = timedelta()
        for lo, hi in self._running(start, end, paused):
            total += hi - lo
        return total

    def elapsed_days(
        self, start: datetime, end: datetime, pauses: Sequence[Interval] = ()
    ) -> Fraction:
        """`elapsed` in working days (eight office hours each by default)."""
        return Fraction(_micros(self.elapsed(start, end, pauses)), _micros(self.day_length))

    def deadline(
        self,
        received: datetime,
        limit_days: Number,
        pauses: Sequence[Interval] = (),
        *,
        fraction: Number = 1,
    ) -> datetime:
        """The moment `fraction` of a limit of `limit_days` working days has run since `received`.

        `fraction=Decimal("0.8")` gives the 临期 warning. Refuses a year with no calendar data.
        """
        limit, part = Fraction(limit_days), Fraction(fraction)
        if limit <= 0 or not 0 < part <= 1:
            raise ValueError("the limit must be positive and the fraction in (0, 1]")
        remaining = timedelta(microseconds=int(limit * part * _micros(self.day_length)))
        paused = self._pauses(pauses)
        for lo, hi in self._running(self._local(received), None, paused):
            if remaining <= hi - lo:
                return lo + remaining
            remaining -= hi - lo
        raise AssertionError("unreachable: the walk ends at a year with no calendar data")

    def overdue_working_days(
        self, deadline: datetime, now: datetime, pauses: Sequence[Interval] = ()
    ) -> int:
        """How many working days office time has run past the deadline, today included."""
        days = {
            lo.date()
            for lo, _ in self._running(
                self._local(deadline), self._local(now), self._pauses(pauses)
            )
        }
        return len(days)

    def escalation(
        self,
        received: datetime,
        limit_days: Number,
        now: datetime,
        pauses: Sequence[Interval] = (),
        *,
        warn_at: Number = Decimal("0.8"),
        supervise_on: int = 1,
        bulletin_after: int = 5,
    ) -> Escalation:
        """Where a request stands: 临期 once `warn_at` of the limit has run, 督办 on the
        `supervise_on`-th overdue working day, 通报 once `bulletin_after` more have begun."""
        deadline = self.deadline(received, limit_days, pauses)
        overdue = self.overdue_working_days(deadline, now, pauses)
        if overdue >= supervise_on + bulletin_after:
            return Escalation.BULLETIN
        if overdue >= supervise_on:
            return Escalation.SUPERVISION
        if self._local(now) >= self.deadline(received, limit_days, pauses, fraction=warn_at):
            return Escalation.WARNING
        return Escalation.NONE

    def holder_shares(
        self,
        handovers: Sequence[tuple[K, datetime]],
        until: datetime,
        pauses: Sequence[Interval] = (),
        *,
        deadline: datetime | None = None,
    ) -> dict[K, Share]:
        """Each holder's office time from the moment it received the request to the next handover
        (the last holds it until `until`), and the part of it after `deadline`. Handovers are
        (holder, moment) in time order; a holder who gets the request back adds up."""
        moments = [self._local(moment) for _, moment in handovers] + [self._local(until)]
        if any(b < a for a, b in pairwise(moments)):
            raise ValueError("handovers must be in time order and end by `until`")
        shares: dict[K, Share] = {}
        for (holder, _), lo, hi in zip(handovers, moments, moments[1:], strict=False):
            elapsed = self.elapsed(lo, hi, pauses)
            late = timedelta()
            if deadline is not None:
                late = self.elapsed(max(lo, self._local(deadline)), hi, pauses)
            before = shares.get(holder, Share(timedelta(), timedelta()))
            shares[holder] = Share(before.elapsed + elapsed, before.late + late)
        return shares

    # --- helpers ---------------------------------------------------------------------------
    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("a timezone-aware datetime is needed")
        return moment.astimezone(self.tz)

    def _pauses(self, pauses: Sequence[Interval]) -> list[Interval]:
        """The pauses in local time, sorted by start (overlaps are fine: `_minus` skips them)."""
        local = sorted((self._local(lo), self._local(hi)) for lo, hi in pauses)
        if any(hi < lo for lo, hi in local):
            raise ValueError("a pause must not end before it starts")
        return local

    def _running(
        self, start: datetime, end: datetime | None, pauses: list[Interval]
    ) -> Iterator[Interval]:
        """The spans in which the clock runs from `start` to `end` (for ever when None), in order.

        Raises CalendarYearMissing on reaching a year with no data."""
        day = start.date()
        while end is None or day <= end.date():
            if self.is_working_day(day):
                lo = max(start, datetime.combine(day, self.opens, self.tz))
                hi = datetime.combine(day, self.closes, self.tz)
                if end is not None:
                    hi = min(hi, end)
                yield from _minus(lo, hi, pauses)
            day += _ONE_DAY


def _minus(lo: datetime, hi: datetime, pauses: list[Interval]) -> Iterator[Interval]:
    """[lo, hi) without the pauses (sorted by start, maybe overlapping), as non-empty spans."""
    for p_lo, p_hi in pauses:
        if p_hi <= lo or hi <= lo:
            continue
        if p_lo >= hi:
            break
        if p_lo > lo:
            yield lo, p_lo
        lo = max(lo, p_hi)
    if lo < hi:
        yield lo, hi


def _micros(span: timedelta) -> int:
    return span // timedelta(microseconds=1)
