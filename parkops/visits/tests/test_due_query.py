"""The due list worked out in SQL (DueList) against the straightforward one (due_rows, sorted as
the page sorted it before): the same rows, order, tiers, cycles, dates and counts, on a small world
with every tier, both cycle units, month ends, scopes and every sort and filter."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.utils import timezone

from parkops.conftest import client_for
from parkops.core import visitcycle as vc
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import EvaluationResult, EvaluationRun, Scheme, SchemeVersion
from parkops.evaluation.selectors import latest_standing
from parkops.registry.choices import Cluster, EnterpriseStatus, KeyIndustry
from parkops.registry.grids import Grid
from parkops.registry.models import Enterprise, Road
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.visits import due, home
from parkops.visits.choices import DueStatus, IntervalUnit, VisitTier
from parkops.visits.due import DueRow, due_rows
from parkops.visits.due_query import DueList, Filters
from parkops.visits.models import Visit, VisitCycle
from parkops.visits.tables import DueListData, DueTable

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 20)
SORTS = ["name", "road", "grid", "last_visit", "next_due", "status"]


def _firm(name: str, registered: date, *visits: date, **kw: object) -> Enterprise:
    firm = EnterpriseFactory(name=name, **kw)
    stamp = datetime(registered.year, registered.month, registered.day, 12, tzinfo=UTC)
    Enterprise.objects.filter(pk=firm.pk).update(created_at=stamp)
    for day in visits:
        Visit.objects.create(enterprise=firm, visited_on=day, discussed="例行走访")
    return firm


def _run(status: RunStatus, classes: dict[Enterprise, tuple[str, int | None]]) -> None:
    scheme, _new = Scheme.objects.get_or_create(name="测试方案")
    version, _new = SchemeVersion.objects.get_or_create(scheme=scheme, number=1, definition={})
    published = timezone.now() if status == RunStatus.PUBLISHED else None
    run = EvaluationRun.objects.create(
        year=2024, scheme_version=version, status=status, published_at=published,
        input_hash="0" * 64, input_snapshot=b"",
    )  # fmt: skip
    for firm, (cls, position) in classes.items():
        EvaluationResult.objects.create(
            run=run, enterprise=firm, evaluation_class=cls, park_position=position
        )


@pytest.fixture
def world(pingye: Road, yuegong: Road) -> dict[str, Enterprise]:
    east = Grid.objects.create(name="东网格", road=pingye)
    west = Grid.objects.create(name="West网格", road=yuegong)
    old = date(2020, 1, 31)
    firms = {
        "key": _firm("重点企业", old, date(2025, 3, 2), date(2025, 5, 10), road=pingye,
                     grid=east, key_industry=KeyIndustry.BIOMEDICINE),
        "cluster": _firm("集群企业", old, date(2025, 6, 1), road=pingye,
                         cluster=Cluster.URBAN_BEAUTY),
        "above": _firm("规上企业", old, date(2025, 4, 30), road=yuegong, grid=west),
        "was_above": _firm("曾规上企业", old, date(2025, 4, 30), road=yuegong),
        "no_revenue": _firm("无收入企业", old, date(2025, 2, 28), road=pingye),
        "new": _firm("新落户企业", date(2025, 5, 25), road=pingye),
        "never": _firm("从未走访企业", old, grid=east),
        "d": _firm("D类企业", old, date(2025, 5, 15), road=pingye),
        "bottom": _firm("尾部企业", old, date(2025, 1, 31), road=yuegong),
        "31st": _firm("第31位企业", old, date(2025, 3, 31), road=yuegong),
        "all": _firm("样样都占企业", date(2025, 6, 19), road=pingye,
                     key_industry=KeyIndustry.NEW_MATERIALS),
        "today": _firm("今天到期企业", old, date(2025, 3, 20), road=pingye),
        "month_end": _firm("月底到期企业", old, date(2025, 3, 31), grid=west),
        "next_month": _firm("下月到期企业", old, date(2025, 4, 1), road=pingye),
        # Same status and due date: by name as Python compares, by code point (B before a, 乙
        # U+4E59 before 甲 U+7532, where a pinyin collation puts 甲 first).
        "alpha": _firm("alpha公司", old, date(2025, 2, 10), road=pingye),
        "beta": _firm("Beta公司", old, date(2025, 2, 10), road=yuegong),
        "jia": _firm("甲公司", old, date(2025, 2, 10)),
        "yi": _firm("乙公司", old, date(2025, 2, 10)),
        "closed": _firm("已注销企业", old, status=EnterpriseStatus.CLOSED, road=pingye),
    }  # fmt: skip
    EnterpriseYearFactory(enterprise=firms["above"], year=2024, revenue=Decimal("2500"))
    EnterpriseYearFactory(enterprise=firms["above"], year=2023, revenue=Decimal("10"))
    EnterpriseYearFactory(enterprise=firms["was_above"], year=2023, revenue=Decimal("2500"))
    EnterpriseYearFactory(enterprise=firms["was_above"], year=2024, revenue=Decimal("10"))
    EnterpriseYearFactory(enterprise=firms["no_revenue"], year=2024, revenue=None)
    standing = {
        firms["d"]: ("D", 40), firms["bottom"]: ("C", 30), firms["31st"]: ("C", 31),
        firms["all"]: ("D", 1), firms["today"]: ("B", None),
    }  # fmt: skip
    _run(RunStatus.PUBLISHED, standing)
    _run(RunStatus.DRAFT, {firms["next_month"]: ("D", 2)})  # not published: not read
    return firms


def _cycles(setting: str) -> None:
    """The seeded cycles (all in months), days for some tiers and none for others, no cycle at
    all, or the seeded cycles and no published evaluation."""
    if setting == "days":
        VisitCycle.objects.filter(tier=VisitTier.CLASS_D).update(
            interval=20, unit=IntervalUnit.DAYS
        )
        VisitCycle.objects.filter(tier=VisitTier.OTHER).update(interval=45, unit=IntervalUnit.DAYS)
        VisitCycle.objects.filter(tier__in=[VisitTier.KEY, VisitTier.BOTTOM_30]).delete()
    elif setting == "none":
        VisitCycle.objects.all().delete()
    elif setting == "no run":
        EvaluationRun.objects.all().delete()


def _default_order(rows: list[DueRow]) -> list[DueRow]:
    """The order the page gave the straightforward rows (overdue, due, ok; by date; by name)."""
    order = {DueStatus.OVERDUE: 0, DueStatus.DUE: 1, DueStatus.OK: 2}
    return sorted(rows, key=lambda r: (order[r.status], r.next_due or TODAY, r.name))


def _straight(user: User, filters: Filters) -> list[DueRow]:
    rows = due_rows(
        user=user, today=TODAY, q=filters.q, road_id=filters.road_id, grid_id=filters.grid_id
    )
    rows = [r for r in rows if filters.status is None or r.status == filters.status]
    rows = [r for r in rows if filters.tier is None or filters.tier in r.tiers]
    return _default_order(rows)


def _sorted_by_table(data: object, sort: str) -> list[DueRow]:
    return [row.record for row in DueTable(data, order_by=sort).rows]


@pytest.mark.parametrize("setting", ["seeded", "days", "none", "no run"])
def test_it_gives_the_rows_of_the_straightforward_computation(
    alice: User, rob: User, world: dict[str, Enterprise], setting: str
) -> None:
    _cycles(setting)
    every = due_rows(user=alice, today=TODAY)
    no_run = {VisitTier.CLASS_D, VisitTier.BOTTOM_30} if setting == "no run" else set()
    assert {t for r in every for t in r.tiers} == set(VisitTier) - no_run
    if setting != "none":
        assert {r.status for r in every} == set(DueStatus)
    grids = {g.name: g.pk for g in Grid.objects.all()}
    cases = [
        Filters(), Filters(q="企业"), Filters(road_id=world["key"].road_id),
        Filters(grid_id=grids["东网格"]), Filters(q="公司", road_id=world["beta"].road_id),
        *(Filters(status=s) for s in DueStatus), *(Filters(tier=t) for t in VisitTier),
    ]  # fmt: skip
    for user in (alice, rob):
        for filters in cases:
            expected = _straight(user, filters)
            counts = {s: sum(r.status == s for r in expected) for s in DueStatus}
            # Read with the counts: none, the slice read next, one past the end.
            for expect in (None, (3, 7), (40, 50)):
                got = DueList(user=user, today=TODAY, filters=filters, expect=expect)
                assert got.counts == counts, (user, filters, expect)
                assert got[3:7] == expected[3:7], (user, filters, expect)
                assert len(got) == len(expected)
                assert list(got) == expected, (user, filters)
                if expected:
                    assert got[-1] == expected[-1]
    expected = _straight(alice, Filters())
    for sort in [*SORTS, *(f"-{s}" for s in SORTS), "road,-next_due", "tiers"]:
        mine = DueList(user=alice, today=TODAY, filters=Filters())
        assert _sorted_by_table(DueListData(mine), sort) == _sorted_by_table(expected, sort), sort


def test_it_works_out_the_tiers_and_dates_by_hand(
    alice: User, world: dict[str, Enterprise]
) -> None:
    rows = {r.name: r for r in DueList(user=alice, today=TODAY, filters=Filters())}
    got = {n: ([t.value for t in r.tiers], r.next_due, r.status.value) for n, r in rows.items()}
    assert got["重点企业"] == (["key"], date(2025, 6, 10), "overdue")
    assert got["规上企业"] == (["above_scale"], date(2025, 5, 30), "overdue")
    assert got["曾规上企业"] == (["other"], date(2025, 7, 30), "ok")
    assert got["新落户企业"] == (["new_arrival"], date(2025, 6, 25), "due")
    assert got["尾部企业"] == (["bottom_30"], date(2025, 2, 28), "overdue")  # 31 Jan + 1 month
    assert got["第31位企业"] == (["other"], date(2025, 6, 30), "due")
    assert got["样样都占企业"] == (
        ["key", "new_arrival", "class_d", "bottom_30"],
        date(2025, 7, 19),
        "ok",
    )
    assert got["今天到期企业"] == (["other"], date(2025, 6, 20), "due")
    assert got["下月到期企业"] == (["other"], date(2025, 7, 1), "ok")
    assert "已注销企业" not in got
    names = [r.name for r in DueList(user=alice, today=TODAY, filters=Filters())]
    assert names[:6] == ["从未走访企业", "尾部企业", "Beta公司", "alpha公司", "乙公司", "甲公司"]


def test_the_field_home_shows_the_first_rows_and_counts_of_the_straightforward_list(
    rob: User, world: dict[str, Enterprise], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(home.timezone, "localdate", lambda: TODAY)
    monkeypatch.setattr(home, "SHOWN", 3)
    request = RequestFactory().get("/")
    request.user = rob
    context = home.field_home(request)
    assert context is not None
    expected = _straight(rob, Filters())
    assert context["rows"] == expected[:3]
    assert context["total"] == len(expected) == 9
    assert context["overdue"] == sum(r.status == DueStatus.OVERDUE for r in expected)
    assert context["due"] == sum(r.status == DueStatus.DUE for r in expected)


def test_the_page_shows_the_page_asked_in_the_sort_asked(
    alice: User, world: dict[str, Enterprise], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY)
    expected = _straight(alice, Filters())
    client = client_for(alice)
    for query, sort, shown in [
        ("", "", slice(0, 25)),
        ("?per_page=4&page=2&sort=-last_visit", "-last_visit", slice(4, 8)),
        ("?per_page=5&page=4&sort=road", "road", slice(15, 18)),  # the last page, 3 rows
        ("?per_page=5&page=9", "", slice(15, 18)),  # past the end: the last page
        ("?per_page=0&page=x", "", slice(0, 25)),
    ]:
        response = client.get(f"/visits/due/{query}")
        rows = [row.record for row in response.context["table"].page.object_list]
        assert rows == (_sorted_by_table(expected, sort) if sort else expected)[shown], query
        counts = response.context["counts"]()
        assert counts == {s: sum(r.status == s for r in expected) for s in DueStatus}


def _coverage_straight(user: User, year: int, by: str) -> list[due.CoverageRow]:
    """The coverage as it was first written: every month of every enterprise worked out anew."""
    plain = {tier: cycle for tier, (cycle, _row) in due.cycles().items()}
    _year, standing = latest_standing()
    enterprises = due._enterprises(user)
    dates: dict[int, list[date]] = defaultdict(list)
    for enterprise_id, day in (
        Visit.objects.filter(
            enterprise__in=[e["pk"] for e in enterprises], visited_on__lte=date(year, 12, 31)
        )
        .order_by("visited_on")
        .values_list("enterprise_id", "visited_on")
    ):
        dates[enterprise_id].append(day)
    counts: dict[tuple[date, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for e in enterprises:
        visits = dates.get(e["pk"], [])
        for month in range(1, 13):
            start = date(year, month, 1)
            end = vc.month_end(start)
            if start > TODAY or e["registered"] > end:
                continue
            before = [d for d in visits if d < start]
            profile = due._profile({**e, "last_visit": before[-1] if before else None}, standing)
            chosen = vc.shortest(vc.tiers_of(profile), plain)
            if chosen is None:
                continue
            next_due = chosen[1].after(before[-1] if before else e["registered"])
            visited = any(start <= d <= min(end, TODAY) for d in visits)
            is_due = next_due <= end
            overdue = is_due and not visited and (next_due < TODAY if end >= TODAY else True)
            c = counts[(start, e[f"{by}__name"] or "")]
            for n, value in enumerate((1, is_due, visited, is_due and visited, overdue)):
                c[n] += value
    return [due.CoverageRow(month, group, *c) for (month, group), c in sorted(counts.items())]


@pytest.mark.parametrize("setting", ["seeded", "days"])
def test_the_coverage_is_the_straightforward_one(
    alice: User, rob: User, world: dict[str, Enterprise], setting: str
) -> None:
    _cycles(setting)
    for user in (alice, rob):
        for year in (2024, 2025):
            for by in ("road", "grid"):
                got = due.coverage(user=user, year=year, by=by, today=TODAY)
                assert got == _coverage_straight(user, year, by), (user, year, by)
                assert any(r.due_visited for r in got) or year == 2024
