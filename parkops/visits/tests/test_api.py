"""The visits' API: visits listed and read in scope, created through the form's service (with
the requests raised and the questions answered), questions parked, policies with who qualifies."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from parkops.accounts.models import Department
from parkops.accounts.services import api_token_issue
from parkops.conftest import client_for
from parkops.registry.models import Enterprise
from parkops.registry.tests.factories import EnterpriseYearFactory
from parkops.service.models import ServiceRequest
from parkops.visits.models import PendingQuestion, Policy, Visit

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _visit(enterprise: Enterprise, text: str) -> Visit:
    return Visit.objects.create(enterprise=enterprise, visited_on=date(2025, 5, 1), discussed=text)


def test_it_lists_and_reads_only_the_visits_in_scope_with_a_token(
    rob: User, pingye_firm: Enterprise, yuegong_firm: Enterprise
) -> None:
    mine, theirs = _visit(pingye_firm, "谈用电"), _visit(yuegong_firm, "谈用地")
    key = api_token_issue(user=rob, name="走访App")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    listed = client.get("/api/visits/visits").json()
    assert [v["id"] for v in listed["items"]] == [mine.pk]
    assert listed["items"][0]["enterprise"] == pingye_firm.name
    assert client.get(f"/api/visits/visits/{mine.pk}").json()["discussed"] == "谈用电"
    assert client.get(f"/api/visits/visits/{theirs.pk}").status_code == 404


def test_it_creates_a_visit_with_a_request_and_an_answer_in_one_go(
    rob: User, dora: User, pingye_firm: Enterprise
) -> None:
    eco = Department.objects.get(code="eco")
    question = PendingQuestion.objects.create(
        enterprise=pingye_firm, department=eco, text="排污许可何时到期？", asked_by=dora
    )
    today = timezone.localdate()
    response = client_for(rob).post("/api/visits/visits", {
        "enterprise_id": pingye_firm.pk, "visited_on": today.isoformat(), "discussed": "生产正常",
        "requests": [{"category": "finance", "text": "申请技改贷款贴息", "department_id": eco.pk}],
        "answers": [{"question_id": question.pk, "answer": "明年三月到期"}],
    }, content_type=JSON)  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    visit = Visit.objects.get(pk=body["id"])
    assert (visit.enterprise, visit.recorded_by, list(visit.visitors.all())) == (
        pingye_firm, rob, [rob],
    )  # fmt: skip
    accepted = ServiceRequest.objects.get()
    assert (accepted.channel, accepted.category, accepted.text, accepted.state) == (
        "visit", "finance", "申请技改贷款贴息", "accepted",
    )  # fmt: skip
    assert body["raised_requests"][0]["service_request_id"] == accepted.pk
    question.refresh_from_db()
    assert (question.status, question.answer, question.answered_in) == (
        "answered", "明年三月到期", visit,
    )  # fmt: skip
    assert body["answered_questions"] == [
        {"id": question.pk, "department": "生态环境", "text": "排污许可何时到期？",
         "answer": "明年三月到期"}
    ]  # fmt: skip


def test_it_refuses_a_visit_outside_the_scope_in_the_future_or_by_a_department(
    rob: User, dora: User, alice: User, yuegong_firm: Enterprise, pingye_firm: Enterprise
) -> None:
    today = timezone.localdate()
    payload = {"enterprise_id": yuegong_firm.pk, "visited_on": today.isoformat(), "discussed": "x"}
    outside = client_for(rob).post("/api/visits/visits", payload, content_type=JSON)
    assert outside.status_code == 422
    assert outside.json()["errors"] == {"enterprise_id": ["您只能为自己负责的企业登记走访"]}
    future = {**payload, "enterprise_id": pingye_firm.pk,
              "visited_on": (today + timedelta(days=1)).isoformat()}  # fmt: skip
    refused = client_for(rob).post("/api/visits/visits", future, content_type=JSON)
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"visited_on": ["走访日期不能晚于今天"]}
    stranger = {**payload, "enterprise_id": pingye_firm.pk, "visitor_ids": [dora.pk]}
    refused = client_for(rob).post("/api/visits/visits", stranger, content_type=JSON)
    assert refused.json()["errors"] == {"visitor_ids": ["走访人须是园区办、路长或网格员。"]}
    assert (
        client_for(dora).post("/api/visits/visits", payload, content_type=JSON).status_code == 403
    )
    assert Visit.objects.count() == 0
    assert ServiceRequest.objects.count() == 0


def test_a_department_parks_a_question_in_its_own_name_only(
    dora: User, rob: User, pingye_firm: Enterprise, yuegong_firm: Enterprise
) -> None:
    eco = Department.objects.get(code="eco")
    other = Department.objects.exclude(code="eco").first()
    assert other is not None
    eco.members.add(dora)
    client = client_for(dora)
    asked = {"enterprise_id": pingye_firm.pk, "department_id": eco.pk, "text": "消防验收进度？"}
    created = client.post("/api/visits/questions", asked, content_type=JSON)
    assert created.status_code == 201
    assert created.json()["status"] == "open"
    refused = client.post(
        "/api/visits/questions", {**asked, "department_id": other.pk}, content_type=JSON
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"department": ["只能以本部门的名义提出问题"]}
    assert (
        client_for(rob).post("/api/visits/questions", asked, content_type=JSON).status_code == 403
    )
    PendingQuestion.objects.create(enterprise=yuegong_firm, department=eco, text="别路问题")
    listed = [q["text"] for q in client_for(rob).get("/api/visits/questions").json()["items"]]
    assert listed == ["消防验收进度？"]


def test_a_policys_enterprises_are_those_in_scope_that_qualify_with_why(
    rob: User, lena: User, pingye_firm: Enterprise, yuegong_firm: Enterprise
) -> None:
    for firm in (pingye_firm, yuegong_firm):
        EnterpriseYearFactory(
            enterprise=firm, year=2025, revenue=Decimal("2500"), rd_expense=Decimal("100")
        )
    policy = Policy.objects.create(
        name="规上企业研发奖励", issuer="金山区经委", valid_from=date(2025, 1, 1),
        benefit="按研发投入给予奖励", rules={"above_scale": True, "rd_intensity_min": 3},
    )  # fmt: skip
    assert [p["name"] for p in client_for(rob).get("/api/visits/policies").json()["items"]] == [
        "规上企业研发奖励"
    ]
    assert client_for(rob).get(f"/api/visits/policies/{policy.pk}").json()["rules"] == {
        "above_scale": True, "rd_intensity_min": 3,
    }  # fmt: skip
    found = client_for(rob).get(f"/api/visits/policies/{policy.pk}/enterprises").json()["items"]
    assert found == [
        {"enterprise_id": pingye_firm.pk, "enterprise": pingye_firm.name, "road": "平业路",
         "reasons": ["规上：是，要求 是", "研发投入强度 4.00%，要求 ≥ 3%"]}
    ]  # fmt: skip
    everyone = client_for(lena).get(f"/api/visits/policies/{policy.pk}/enterprises").json()
    assert everyone["count"] == 2
