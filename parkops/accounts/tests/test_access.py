"""Every page and API call needs a login, and each role gets exactly its rights."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from parkops.accounts.models import ApiToken
from parkops.accounts.services import api_token_issue
from parkops.conftest import client_for
from parkops.registry.models import Enterprise, Road, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory

PAGES = [
    "/",
    "/enterprises/",
    "/enterprises/new/",
    "/small-parks/",
    "/plots/",
    "/data-gaps/",
    "/data-gaps/export.xlsx",
    "/accounts/password/",
    "/admin/",
]
API_PATHS = [
    "/api/enterprises",
    "/api/small-parks",
    "/api/plots",
    "/api/roads",
    "/api/docs",
    "/api/openapi.json",
    "/api/no-such-path",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_it_redirects_anonymous_pages_to_login(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", API_PATHS)
def test_it_answers_anonymous_api_calls_401(path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 401


@pytest.mark.django_db
def test_login_page_and_language_switch_are_open() -> None:
    assert Client().get("/accounts/login/").status_code == 200
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302


def test_login_with_password_then_logout(alice: User) -> None:
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "alice", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.get("/enterprises/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/enterprises/").status_code == 302


def test_password_change(alice: User) -> None:
    client = client_for(alice)
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "correct horse battery staple",
            "new_password1": "漕泾园区-2026-新密码",
            "new_password2": "漕泾园区-2026-新密码",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("漕泾园区-2026-新密码")


def test_park_office_may_edit(alice: User) -> None:
    client = client_for(alice)
    assert client.get("/enterprises/new/").status_code == 200
    response = client.post(
        "/api/enterprises", {"name": "上海园区办新增有限公司"}, content_type="application/json"
    )
    assert response.status_code == 201
    assert Enterprise.objects.filter(name="上海园区办新增有限公司").exists()
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("reader", ["lena", "dora", "rob", "olga"])
def test_readers_may_not_edit(reader: str, request: pytest.FixtureRequest) -> None:
    user: User = request.getfixturevalue(reader)
    enterprise = EnterpriseFactory()
    client = client_for(user)
    assert client.get("/enterprises/new/").status_code == 403
    assert client.post("/enterprises/new/", {"name": "x"}).status_code == 403
    response = client.post(
        "/api/enterprises", {"name": "上海不应保存有限公司"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "您没有执行此操作的权限"
    patch = client.patch(
        f"/api/enterprises/{enterprise.pk}", {"name": "改名"}, content_type="application/json"
    )
    assert patch.status_code == 403
    assert not Enterprise.objects.filter(name__in=["上海不应保存有限公司", "改名"]).exists()
    assert client.get("/admin/").status_code == 302  # not staff: the admin asks for another login


@pytest.mark.parametrize("reader", ["lena", "dora"])
def test_park_wide_readers_see_everything(reader: str, request: pytest.FixtureRequest) -> None:
    user: User = request.getfixturevalue(reader)
    EnterpriseFactory.create_batch(3)
    client = client_for(user)
    assert client.get("/enterprises/").status_code == 200
    assert client.get("/api/enterprises").json()["count"] == 3


def test_road_chief_sees_only_his_road(rob: User, pingye: Road, yuegong: Road) -> None:
    mine = EnterpriseFactory(road=pingye)
    other = EnterpriseFactory(road=yuegong)
    client = client_for(rob)
    listed = client.get("/api/enterprises").json()
    assert [e["id"] for e in listed["items"]] == [mine.pk]
    assert client.get(f"/enterprises/{mine.pk}/").status_code == 200
    assert client.get(f"/enterprises/{other.pk}/").status_code == 404
    assert client.get(f"/api/enterprises/{other.pk}").status_code == 404
    page = client.get("/enterprises/")
    assert mine.name in page.content.decode()
    assert other.name not in page.content.decode()


def test_small_park_owner_sees_only_its_park(
    olga: User, ailiu: SmallPark, changning: SmallPark
) -> None:
    tenant = EnterpriseFactory(small_park=ailiu)
    stranger = EnterpriseFactory(small_park=changning)
    client = client_for(olga)
    assert [e["id"] for e in client.get("/api/enterprises").json()["items"]] == [tenant.pk]
    assert [p["id"] for p in client.get("/api/small-parks").json()["items"]] == [ailiu.pk]
    assert client.get(f"/small-parks/{changning.pk}/").status_code == 404
    assert client.get(f"/enterprises/{stranger.pk}/").status_code == 404


def test_a_user_without_a_role_is_refused(charlie: User) -> None:
    client = client_for(charlie)
    assert client.get("/enterprises/").status_code == 403
    assert client.get("/api/enterprises").status_code == 403
    assert client.get("/").status_code == 200  # the home page shows only what the user may see


def test_bearer_token_authenticates_and_revocation_ends_it(lena: User) -> None:
    EnterpriseFactory()
    key = api_token_issue(user=lena, name="报表工具")
    response = Client().get("/api/enterprises", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert Client().get("/api/enterprises", HTTP_AUTHORIZATION="Bearer wrong").status_code == 401
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    assert Client().get("/api/enterprises", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


@pytest.mark.django_db
def test_the_role_groups_exist_with_their_rights() -> None:
    from django.contrib.auth.models import Group

    from parkops.accounts.services import role_permissions_sync

    role_permissions_sync()
    groups = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert set(groups) >= {
        "park_office",
        "town_leader",
        "road_chief",
        "small_park_owner",
        "department",
        "grid_officer",
    }
    assert {"add_enterprise", "change_enterprise", "view_enterprise"} <= groups["park_office"]
    # Besides reading, road chiefs and grid officers log visits; departments park questions,
    # record their inspections, give opinions on leads and organise activities; owners work
    # their park's leads.
    writes = {
        "town_leader": set(),
        "small_park_owner": {"add_lead", "change_lead", "add_screening", "add_reviewopinion"},
        "road_chief": {"add_visit", "change_visit"},
        "grid_officer": {"add_visit", "change_visit"},
        "department": {
            "add_pendingquestion",
            "add_inspection", "change_inspection", "add_finding", "change_finding",
            "add_findingphoto", "add_penalty", "add_accident", "add_controlevent",
            "add_reviewopinion",
            "add_activity", "change_activity", "change_invitation",
        },
    }  # fmt: skip
    for reader, allowed in writes.items():
        assert "view_enterprise" in groups[reader]
        assert {c for c in groups[reader] if not c.startswith("view_")} == allowed


@pytest.mark.django_db
def test_a_road_chief_and_a_grid_officer_see_the_parks_their_enterprises_rent_in(
    rob: User, gina: User, pingye: Road, yuegong: Road, ailiu: SmallPark, changning: SmallPark
) -> None:
    from parkops.registry.models import Grid
    from parkops.registry.selectors import smallparks_visible_to

    on_road = SmallPark.objects.create(name="平业园", plan_sequence=3, road=pingye)
    elsewhere = SmallPark.objects.create(name="月工园", plan_sequence=4, road=yuegong)
    grid = Grid.objects.get(name="平业一格")
    # 矮柳 has a tenant on 平业路 (in gina's grid); 长宁 only one on 月工路; 月工园 none.
    EnterpriseFactory(small_park=ailiu, road=pingye, grid=grid)
    EnterpriseFactory(small_park=changning, road=yuegong)
    EnterpriseFactory(road=pingye, small_park=None)  # a tenant of no park
    assert set(smallparks_visible_to(rob)) == {on_road, ailiu}
    assert set(smallparks_visible_to(gina)) == {ailiu}
    assert elsewhere not in set(smallparks_visible_to(rob))
    names = {p["name"] for p in client_for(rob).get("/api/small-parks").json()["items"]}
    assert names == {"平业园", "矮柳"}
