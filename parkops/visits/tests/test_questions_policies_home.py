"""Questions parked by departments, policies that find enterprises, and the road chief's home."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.accounts.models import Department
from parkops.conftest import client_for
from parkops.registry.models import Enterprise
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.visits.models import PendingQuestion, Policy, Visit

pytestmark = pytest.mark.django_db


def test_a_department_member_parks_a_question_for_the_next_visit(
    dora: User, rob: User, pingye_firm: Enterprise
) -> None:
    eco = Department.objects.get(code="eco")
    eco.members.add(dora)
    client = client_for(dora)
    response = client.post(
        "/visits/questions/new/",
        {"enterprise": pingye_firm.pk, "department": eco.pk, "text": "排污许可证何时到期？"},
    )
    assert response.status_code == 302
    question = PendingQuestion.objects.get()
    assert (question.enterprise, question.department, question.asked_by, question.status) == (
        pingye_firm, eco, dora, "open",
    )  # fmt: skip
    assert (
        "排污许可证何时到期？"
        in client_for(rob).get(f"/visits/new/?enterprise={pingye_firm.pk}").content.decode()
    )
    listed = client.get(f"/visits/questions/?department={eco.pk}&status=open").content.decode()
    assert "排污许可证何时到期？" in listed


def test_a_department_user_cannot_ask_in_another_departments_name(
    dora: User, pingye_firm: Enterprise
) -> None:
    eco, tax = Department.objects.get(code="eco"), Department.objects.exclude(code="eco").first()
    assert tax is not None
    eco.members.add(dora)
    response = client_for(dora).post(
        "/visits/questions/new/", {"enterprise": pingye_firm.pk, "department": tax.pk, "text": "问"}
    )
    assert response.status_code == 200
    assert PendingQuestion.objects.count() == 0


def test_a_road_chief_cannot_park_questions(rob: User) -> None:
    assert client_for(rob).get("/visits/questions/new/").status_code == 403


def test_a_policy_lists_the_enterprises_that_qualify_and_why(
    lena: User, rob: User, pingye_firm: Enterprise
) -> None:
    EnterpriseYearFactory(
        enterprise=pingye_firm, year=2025, revenue=Decimal("2500"), rd_expense=Decimal("100")
    )
    small = EnterpriseFactory(name="上海小规模有限公司", road=pingye_firm.road)
    EnterpriseYearFactory(
        enterprise=small, year=2025, revenue=Decimal("1000"), rd_expense=Decimal("100")
    )
    policy = Policy.objects.create(
        name="规上企业研发奖励", issuer="金山区经委", valid_from=date(2025, 1, 1),
        benefit="按研发投入给予奖励", rules={"above_scale": True, "rd_intensity_min": 3},
    )  # fmt: skip
    page = client_for(lena).get(f"/visits/policies/{policy.pk}/").content.decode()
    assert pingye_firm.name in page
    assert small.name not in page
    assert "规上：是，要求 是；研发投入强度 4.00%，要求 ≥ 3%" in page
    form = client_for(rob).get(f"/visits/new/?enterprise={pingye_firm.pk}").content.decode()
    assert "规上企业研发奖励" in form
    other = client_for(rob).get(f"/visits/new/?enterprise={small.pk}").content.decode()
    assert "规上企业研发奖励" not in other


def test_a_policy_with_rules_it_cannot_read_is_refused() -> None:
    policy = Policy(
        name="错", issuer="镇", valid_from=date(2025, 1, 1), benefit="x", rules={"size": 1}
    )
    with pytest.raises(Exception, match="未知的条件：size"):
        policy.full_clean()


def test_the_road_chiefs_home_shows_his_enterprises_and_last_visits(
    rob: User, lena: User, pingye_firm: Enterprise, yuegong_firm: Enterprise
) -> None:
    Visit.objects.create(enterprise=pingye_firm, visited_on=date(2025, 5, 1), discussed="x")
    home = client_for(rob).get("/").content.decode()
    assert 'id="home-field"' in home
    assert "平业路" in home
    assert pingye_firm.name in home
    assert "2025-05-01" in home
    assert yuegong_firm.name not in home
    assert 'id="home-open-requests"' in home
    assert 'id="home-field"' not in client_for(lena).get("/").content.decode()


def test_the_service_refuses_a_question_in_another_departments_name(
    dora: User, pingye_firm: Enterprise
) -> None:
    from django.core.exceptions import ValidationError

    from parkops.visits.services import question_create

    eco, tax = Department.objects.get(code="eco"), Department.objects.exclude(code="eco").first()
    assert tax is not None
    eco.members.add(dora)
    with pytest.raises(ValidationError, match="只能以本部门的名义提出问题"):
        question_create(user=dora, enterprise=pingye_firm, department=tax, text="问")
    assert PendingQuestion.objects.count() == 0
