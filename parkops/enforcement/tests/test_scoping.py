"""Who sees and edits which inspections: a department its own and the joint ones it is in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from parkops.accounts.roles import Role
from parkops.conftest import _user, client_for
from parkops.enforcement import selectors
from parkops.enforcement.tests.factories import InspectionFactory, department
from parkops.registry.models import Grid, Road, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eve() -> User:
    """A department user in 生态环境 (eco)."""
    user = _user("eve", {Role.DEPARTMENT})
    department("eco").members.add(user)
    return user


@pytest.fixture
def three() -> dict[str, object]:
    own = InspectionFactory(lead_department=department("eco"))
    joint = InspectionFactory(lead_department=department("emergency"))
    joint.departments.add(department("eco"))
    other = InspectionFactory(lead_department=department("tax"))
    return {"own": own, "joint": joint, "other": other}


def test_a_department_sees_its_own_and_the_joint_ones_it_is_in(eve: User, three: dict) -> None:
    visible = set(selectors.inspections_visible_to(eve))
    assert visible == {three["own"], three["joint"]}
    assert client_for(eve).get(three["other"].get_absolute_url()).status_code == 404
    assert client_for(eve).get(three["joint"].get_absolute_url()).status_code == 200


def test_a_department_user_in_no_department_sees_none(dora: User, three: dict) -> None:
    assert list(selectors.inspections_visible_to(dora)) == []


def test_a_department_edits_only_its_own(eve: User, three: dict) -> None:
    client = client_for(eve)
    body = {"action": "reinspect"}
    assert client.post(three["other"].get_absolute_url(), body).status_code == 404
    assert selectors.can_edit(eve, three["joint"])
    assert not selectors.can_edit(eve, three["other"])


def test_park_office_and_town_leader_read_all(alice: User, lena: User, three: dict) -> None:
    assert selectors.inspections_visible_to(alice).count() == 3
    assert selectors.inspections_visible_to(lena).count() == 3
    assert not selectors.can_edit(lena, three["own"])
    assert selectors.can_edit(alice, three["other"])


def test_restricted_roles_read_their_enterprises_inspections(
    rob: User, olga: User, gina: User, pingye: Road, ailiu: SmallPark
) -> None:
    on_road = InspectionFactory(enterprise=EnterpriseFactory(road=pingye))
    in_park = InspectionFactory(enterprise=EnterpriseFactory(small_park=ailiu))
    in_grid = InspectionFactory(
        enterprise=EnterpriseFactory(grid=Grid.objects.get(name="平业一格"))
    )
    InspectionFactory()
    assert list(selectors.inspections_visible_to(rob)) == [on_road]
    assert list(selectors.inspections_visible_to(olga)) == [in_park]
    assert list(selectors.inspections_visible_to(gina)) == [in_grid]
    assert not selectors.can_edit(rob, on_road)


def test_no_role_sees_nothing(charlie: User, three: dict) -> None:
    assert list(selectors.inspections_visible_to(charlie)) == []
    assert client_for(charlie).get("/enforcement/inspections/").status_code == 403


def test_a_department_records_only_in_the_name_of_its_department(eve: User) -> None:
    enterprise = EnterpriseFactory()
    body = {
        "enterprise": enterprise.pk, "inspected_on": "2025-05-06", "kind": "routine",
        "lead_department": department("tax").pk, "inspectors": "王五", "items_checked": "排污",
        "result": "normal", "findings-TOTAL_FORMS": "0", "findings-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = client_for(eve).post("/enforcement/inspections/new/", body)
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.content.decode()
    assert selectors.inspections_visible_to(eve).count() == 0


def test_the_api_lists_only_the_departments_inspections(eve: User, three: dict) -> None:
    items = client_for(eve).get("/api/enforcement/inspections").json()["items"]
    assert sorted(i["id"] for i in items) == sorted([three["own"].pk, three["joint"].pk])
