"""Pages, exports and API of the plan's execution, by role."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.execution.models import InfraProject, InfraSpend, KeyProject, ProgressReport
from parkops.execution.services import execution_plan_load
from parkops.plan.services import plan_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db: None) -> None:
    plan_load()
    execution_plan_load()


@pytest.mark.parametrize("url", ["/projects/", "/cultivation/", "/infrastructure/"])
def test_lists_need_a_role(plan: None, lena: User, charlie: User, url: str) -> None:
    assert client_for(lena).get(url).status_code == 200
    assert client_for(charlie).get(url).status_code == 403


def test_the_projects_page_marks_mokes_project_as_the_plan_reports_it(
    plan: None, lena: User
) -> None:
    html = client_for(lena).get("/projects/").content.decode()
    moke = html[html.index("膜可光学材料") :]
    assert "滞后" in moke[: moke.index("</tr>")]
    assert "据报告" in moke[: moke.index("</tr>")]


def test_a_park_office_user_logs_a_progress_report_and_a_leader_may_not(
    plan: None, alice: User, lena: User
) -> None:
    project = KeyProject.objects.get(enterprise__name="上海漕荣经济发展有限公司")
    data = {"reported_on": "2024-07-02", "status": "done", "text": "已完成竣工验收"}
    assert client_for(lena).post(project.get_absolute_url(), data).status_code == 403
    response = client_for(alice).post(project.get_absolute_url(), data)
    assert response.status_code == 302
    report = ProgressReport.objects.get(author=alice)
    assert (report.reported_on, report.status, report.text) == (
        date(2024, 7, 2),
        "done",
        "已完成竣工验收",
    )


def test_recording_the_achieved_date_keeps_history_with_the_reason(plan: None, alice: User) -> None:
    project = KeyProject.objects.get(enterprise__name="上海漕荣经济发展有限公司")
    milestone = project.milestones.get()
    response = client_for(alice).post(
        f"/projects/{project.pk}/milestone/",
        {
            "milestone": milestone.pk,
            "target_date": "2024-06-30",
            "achieved_on": "2024-07-05",
            "reported_status": "on_track",
            "reason": "竣工验收通过",
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.achieved_on == date(2024, 7, 5)
    assert milestone.history.first().history_change_reason == "竣工验收通过"  # type: ignore[attr-defined]


def test_a_milestone_cannot_be_both_dated_and_undated(plan: None, alice: User) -> None:
    project = KeyProject.objects.get(enterprise__name="膜可光学材料（上海）有限公司")
    milestone = project.milestones.get()
    response = client_for(alice).post(
        f"/projects/{project.pk}/milestone/",
        {
            "milestone": milestone.pk,
            "target_date": "2023-12-22",
            "achieved_on": "2024-01-10",
            "achieved_undated": "on",
            "reported_status": "late",
            "reason": "补录开工日期",
        },
    )
    assert response.status_code == 200
    assert "已填实际完成日期时，不能再勾选“日期未报”。" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.achieved_on is None


def test_the_cultivation_export_has_the_plans_columns(plan: None, lena: User) -> None:
    response = client_for(lena).get("/cultivation/export.xlsx?kind=above_scale")
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["新增规上企业"]
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[0][0] == "新增规上企业计划清单"
    assert rows[1] == ["序号", "企业名称", "预测产值", "预计时间", "完成年度", "完成情况"]
    assert rows[2][:4] == [1, "上海迪二电器成套有限公司", 2127, 2024]
    assert len(rows) == 2 + 7


def test_the_infrastructure_page_and_export_show_budget_against_spend(
    plan: None, alice: User
) -> None:
    road = InfraProject.objects.get(plan_row=2)
    response = client_for(alice).post(
        road.get_absolute_url(),
        {"spent_on": "2024-05-01", "amount_wan": "12.5", "note": "一期", "started": "no"},
    )
    assert response.status_code == 302
    assert InfraSpend.objects.get().amount_wan == Decimal("12.5")
    response = client_for(alice).post(
        road.get_absolute_url(), {"spent_on": "2024-05-01", "amount_wan": "-1"}
    )
    assert "金额须大于 0" in response.content.decode()
    export = client_for(alice).get("/infrastructure/export.xlsx")
    book = CalamineWorkbook.from_filelike(io.BytesIO(export.content))
    rows = book.get_sheet_by_index(0).to_python()
    assert rows[1][:6] == [
        "序号",
        "项目名称",
        "计划总投资（万元）",
        "工程内容",
        "预计实施时间",
        "预计完工时间",
    ]
    assert rows[3][1] == "道路修复工程"
    assert rows[3][7:9] == [12.5, 47.5]


def test_a_road_chief_sees_only_the_projects_on_his_road(rob: User, plan: None) -> None:
    assert client_for(rob).get("/api/projects").json() == []
    project = KeyProject.objects.first()
    assert project is not None
    assert client_for(rob).get(f"/projects/{project.pk}/").status_code == 404


def test_the_api_lists_projects_entries_and_infrastructure(plan: None, lena: User) -> None:
    client = client_for(lena)
    projects = client.get("/api/projects?status=late").json()
    # 膜可's is late as the plan reports it. 漕荣's acceptance was due by the end of June 2024 and
    # nothing was reported after that date: 待报送, not late.
    assert {p["enterprise"] for p in projects} == {"膜可光学材料（上海）有限公司"}
    unreported = client.get("/api/projects?status=unreported").json()
    assert [p["enterprise"] for p in unreported] == ["上海漕荣经济发展有限公司"]
    moke = next(p for p in projects if p["enterprise"].startswith("膜可"))
    assert moke["state"] == {"status": "late", "basis": "reported", "days_late": 0}
    entries = client.get("/api/cultivation?kind=srdi&planned_year=2024").json()
    assert entries["count"] == 5
    infra = client.get("/api/infrastructure").json()
    assert [i["name"] for i in infra] == ["地下水调查工程", "道路修复工程", "绿化改造工程"]
    denied = client.post(
        "/api/projects/1/reports",
        {"reported_on": "2024-01-01", "text": "x"},
        content_type="application/json",
    )
    assert denied.status_code == 403


def test_the_api_rejects_a_bad_spend_in_chinese(plan: None, alice: User) -> None:
    road = InfraProject.objects.get(plan_row=2)
    response = client_for(alice).post(
        f"/api/infrastructure/{road.pk}/spends",
        {"spent_on": "2024-05-01", "amount_wan": "0"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"] == [
        "金额须大于 0；冲销请在备注中说明并联系园区办。"
    ]


def test_the_park_office_adds_a_project_and_a_list_entry(
    plan: None, alice: User, lena: User
) -> None:
    from parkops.execution.models import CultivationEntry
    from parkops.registry.tests.factories import EnterpriseFactory

    enterprise = EnterpriseFactory()
    data = {
        "enterprise": enterprise.pk,
        "name": "二期厂房",
        "milestone": "start",
        "target_date": "2027-03-31",
    }
    assert client_for(lena).post("/projects/new/", data).status_code == 403
    assert client_for(alice).post("/projects/new/", data).status_code == 302
    project = KeyProject.objects.get(name="二期厂房")
    assert list(project.milestones.values_list("kind", "target_date")) == [
        ("start", date(2027, 3, 31))
    ]
    entry = {
        "kind": "tech",
        "enterprise": enterprise.pk,
        "planned_year": "2027",
        "project_name": "产线智能化改造",
    }
    assert client_for(alice).post("/cultivation/new/", entry).status_code == 302
    assert CultivationEntry.objects.filter(
        enterprise=enterprise, kind="tech", planned_year=2027
    ).exists()
    duplicate = client_for(alice).post("/cultivation/new/", entry)
    assert duplicate.status_code == 200
    assert CultivationEntry.objects.filter(enterprise=enterprise).count() == 1


def test_the_api_shows_an_srdi_candidates_criteria(plan: None, lena: User) -> None:
    from parkops.execution.models import CultivationEntry
    from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory

    # A fictional candidate: no figure is ever attached to an enterprise the plan names.
    entry = CultivationEntry.objects.create(
        kind="srdi", enterprise=EnterpriseFactory(), planned_year=2026, listed_on=date(2025, 1, 1)
    )
    EnterpriseYearFactory(
        enterprise=entry.enterprise, year=2025, revenue=Decimal(800), rd_expense=Decimal(40)
    )
    data = client_for(lena).get(f"/api/cultivation/{entry.pk}").json()
    assert data["srdi_year"] == 2025
    assert [(c["key"], c["check"], c["value"]) for c in data["srdi_criteria"]] == [
        ("rd_amount", "not_met", "40.00"),
        ("rd_share", "met", "5.00%"),
        ("revenue", "not_met", "800.00"),
        ("years", "unknown", ""),
        ("score", "unknown", ""),
    ]
    html = client_for(lena).get(entry.get_absolute_url()).content.decode()
    assert "研发费用占营业收入 ≥ 3%" in html
    assert html.count('class="badge text-bg-danger" data-value="not_met"') == 2
