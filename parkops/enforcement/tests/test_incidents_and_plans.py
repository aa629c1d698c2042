"""Environmental incidents graded from their figures and feeding the veto; the accident's page
with why it has its grade; the park office's pages to make and change a joint inspection plan;
risk candidates from hazardous industries and safety requests."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from parkops.common.versioning import version_of
from parkops.conftest import client_for
from parkops.enforcement import plan_services, planning, services
from parkops.enforcement.choices import IncidentKind, TargetOrigin
from parkops.enforcement.models import Accident, JointInspectionPlan, PlanTarget
from parkops.enforcement.tests.factories import department
from parkops.evaluation import services as evaluation
from parkops.evaluation.tests.factories import enterprise_with_year
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.service.choices import Category, Channel, RequestState
from parkops.service.models import ServiceRequest

pytestmark = pytest.mark.django_db


def _incident(user: User, enterprise: object, **figures: object) -> Accident:
    data = {
        "kind": IncidentKind.ENVIRONMENTAL, "enterprise": enterprise,
        "occurred_on": date(2025, 7, 1), "description": "储罐泄漏", "department": department("eco"),
        **figures,
    }  # fmt: skip
    return services.accident_create(user=user, data=data)


def test_an_environmental_incident_is_graded_by_evacuations_and_vetoes_by_rule(
    alice: User,
) -> None:
    leader, second, *_rest = [enterprise_with_year(tax=Decimal(t)) for t in (600, 50, 50, 50, 50)]
    larger = _incident(alice, leader, evacuated=5_000)
    ordinary = _incident(alice, second, evacuated=4_999, direct_loss_wan=Decimal("499.99"))
    assert (larger.grade, ordinary.grade) == ("2_larger", "1_ordinary")
    results = {r.enterprise_id: r for r in evaluation.run_create(year=2025).results.all()}
    assert results[leader.pk].evaluation_class == "D"
    assert results[leader.pk].veto_reasons == ["较大及以上突发环境事件，一票否决为 D 类"]
    assert results[second.pk].veto_reasons == []


def test_the_document_grade_raises_the_computed_one_and_never_lowers_it(alice: User) -> None:
    firm = EnterpriseFactory()
    raised = _incident(alice, firm, stated_grade="3_major")  # a drinking-water source cut off
    assert raised.grade == "3_major"
    kept = _incident(alice, firm, deaths=10, stated_grade="2_larger")
    assert kept.grade == "3_major"
    assert services.accident_grade_reasons(raised) == ["认定文书所定等级"]
    assert services.accident_grade_reasons(kept) == ["死亡 10 人"]


def test_a_safety_accident_refuses_an_evacuation_count(alice: User) -> None:
    with pytest.raises(ValidationError) as refused:
        services.accident_create(
            user=alice,
            data={
                "kind": IncidentKind.SAFETY, "enterprise": EnterpriseFactory(),
                "occurred_on": date(2025, 7, 1), "description": "爆炸", "evacuated": 6_000,
                "department": department("emergency"),
            },
        )  # fmt: skip
    assert refused.value.message_dict == {
        "evacuated": ["疏散转移人数只用于突发环境事件的分级，生产安全事故请留 0"]
    }
    assert not Accident.objects.exists()


def test_the_accident_page_says_why_it_has_its_grade_and_only_in_scope(
    alice: User, rob: User
) -> None:
    incident = _incident(
        alice, EnterpriseFactory(), evacuated=12_000, direct_loss_wan=Decimal(2_000)
    )
    page = client_for(alice).get(f"/enforcement/accidents/{incident.pk}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "重大" in text
    assert "疏散转移 12000 人；直接经济损失 2000.00 万元" in text
    assert client_for(rob).get(f"/enforcement/accidents/{incident.pk}/").status_code == 404


def _plan_form(**extra: object) -> dict[str, object]:
    return {
        "name": "2025 年四季度危化品联合检查", "starts_on": "2025-10-01", "ends_on": "2025-12-31",
        "departments": [str(department("emergency").pk), str(department("eco").pk)], "note": "",
        **extra,
    }  # fmt: skip


def test_the_park_office_makes_a_plan_from_risk_and_by_hand(alice: User) -> None:
    chemical = EnterpriseFactory(industry_code="C2614")
    chosen = EnterpriseFactory(industry_code="C3311")
    [candidate] = [
        c for c in planning.risk_candidates(today=date(2025, 9, 1)) if c.enterprise == chemical
    ]
    assert candidate.reasons == ["高危行业：化学原料和化学制品制造业"]
    response = client_for(alice).post(
        "/enforcement/plans/new/",
        _plan_form(risk=[str(chemical.pk)], chosen=[str(chosen.pk), str(chemical.pk)]),
    )
    plan = JointInspectionPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    targets = {(t.enterprise, t.origin, t.reason, t.planned_on) for t in plan.targets.all()}
    assert targets == {
        (chemical, TargetOrigin.RISK, "高危行业：化学原料和化学制品制造业", date(2025, 10, 1)),
        (chosen, TargetOrigin.CHOSEN, "", date(2025, 10, 1)),
    }
    assert {d.code for d in plan.departments.all()} == {"emergency", "eco"}


def test_a_department_cannot_make_a_plan(dora: User) -> None:
    assert client_for(dora).get("/enforcement/plans/new/").status_code == 403
    assert client_for(dora).post("/enforcement/plans/new/", _plan_form()).status_code == 403
    assert not JointInspectionPlan.objects.exists()


def _plan(alice: User) -> JointInspectionPlan:
    plan = plan_services.plan_create(
        user=alice,
        data={"name": "联合检查", "starts_on": date(2025, 10, 1), "ends_on": date(2025, 12, 31)},
        departments=[department("emergency")],
    )
    plan_services.plan_target_add(
        plan=plan, enterprise=EnterpriseFactory(name="上海目标化工有限公司"),
        planned_on=date(2025, 11, 15), origin=TargetOrigin.CHOSEN,
    )  # fmt: skip
    return plan


def test_a_plan_is_changed_with_a_reason_and_a_stale_edit_is_refused(alice: User) -> None:
    plan = _plan(alice)
    url = f"/enforcement/plans/{plan.pk}/edit/"
    opened = version_of(plan)
    no_reason = client_for(alice).post(url, _plan_form(version=opened))
    assert no_reason.status_code == 200
    assert "请填写修改理由" in no_reason.content.decode()
    assert JointInspectionPlan.objects.get().name == "联合检查"
    saved = client_for(alice).post(
        url, _plan_form(version=opened, change_reason="增加生态环境部门")
    )
    assert saved.status_code == 302
    plan.refresh_from_db()
    assert plan.name == "2025 年四季度危化品联合检查"
    assert {d.code for d in plan.departments.all()} == {"emergency", "eco"}
    assert plan.history.first().history_change_reason == "增加生态环境部门"
    stale = client_for(alice).post(
        url, _plan_form(version=opened, change_reason="再改", name="旧稿")
    )
    assert stale.status_code == 200
    plan.refresh_from_db()
    assert plan.name == "2025 年四季度危化品联合检查"


def test_shortening_a_plan_past_a_target_is_refused(alice: User) -> None:
    plan = _plan(alice)
    with pytest.raises(ValidationError) as refused:
        plan_services.plan_update(
            plan=plan, data={"ends_on": date(2025, 10, 31)}, departments=[department("emergency")],
            reason="提前结束", version=version_of(plan),
        )  # fmt: skip
    assert refused.value.message_dict == {
        "ends_on": ["以下检查对象的计划日期将落在计划期外：上海目标化工有限公司"]
    }
    assert JointInspectionPlan.objects.get().ends_on == date(2025, 12, 31)


def test_a_target_is_added_on_the_plan_page_and_removed_only_with_a_reason(alice: User) -> None:
    plan = _plan(alice)
    extra = EnterpriseFactory(name="上海新增对象有限公司")
    client = client_for(alice)
    added = client.post(
        f"/enforcement/plans/{plan.pk}/targets/",
        {"enterprise": extra.pk, "planned_on": "2025-12-01", "reason": "群众举报"},
    )
    assert added.status_code == 302
    outside = client.post(
        f"/enforcement/plans/{plan.pk}/targets/",
        {"enterprise": EnterpriseFactory().pk, "planned_on": "2026-01-05"},
    )
    assert outside.status_code == 422
    assert "计划检查日期须在计划期内" in outside.content.decode()
    target = PlanTarget.objects.get(enterprise=extra)
    remove = f"/enforcement/plans/{plan.pk}/targets/{target.pk}/remove/"
    client.post(remove, {"reason": ""})
    assert PlanTarget.objects.filter(pk=target.pk).exists()
    client.post(remove, {"reason": "企业已停产"})
    assert not PlanTarget.objects.filter(pk=target.pk).exists()
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "企业已停产" in page  # the removal stays in the plan's history


def test_safety_requests_of_the_last_year_make_a_candidate(alice: User) -> None:
    firm = EnterpriseFactory(industry_code="C3399")
    moment = datetime(2025, 6, 2, 2, tzinfo=UTC)
    for title in ("异味扰民", "废水排放"):
        ServiceRequest.objects.create(
            channel=Channel.PHONE, category=Category.SAFETY_ENV, title=title, text="投诉",
            enterprise=firm, state=RequestState.ACCEPTED, received_at=moment,
            clock_started_at=moment, limit_days=5, contact_due=moment, interim_due=moment,
            warn_at=moment, due_at=moment, created_by=alice,
        )  # fmt: skip
    found = {c.enterprise: c.reasons for c in planning.risk_candidates(today=date(2026, 6, 1))}
    assert found[firm] == ["近一年安全环保类诉求 2 件"]
    later = {c.enterprise for c in planning.risk_candidates(today=date(2026, 6, 3))}
    assert firm not in later
