"""The land pages and API: what each role may see and do, exports in the plan's columns."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.land.choices import LandActionKind, LandActionStatus
from parkops.land.models import LandAction
from parkops.land.services import land_plan_load
from parkops.plan import caojing
from parkops.plan.choices import PlanSource
from parkops.plan.services import plan_load
from parkops.registry.tests.factories import EnterpriseFactory, LandPlotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    plan_load()
    land_plan_load()


def _sheet(content: bytes) -> list[list[object]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return book.get_sheet_by_index(0).to_python()


def test_every_land_page_opens_for_a_reader(loaded: None, lena: User) -> None:
    client = client_for(lena)
    action = LandAction.objects.get(plan_source=PlanSource.ANNEX_3_UPGRADE, plan_row=3)
    for url in ("/land/", "/land/flags/?year=2025", "/land/controls/", "/land/batches/",
                "/land/conflicts/", f"/land/actions/{action.pk}/"):  # fmt: skip
        assert client.get(url).status_code == 200, url
    detail = client.get(f"/land/actions/{action.pk}/").content.decode()
    assert 'id="action-conflicts"' in detail
    assert "30.62" in detail
    assert "30.59" in detail
    assert client.get("/land/actions/new/").status_code == 403
    assert client.get(f"/land/actions/{action.pk}/edit/").status_code == 403


def test_the_conflicts_page_shows_both_of_the_plans_conflicts(loaded: None, alice: User) -> None:
    page = client_for(alice).get("/land/conflicts/").content.decode()
    assert f"{caojing.GUDAO_PLOT}</a> · 占地面积（亩）" in page
    assert f"{caojing.PULIZI_PLOT}</a> · 计划时间（年）" in page


def test_someone_without_a_role_is_refused(loaded: None, charlie: User) -> None:
    client = client_for(charlie)
    for url in ("/land/", "/land/flags/", "/land/conflicts/", "/land/export/vacate.xlsx",
                "/api/land/actions", "/api/land/completed?year=2025&kind=vacate"):  # fmt: skip
        assert client.get(url).status_code == 403, url


def test_a_road_chief_sees_only_the_actions_on_his_road(rob: User, loaded: None) -> None:
    page = client_for(rob).get("/land/").content.decode()
    assert caojing.OUFENG in page  # 平业路 189 号
    assert "上海佳美漂染有限公司" not in page  # 张漕公路


def test_the_park_office_completes_an_action_with_a_reason(loaded: None, alice: User) -> None:
    action = LandAction.objects.get(plan_source=PlanSource.ANNEX_3_VACATE, plan_row=2)
    form = {
        "kind": action.kind, "method": action.method, "name": action.name,
        "plot": action.plot_id or "", "enterprise": action.enterprise_id or "",
        "address": action.address, "area_mu": "4.91", "planned_year": "2025",
        "status": LandActionStatus.COMPLETED, "completed_on": "", "follow_up_use": "",
        "note": "", "change_reason": "验收完成",
    }  # fmt: skip
    response = client_for(alice).post(f"/land/actions/{action.pk}/edit/", form)
    assert "状态为“已完成”时须填写完成日期，其他状态不填完成日期" in response.content.decode()
    form["completed_on"] = "2025-08-01"
    response = client_for(alice).post(f"/land/actions/{action.pk}/edit/", form)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (LandActionStatus.COMPLETED, date(2025, 8, 1))
    assert action.history.first().history_change_reason == "验收完成"
    api = client_for(alice).get("/api/land/completed?year=2025&kind=vacate").json()
    assert api == [{"plot_id": action.plot_id, "label": "上海佳美漂染有限公司地块",
                    "area_mu": "4.91", "action_ids": [action.pk]}]  # fmt: skip


def test_the_exports_have_the_columns_of_annex_3(loaded: None, dora: User) -> None:
    LandAction.objects.filter(name=caojing.GUDAO_PLOT, kind=LandActionKind.REVITALISE).update(
        status=LandActionStatus.COMPLETED, completed_on=date(2025, 8, 1)
    )
    client = client_for(dora)
    plots = _sheet(client.get("/land/export/revitalise.xlsx").content)
    assert plots == [
        ["序号", "地块名称", "占地面积 (亩)", "计划时间", "盘活方式", "状态", "完成日期"],
        [1.0, caojing.GUDAO_PLOT, 30.62, "2025 年", "收储", "已完成", date(2025, 8, 1)],
        [2.0, caojing.PULIZI_PLOT, 43.74, "2025 年", "合作开发", "计划", ""],
        [3.0, caojing.KUNLEI, 27.81, "2026 年", "合作开发", "计划", ""],
    ]
    vacate = _sheet(client.get("/land/export/vacate.xlsx").content)
    assert vacate[0] == [
        "类别",
        "序号",
        "企业名称",
        "地址",
        "占地面积 (亩)",
        "计划时间",
        "提升方案",
        "状态",
        "完成日期",
    ]
    assert vacate[1] == [
        "腾退",
        1.0,
        caojing.OUFENG,
        "平业路 189 号 8 幢",
        80.0,
        "2024 年",
        "优质项目导入",
        "计划",
        "",
    ]
    assert len(vacate) == 5
    upgrade = _sheet(client.get("/land/export/upgrade.xlsx").content)
    assert upgrade[3][2:6] == [caojing.GUDAO_PLOT, "展业路 108 号", 30.59, "2026 年"]


def test_the_flags_page_gives_each_flag_with_its_reason(alice: User) -> None:
    holder = EnterpriseFactory(industry_code="C2710")
    LandPlotFactory(name="测试低效地块", holder=holder, area_mu=Decimal("20"),
                    plot_ratio=Decimal("0.5"), building_coefficient=Decimal("35"))  # fmt: skip
    page = client_for(alice).get("/land/flags/?year=2025").content.decode()
    assert "开发低效</span> 容积率 0.50 低于本行业控制值 0.7" in page
    rows = client_for(alice).get("/api/land/flags?year=2025").json()
    assert rows[0]["flags"] == [
        {
            "kind": "underdeveloped",
            "label": "开发低效",
            "reason": "容积率 0.50 低于本行业控制值 0.7",
        }
    ]


def test_a_batch_and_its_resettlement_through_the_pages(alice: User, lena: User) -> None:
    enterprise = EnterpriseFactory()
    client = client_for(alice)
    response = client.post("/land/batches/new/", {
        "enterprise": enterprise.pk, "batch": "close", "reason": "安全环保不达标",
        "decided_on": "2025-03-01", "ended_on": "", "note": "",
    })  # fmt: skip
    assert response.status_code == 302
    assignment = enterprise.batches.get()
    response = client.post(f"/land/batches/{assignment.pk}/resettlement/", {
        "workers_affected": "40", "workers_resettled": "41", "methods": "",
    })  # fmt: skip
    assert "已安置人数不能多于涉及职工人数" in response.content.decode()
    client.post(f"/land/batches/{assignment.pk}/resettlement/", {
        "workers_affected": "40", "workers_resettled": "25", "methods": "园区企业吸纳",
    })  # fmt: skip
    page = client_for(lena).get("/land/batches/").content.decode()
    assert "涉及 40 人，已安置 25 人" in page
    assert client_for(lena).post("/land/batches/new/", {}).status_code == 403


def test_recording_a_plots_progress_raises_the_idle_flag_on_its_page(alice: User) -> None:
    plot = LandPlotFactory(name="停工地块", contract_start_on=date(2022, 1, 1))
    client = client_for(alice)
    response = client.post(f"/land/plots/{plot.pk}/progress/", {
        "construction_started_on": "2022-06-01", "built_area_m2": "900",
        "required_area_m2": "3000", "invested_wan": "", "planned_investment_wan": "",
        "halted_since": "2023-05-01", "note": "", "change_reason": "现场核查",
    })  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == f"/land/plots/{plot.pk}/"
    assert plot.progress.history.first().history_change_reason == "现场核查"
    page = client.get(f"/land/plots/{plot.pk}/?year=2025").content.decode()
    assert "已建面积占应建面积 30.0%，不足 1/3，且自 2023-05-01 停工满 1 年" in page


def test_a_plot_with_no_progress_recorded_is_unreported_until_a_record_shows_it_idle(
    alice: User,
) -> None:
    """Past its contract's start, a plot nobody has reported on is not 闲置低效: its start date is
    listed as missing. A progress record with no start date, made now, shows it idle."""
    plot = LandPlotFactory(name="未报地块", contract_start_on=date(2022, 1, 1))
    client = client_for(alice)
    page = client.get(f"/land/plots/{plot.pk}/?year=2025").content.decode()
    assert "未动工" not in page
    assert "缺少的数据：实际开工日期" in page
    response = client.post(f"/land/plots/{plot.pk}/progress/", {
        "construction_started_on": "", "built_area_m2": "", "required_area_m2": "",
        "invested_wan": "", "planned_investment_wan": "", "halted_since": "", "note": "",
        "change_reason": "现场核查：未开工",
    })  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/land/plots/{plot.pk}/?year=2025").content.decode()
    assert "合同约定 2022-01-01 开工，至 2025-12-31 已满 1 年未动工" in page
    assert "缺少的数据：实际开工日期" not in page


def test_a_reader_cannot_record_progress_or_occupants(lena: User) -> None:
    plot = LandPlotFactory()
    client = client_for(lena)
    assert client.get(f"/land/plots/{plot.pk}/").status_code == 200
    assert client.get(f"/land/plots/{plot.pk}/progress/").status_code == 403
    assert client.get(f"/land/plots/{plot.pk}/occupants/new/").status_code == 403


def test_a_road_chief_sees_only_the_conflicts_on_his_road(rob: User, loaded: None) -> None:
    page = client_for(rob).get("/land/conflicts/").content.decode()
    assert caojing.GUDAO_PLOT not in page  # 展业路
    assert caojing.PULIZI_PLOT not in page  # 月工路
    assert client_for(rob).get("/api/land/conflicts").json() == []
