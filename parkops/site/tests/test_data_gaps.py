"""数据待补: what the park office still has to enter, each gap with the link that fills it."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.core.uscc import complete_uscc
from parkops.execution.choices import InfraStatus, Milestone
from parkops.execution.models import (
    InfraProject,
    InfraSpend,
    KeyProject,
    ProgressReport,
    ProjectMilestone,
)
from parkops.land.choices import LandActionKind, LandActionMethod
from parkops.land.models import LandAction
from parkops.plan.choices import PlanSource
from parkops.plan.models import PlanMention
from parkops.registry.choices import EnterpriseStatus
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, SmallPark
from parkops.site.gaps import data_gaps, data_gaps_summary, quarter_start

TODAY = date(2026, 5, 10)  # figures year 2025; the quarter began on 1 April


def _enterprise(n: int, name: str, **kwargs: object) -> Enterprise:
    return Enterprise.objects.create(
        name=name, uscc=complete_uscc(f"91310116MA1W{n:04d}"), industry_code="C2710", **kwargs
    )


def _world(today: date, clerk: User) -> dict[str, object]:
    """Hand-built: 2 enterprises, 2 small parks, 1 plot, 1 四早 and 1 附件 4 project lack data."""
    year = today.year - 1
    since = quarter_start(today)
    no_row = _enterprise(1, "缺数企业")
    no_revenue = _enterprise(2, "缺收入企业")
    EnterpriseYear.objects.create(enterprise=no_revenue, year=year, tax=Decimal(5))
    complete = _enterprise(3, "齐全企业")
    EnterpriseYear.objects.create(enterprise=complete, year=year, revenue=Decimal(100))
    _enterprise(4, "关停企业", status=EnterpriseStatus.CLOSED)
    _enterprise(5, "演示企业", is_demo=True)

    bare = SmallPark.objects.create(name="矮柳", plan_sequence=1)
    half = SmallPark.objects.create(name="长宁", plan_sequence=2, land_mu=Decimal(30))
    SmallPark.objects.create(
        name="金轩", plan_sequence=3, land_mu=Decimal(30), floor_area_m2=Decimal(20000)
    )

    named = LandPlot.objects.create(name="方案地块")
    PlanMention.objects.create(
        source=PlanSource.ANNEX_3_PLOTS, row=1, name_in_plan="方案地块", plot=named
    )
    LandPlot.objects.create(name="无关地块")  # named nowhere: not the office's to-do
    actioned = LandPlot.objects.create(
        name="齐全地块", contract_signed_on=date(2020, 1, 1), contract_start_on=date(2020, 6, 1),
        plot_ratio=Decimal("1.2"),
    )  # fmt: skip
    LandAction.objects.create(
        kind=LandActionKind.UPGRADE, method=LandActionMethod.TAX_PER_MU, name="齐全地块",
        plot=actioned, area_mu=Decimal(10), planned_year=year,
    )  # fmt: skip

    def project(name: str, reported_on: date | None, done: bool = False) -> KeyProject:
        p = KeyProject.objects.create(enterprise=complete, name=name)
        ProjectMilestone.objects.create(
            project=p, kind=Milestone.START, target_date=date(year, 6, 30),
            achieved_on=date(year, 6, 1) if done else None,
        )  # fmt: skip
        if reported_on:
            ProgressReport.objects.create(
                project=p, reported_on=reported_on, source="测试", text="进展"
            )
        return p

    stale = project("上季度报告项目", since - timedelta(days=1))  # the quarter before
    project("本季度报告项目", since)
    project("已完成项目", None, done=True)

    def infra(name: str, start_year: int, **kwargs: object) -> InfraProject:
        return InfraProject.objects.create(
            name=name, investment_wan=Decimal(100), content="道路", start_year=start_year,
            finish_year=start_year + 1, **kwargs,
        )  # fmt: skip

    silent = infra("未报送道路", year)
    spent = infra("有支出道路", year)
    InfraSpend.objects.create(
        project=spent, spent_on=since, amount_wan=Decimal(1), recorded_by=clerk
    )
    infra("明年道路", today.year + 1)
    infra("已完工道路", year, status=InfraStatus.COMPLETED, started_on=date(year, 1, 1),
          completed_on=date(year, 9, 1))  # fmt: skip
    return {"no_row": no_row, "no_revenue": no_revenue, "bare": bare, "half": half,
            "named": named, "stale": stale, "silent": silent}  # fmt: skip


def test_it_lists_each_gap_with_what_is_missing_and_the_link_that_fills_it(alice: User) -> None:
    w = _world(TODAY, alice)
    sections = {s.key: s for s in data_gaps(today=TODAY)}
    rows = {k: [(g.subject, g.missing, g.fix_url) for g in s.gaps] for k, s in sections.items()}
    assert rows["enterprises"] == [
        ("缺收入企业", "2025 年营业收入", f"/enterprises/{w['no_revenue'].pk}/years/2025/edit/"),
        ("缺数企业", "2025 年度数据", f"/enterprises/{w['no_row'].pk}/years/new/"),
    ]
    assert rows["smallparks"] == [
        ("矮柳", "占地面积、建筑面积", f"/small-parks/{w['bare'].pk}/edit/"),
        ("长宁", "建筑面积", f"/small-parks/{w['half'].pk}/edit/"),
    ]
    assert rows["plots"] == [
        ("方案地块", "出让合同签订日期、合同约定开工日期、容积率", "/imports/")
    ]
    assert rows["projects"] == [
        ("上季度报告项目", "2026-04-01 以来无推进报告", f"/projects/{w['stale'].pk}/#report-form"),
        (
            "未报送道路",
            "2026-04-01 以来无支出或进度记录",
            f"/infrastructure/{w['silent'].pk}/edit/",
        ),
    ]
    assert data_gaps_summary(user=alice, today=TODAY) == 7


def test_it_counts_only_for_the_park_office(alice: User, lena: User, rob: User) -> None:
    _world(TODAY, alice)
    assert data_gaps_summary(user=alice, today=TODAY) == 7
    assert data_gaps_summary(user=lena, today=TODAY) is None
    assert data_gaps_summary(user=rob, today=TODAY) is None


def test_it_shows_the_page_and_counts_per_section(alice: User) -> None:
    _world(timezone.localdate(), alice)
    response = client_for(alice).get("/data-gaps/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="badge text-bg-secondary" id="gaps-total">7</span>' in html
    for key, n in (("enterprises", 2), ("smallparks", 2), ("plots", 1), ("projects", 2)):
        assert f'id="gaps-count-{key}">{n}</span>' in html


def test_it_exports_the_same_rows(alice: User) -> None:
    _world(timezone.localdate(), alice)
    response = client_for(alice).get("/data-gaps/export.xlsx")
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0] == ["类别", "名称", "缺少", "补录链接"]
    assert len(rows) == 1 + 7
    assert rows[1][:2] == ["方案所列企业缺年度数据", "缺收入企业"]
    assert rows[5] == ["地块缺合同日期或容积率", "方案地块", "出让合同签订日期、合同约定开工日期、容积率",
                       "http://testserver/imports/"]  # fmt: skip


@pytest.mark.parametrize("who", ["lena", "dora", "rob", "olga", "gina", "charlie"])
def test_it_refuses_every_other_role(who: str, request: pytest.FixtureRequest) -> None:
    user = request.getfixturevalue(who)
    client = client_for(user)
    assert client.get("/data-gaps/").status_code == 403
    assert client.get("/data-gaps/export.xlsx").status_code == 403


def test_it_puts_one_line_with_the_count_on_the_office_home_page(alice: User, lena: User) -> None:
    _world(timezone.localdate(), alice)
    html = client_for(alice).get("/").content.decode()
    assert '<p class="mb-0" id="home-data-gaps"><a href="/data-gaps/">数据待补 7 项</a></p>' in html
    assert "home-data-gaps" not in client_for(lena).get("/").content.decode()
