"""Who is due and overdue, and the monthly coverage, against dates worked out by hand."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.evaluation.choices import EvaluationClass
from parkops.registry.choices import KeyIndustry
from parkops.registry.models import Enterprise, Road
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.visits import due
from parkops.visits.choices import DueStatus, VisitTier
from parkops.visits.models import Visit

pytestmark = pytest.mark.django_db
TODAY = date(2025, 6, 20)


def _firm(name: str, road: Road, registered: date, **kw: object) -> Enterprise:
    firm = EnterpriseFactory(name=name, road=road, **kw)
    stamp = datetime(registered.year, registered.month, registered.day, 12, tzinfo=UTC)
    Enterprise.objects.filter(pk=firm.pk).update(created_at=stamp)
    return firm


def _visit(firm: Enterprise, day: date) -> None:
    Visit.objects.create(enterprise=firm, visited_on=day, discussed="例行走访")


def test_due_rows_follow_the_shortest_cycle_of_each_tier(
    rob: User, pingye: Road, yuegong: Road, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = _firm("重点企业", pingye, date(2024, 1, 1), key_industry=KeyIndustry.BIOMEDICINE)
    _visit(key, date(2025, 5, 10))  # monthly: due 10 June, overdue on the 20th
    plain = _firm("普通企业", pingye, date(2024, 1, 1))
    _visit(plain, date(2025, 5, 10))  # quarterly: due 10 August
    _firm("新落户企业", pingye, date(2025, 5, 25))  # first visit due 25 June
    big = _firm("规上企业", pingye, date(2024, 1, 1))
    EnterpriseYearFactory(enterprise=big, year=2024, revenue=Decimal("2500"))
    _visit(big, date(2025, 4, 30))  # monthly: due 30 May
    weak = _firm("D类企业", pingye, date(2024, 1, 1))
    _visit(weak, date(2025, 5, 15))  # D and bottom 30: monthly, due 15 June
    _firm("别路企业", yuegong, date(2024, 1, 1))
    standing = (2024, {weak.pk: (EvaluationClass.D, 5)})
    monkeypatch.setattr(due, "latest_standing", lambda: standing)

    rows = {r.name: r for r in due.due_rows(user=rob, today=TODAY)}
    assert set(rows) == {"重点企业", "普通企业", "新落户企业", "规上企业", "D类企业"}
    got = {n: (r.tiers, r.next_due, r.status) for n, r in rows.items()}
    assert got == {
        "重点企业": ((VisitTier.KEY,), date(2025, 6, 10), DueStatus.OVERDUE),
        "普通企业": ((VisitTier.OTHER,), date(2025, 8, 10), DueStatus.OK),
        "新落户企业": ((VisitTier.NEW_ARRIVAL,), date(2025, 6, 25), DueStatus.DUE),
        "规上企业": ((VisitTier.ABOVE_SCALE,), date(2025, 5, 30), DueStatus.OVERDUE),
        "D类企业": ((VisitTier.CLASS_D, VisitTier.BOTTOM_30), date(2025, 6, 15), DueStatus.OVERDUE),
    }


def test_the_due_page_filters_and_exports_the_same_rows(rob: User, pingye: Road) -> None:
    firm = _firm("上海从未走访有限公司", pingye, date(2020, 1, 1))
    visited = _firm("上海刚走访有限公司", pingye, date(2020, 1, 1))
    _visit(visited, timezone.localdate())
    client = client_for(rob)
    page = client.get("/visits/due/?status=overdue").content.decode()
    assert firm.name in page
    assert visited.name not in page
    # The export link is inside the results an HTMX filter change swaps: it exports what is shown.
    partial = client.get("/visits/due/?status=overdue", HTTP_HX_REQUEST="true").content.decode()
    assert 'id="export" href="/visits/due/?status=overdue&amp;format=xlsx"' in partial
    xlsx = client.get("/visits/due/?status=overdue&format=xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    assert rows[1][:4] == ["企业名称", "道路", "微网格", "企业类别"]
    assert [r[0] for r in rows[2:]] == [firm.name]
    assert rows[2][7] == "逾期未访"


def test_coverage_per_road_and_month(rob: User, lena: User, pingye: Road, yuegong: Road) -> None:
    monthly = _firm("月访企业", pingye, date(2025, 1, 1), key_industry=KeyIndustry.NEW_MATERIALS)
    _visit(monthly, date(2025, 2, 10))
    _visit(monthly, date(2025, 4, 5))
    quarterly = _firm("季访企业", pingye, date(2024, 1, 1))
    _visit(quarterly, date(2024, 12, 20))
    _visit(quarterly, date(2025, 3, 25))
    _firm("月工新企业", yuegong, date(2025, 6, 1))

    def table(user: User) -> list[tuple[str, str, int, int, int, int, int, float | None]]:
        return [
            (
                f"{r.month:%m}",
                r.group,
                r.enterprises,
                r.due,
                r.visited,
                r.due_visited,
                r.overdue,
                r.rate,
            )
            for r in due.coverage(user=user, year=2025, by="road", today=TODAY)
        ]

    pingye_rows = [
        ("01", "平业路", 2, 0, 0, 0, 0, None),
        ("02", "平业路", 2, 1, 1, 1, 0, 100.0),
        ("03", "平业路", 2, 2, 1, 1, 1, 50.0),
        ("04", "平业路", 2, 1, 1, 1, 0, 100.0),
        ("05", "平业路", 2, 1, 0, 0, 1, 0.0),
        ("06", "平业路", 2, 2, 0, 0, 1, 0.0),
    ]
    assert table(rob) == pingye_rows
    assert table(lena) == [*pingye_rows[:5], pingye_rows[5], ("06", "月工路", 1, 0, 0, 0, 0, None)]


def test_the_coverage_page_refuses_a_bad_year_with_a_message(lena: User) -> None:
    response = client_for(lena).get("/visits/coverage/?year=abc")
    assert response.status_code == 200
    assert "年度须为 2000–2100 之间的整数" in response.content.decode()
