"""The visit due list worked out by the database: only the shown page's rows reach Python.

due.due_rows works out every enterprise's tiers and next visit in Python; at 100,000 enterprises
that is 2.7 s for a page of 25 rows. Here one query does the same sums: an enterprise's tiers
depend on five facts only (key industry, 规上, never visited, D class, bottom 30), so the 32
combinations are worked out once in Python (parkops/core/visitcycle.py, as due_rows does) and
handed to SQL as a CASE from the combination to the cycle; the database adds the cycle to the
last visit (or the registration), derives the status, filters, counts, sorts and cuts the page.
The results are due_rows's: the tests compare the two on a world with every tier.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    DateField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from parkops.common.records import enterprise_flags
from parkops.common.types import AnyUser
from parkops.core import visitcycle as vc
from parkops.evaluation.choices import EvaluationClass
from parkops.evaluation.models import EvaluationResult
from parkops.evaluation.selectors import latest_results
from parkops.registry.choices import EnterpriseStatus
from parkops.registry.models import Grid, Road
from parkops.registry.selectors import enterprises_visible_to
from parkops.visits.choices import DueStatus, VisitTier
from parkops.visits.due import KEY_INDUSTRIES, DueRow, cycles
from parkops.visits.models import VisitCycle

# One bit per fact that decides the tiers; a row's `code` is their sum.
KEY, ABOVE_SCALE, NEVER_VISITED, CLASS_D, BOTTOM_30 = 1, 2, 4, 8, 16
CODES = range(32)

# The columns of the facts query, in order (the CTE names them).
FACTS = (
    "pk", "name", "is_demo", "road_id", "grid_id", "road_name", "grid_name", "registered",
    "last_visit", "is_key", "above_scale", "class_d", "bottom_30",
)  # fmt: skip

# The status's place in the default order: overdue first, then due this month, then the rest.
RANK = {DueStatus.OVERDUE: 0, DueStatus.DUE: 1, DueStatus.OK: 2}


def profile_of(code: int) -> vc.Profile:
    """A profile with the facts of `code` (the class and position stand for any D class and any
    position within the bottom 30: tiers_of reads no more of them)."""
    return vc.Profile(
        key_industry=bool(code & KEY),
        above_scale=bool(code & ABOVE_SCALE),
        visited_before=not code & NEVER_VISITED,
        evaluation_class=EvaluationClass.D.value if code & CLASS_D else None,
        park_position=vc.BOTTOM_LIMIT if code & BOTTOM_30 else None,
    )


@dataclass(frozen=True)
class Filters:
    q: str = ""
    road_id: int | None = None
    grid_id: int | None = None
    status: DueStatus | None = None
    tier: VisitTier | None = None


def _among(results: QuerySet[EvaluationResult], **lookup: Any) -> Any:
    """Whether the enterprise is among the results that match `lookup`: an IN over a subquery
    that does not refer to the row, which PostgreSQL hashes once (a few thousand ids) where an
    EXISTS per row probed the results 100,000 times."""
    if results.query.is_empty():
        return Value(False)
    chosen = results.filter(**lookup).values("enterprise_id")
    return ExpressionWrapper(Q(pk__in=chosen), output_field=BooleanField())


def _facts_sql(
    user: AnyUser, filters: Filters, results: QuerySet[EvaluationResult], *, names: bool
) -> tuple[str, tuple[Any, ...]]:
    """The operating enterprises in the user's scope (narrowed by name, road and grid) with the
    facts their tiers and dates come from, as SQL with its parameters. `names`: with the road's
    and grid's names joined, for a sort by them; else blank (the shown page's are read after)."""
    qs = enterprises_visible_to(user).filter(status=EnterpriseStatus.OPERATING)
    if filters.q:
        qs = qs.filter(name__icontains=filters.q)
    if filters.road_id is not None:
        qs = qs.filter(road_id=filters.road_id)
    if filters.grid_id is not None:
        qs = qs.filter(grid_id=filters.grid_id)
    facts = qs.annotate(
        road_name=Coalesce("road__name", Value("")) if names else Value(""),
        grid_name=Coalesce("grid__name", Value("")) if names else Value(""),
        registered=Cast("created_at", DateField()),
        # The stored newest visit (visits.models.LastVisit), one joined row per enterprise.
        last_visit=F("last_visit_mark__visited_on"),
        is_key=ExpressionWrapper(
            Q(key_industry__in=KEY_INDUSTRIES) | ~Q(cluster=""), output_field=BooleanField()
        ),
        # The newest year's 规上, joined through its mark (one hash join, not a subquery per row).
        above_scale=Coalesce(
            F("latest_year_row__is_above_scale"), Value(False), output_field=BooleanField()
        ),
        class_d=_among(results, evaluation_class=EvaluationClass.D),
        bottom_30=_among(results, park_position__lte=vc.BOTTOM_LIMIT),
    ).order_by()
    sql, params = facts.values(*FACTS).query.sql_with_params()
    return sql, tuple(params)


def _plus(since: str, cycle: vc.Cycle) -> str:
    """SQL for `since` plus the cycle, as vc.add_interval counts it (a month end stays in the
    target month: PostgreSQL's date + interval does so; SQLite's date() runs over, so the target
    month's last day caps it). The count and unit are the park office's data, checked ints."""
    count = int(cycle.count)
    postgres = connection.vendor == "postgresql"
    if cycle.unit == "days":
        return f"({since} + {count})" if postgres else f"date({since}, '+{count} days')"
    if cycle.unit != "months":
        raise ValueError(f"unknown unit {cycle.unit!r}")
    if postgres:
        return f"CAST({since} + make_interval(months => {count}) AS date)"
    month_last = f"date({since}, 'start of month', '+{count + 1} months', '-1 day')"
    return f"min(date({since}, '+{count} months'), {month_last})"


def _text(column: str) -> str:
    """A text column compared by code point, as Python compares the names it sorted."""
    return f'{column} COLLATE "C"' if connection.vendor == "postgresql" else column


def _names_attach(rows: list[DueRow]) -> None:
    """The road's and grid's names of the rows read without them (two small tables)."""
    roads: dict[int | None, str] = dict(
        Road.objects.filter(pk__in={r.road_id for r in rows}).values_list("pk", "name")
    )
    grids: dict[int | None, str] = dict(
        Grid.objects.filter(pk__in={r.grid_id for r in rows}).values_list("pk", "name")
    )
    for row in rows:
        row.road = roads.get(row.road_id, "")
        row.grid = grids.get(row.grid_id, "")


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


class DueList(Sequence[DueRow]):
    """The due rows of due_rows(), filtered, counted and sorted in SQL: the counts by status (and
    len()) and the expected slice are one query, another slice one more; only read rows are built."""

    def __init__(
        self,
        *,
        user: AnyUser,
        today: date,
        filters: Filters,
        expect: tuple[int, int] | None = None,
    ) -> None:
        self.user, self.today, self.filters = user, today, filters
        self.sort: tuple[str, ...] = ()  # the table's sort: column names, "-" for descending
        # The slice the caller will most likely read (the page shown): read with the counts, in
        # one query, each one going through every row. A wrong guess costs a query, not a row.
        self.expect = expect
        self._read: tuple[tuple[str, ...], int, list[DueRow]] | None = None
        self._built: dict[bool, tuple[str, list[Any]]] = {}
        known = cycles()
        plain = {tier: cycle for tier, (cycle, _row) in known.items()}
        self.tiers: dict[int, tuple[VisitTier, ...]] = {}
        self.cycle: dict[int, VisitCycle | None] = {}
        self.plus: dict[int, vc.Cycle | None] = {}
        for code in CODES:
            tiers = vc.tiers_of(profile_of(code))
            chosen = vc.shortest(tiers, plain)
            self.tiers[code] = tuple(VisitTier(t.value) for t in tiers)
            self.plus[code] = chosen[1] if chosen else None
            self.cycle[code] = known[chosen[0]][1] if chosen else None

    @cached_property
    def _results(self) -> QuerySet[EvaluationResult]:
        return latest_results()  # asks which run is the latest published: once

    def _names_sorted(self) -> bool:
        """Whether the sort asks for the road's or the grid's name: only then are the names
        joined to every row (100,000 rows: 30 of the query's 250 ms)."""
        return any(alias.lstrip("-") in {"road", "grid"} for alias in self.sort)

    def _sql(self, *, names: bool) -> tuple[str, list[Any]]:
        """The rows with their code, next due date and status, filtered by status and tier."""
        if names not in self._built:
            self._built[names] = self._sql_build(names=names)
        return self._built[names]

    def _sql_build(self, *, names: bool) -> tuple[str, list[Any]]:
        facts, params = _facts_sql(self.user, self.filters, self._results, names=names)
        code = " + ".join(
            f"(CASE WHEN {column} THEN {bit} ELSE 0 END)"
            for column, bit in (
                ("is_key", KEY), ("above_scale", ABOVE_SCALE), ("last_visit IS NULL", NEVER_VISITED),
                ("class_d", CLASS_D), ("bottom_30", BOTTOM_30),
            )
        )  # fmt: skip
        by_cycle: dict[vc.Cycle, list[int]] = {}
        for c, cycle in self.plus.items():
            if cycle is not None:
                by_cycle.setdefault(cycle, []).append(c)
        since = "COALESCE(last_visit, registered)"
        whens = " ".join(
            f"WHEN code IN ({', '.join(map(str, codes))}) THEN {_plus(since, cycle)}"
            for cycle, codes in by_cycle.items()
        )
        next_due = f"CASE {whens} END" if whens else "CAST(NULL AS date)"
        adapt = connection.ops.adapt_datefield_value
        month_end, today = adapt(vc.month_end(self.today)), adapt(self.today)
        where, more = [], []
        if self.filters.status is not None:
            where.append("status = %s")
            more.append(self.filters.status.value)
        if self.filters.tier is not None:
            codes = [c for c in CODES if self.filters.tier in self.tiers[c]]
            where.append(f"code IN ({', '.join(map(str, codes))})")
        # The facts are read once per row: OFFSET 0 keeps PostgreSQL from folding them into the
        # queries above (each use of last_visit would run its subquery again) without storing
        # them first (a MATERIALIZED CTE wrote 100,000 rows to a temporary file).
        fence = " OFFSET 0" if connection.vendor == "postgresql" else ""
        sql = (
            f"WITH facts ({', '.join(FACTS)}) AS ({facts}{fence}), "
            f"coded AS (SELECT facts.*, {code} AS code FROM facts), "
            f"dated AS (SELECT coded.*, {next_due} AS next_due FROM coded), "
            "due AS (SELECT dated.*, CASE WHEN next_due IS NULL OR next_due > %s THEN 'ok' "
            "WHEN next_due < %s THEN 'overdue' ELSE 'due' END AS status FROM dated) "
            f"SELECT * FROM due {'WHERE ' + ' AND '.join(where) if where else ''}"
        )
        return sql, [*params, month_end, today, *more]

    @cached_property
    def counts(self) -> dict[DueStatus, int]:
        """How many rows there are of each status (every status, 0 when none)."""
        if self.expect is not None:
            start, stop = self.expect
            rows, counts = self._query(start, stop, with_counts=True)
            if counts is not None:
                self._read = (self.sort, start, rows)
                return counts
        sql, params = self._sql(names=False)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT status, COUNT(*) FROM ({sql}) AS rows GROUP BY status", params)
            found = dict(cursor.fetchall())
        return {s: found.get(s.value, 0) for s in DueStatus}

    def counts_by_status(self) -> dict[DueStatus, int]:
        """The counts, for a template (it calls this when drawn, after the table's sort is set)."""
        return self.counts

    def __len__(self) -> int:
        return sum(self.counts.values())

    def _order(self) -> tuple[str, list[Any]]:
        """ORDER BY for the table's sort, then the list's own order (overdue first, then due this
        month, then by due date and name), as django-tables2 sorts a list: a stable sort on top of
        the list's order, a missing date before any date whichever the direction."""
        terms = []
        for alias in self.sort:
            name, descending = alias.lstrip("-"), alias.startswith("-")
            way = "DESC" if descending else "ASC"
            if name in {"last_visit", "next_due"}:
                terms.append(f"{name} {way} NULLS {'LAST' if descending else 'FIRST'}")
            elif name in {"name", "status"}:
                terms.append(f"{_text(name)} {way}")
            elif name in {"road", "grid"}:
                terms.append(f"{_text(name + '_name')} {way}")
            else:
                raise ValueError(f"the due list cannot sort by {alias!r}")
        rank = " ".join(f"WHEN '{s.value}' THEN {n}" for s, n in RANK.items())
        terms += [f"CASE status {rank} END", "COALESCE(next_due, %s)", _text("name"), "pk"]
        return "ORDER BY " + ", ".join(terms), [connection.ops.adapt_datefield_value(self.today)]

    def _page(self, start: int, stop: int) -> list[DueRow]:
        if stop <= start:
            return []
        if self._read is not None:
            sort, first, read = self._read
            if (
                sort == self.sort
                and first == start
                and (stop - start <= len(read) or start + len(read) >= len(self))
            ):
                return read[: stop - start]
        return self._query(start, stop, with_counts=False)[0]

    def _query(
        self, start: int, stop: int, *, with_counts: bool
    ) -> tuple[list[DueRow], dict[DueStatus, int] | None]:
        """The rows from `start` to `stop` in the list's order, and with_counts the counts by
        status of every row (None when the slice is empty: no row carries them)."""
        names = self._names_sorted()
        sql, params = self._sql(names=names)
        order, more = self._order()
        columns = "pk, name, is_demo, road_id, road_name, grid_id, grid_name, code, last_visit, "
        columns += "next_due, status"
        if with_counts:
            columns += "".join(
                f", SUM(CASE WHEN status = '{s.value}' THEN 1 ELSE 0 END) OVER ()"
                for s in DueStatus
            )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM ({sql}) AS rows {order} LIMIT %s OFFSET %s",
                [*params, *more, stop - start, start],
            )
            found = cursor.fetchall()
        counts = None
        if with_counts and found:
            counts = {s: int(n) for s, n in zip(DueStatus, found[0][11:], strict=True)}
        rows = [
            DueRow(
                enterprise_id=pk,
                name=name,
                is_demo=bool(is_demo),
                road_id=road_id,
                road=road,
                grid_id=grid_id,
                grid=grid,
                tiers=self.tiers[code],
                cycle=self.cycle[code],
                last_visit=_date(last),
                next_due=_date(next_due),
                status=DueStatus(status),
            )
            for pk, name, is_demo, road_id, road, grid_id, grid, code, last, next_due, status, *_n in found
        ]
        if not names:
            _names_attach(rows)
        flags = enterprise_flags((r.enterprise_id for r in rows), self.today)
        for row in rows:
            if row.enterprise_id in flags:
                row.flags = tuple(flags[row.enterprise_id])
        return rows, counts

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, slice):
            start, stop, step = key.indices(len(self))
            if step != 1:
                raise ValueError("the due list is read in pages")
            return self._page(start, stop)
        index = key if key >= 0 else len(self) + key
        if not 0 <= index < len(self):
            raise IndexError(key)
        return self._page(index, index + 1)[0]

    def __iter__(self) -> Iterator[DueRow]:
        return iter(self._page(0, len(self)))
