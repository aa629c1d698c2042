"""The audit log: exports with their filters, rights changes, and who may read the page."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from parkops.accounts.roles import Role
from parkops.accounts.services import api_token_issue, user_assign_roles
from parkops.conftest import PASSWORD, client_for
from parkops.ops.choices import AuditKind
from parkops.ops.models import AuditEvent


def test_it_records_an_export_with_its_filters(alice: User) -> None:
    response = client_for(alice).get(
        "/enterprises/export.xlsx?q=%E5%90%88%E5%85%A8&status=active", REMOTE_ADDR="10.0.0.7"
    )
    assert response.status_code == 200
    event = AuditEvent.objects.get(kind=AuditKind.EXPORT)
    assert (event.user, event.username, event.ip_address) == (alice, "alice", "10.0.0.7")
    assert event.path == "/enterprises/export.xlsx"
    assert event.query == "q=%E5%90%88%E5%85%A8&status=active"
    assert event.detail["filters"] == {"q": ["合全"], "status": ["active"]}
    assert ".xlsx" in event.detail["disposition"]


def test_it_records_every_xlsx_response_and_nothing_else(alice: User) -> None:
    client = client_for(alice)
    client.get("/enterprises/")
    client.get("/api/enterprises")
    client.get("/land/export/vacate.xlsx")
    client.get("/imports/")
    exports = AuditEvent.objects.filter(kind=AuditKind.EXPORT)
    assert list(exports.values_list("path", flat=True)) == ["/land/export/vacate.xlsx"]


def test_it_does_not_record_a_refused_export(charlie: User) -> None:
    assert client_for(charlie).get("/enterprises/export.xlsx").status_code == 403
    assert not AuditEvent.objects.filter(kind=AuditKind.EXPORT).exists()


def test_it_records_role_changes_with_who_made_them(alice: User, lena: User) -> None:
    AuditEvent.objects.all().delete()
    root = User.objects.create_superuser("root", password=PASSWORD)
    client = client_for(root)
    park_office = Group.objects.get(name=Role.PARK_OFFICE)
    town_leader = Group.objects.get(name=Role.TOWN_LEADER)
    response = client.post(
        f"/admin/auth/user/{lena.pk}/change/",
        {
            "username": "lena",
            "is_active": "on",
            "groups": [park_office.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "initial-date_joined_0": "2026-01-01",
            "initial-date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302
    changes = AuditEvent.objects.filter(kind=AuditKind.PERMISSION_CHANGE).order_by("pk")
    details = [event.detail for event in changes]
    assert {
        "action": "remove",
        "subject_type": "user",
        "subject": "lena",
        "object_type": "group",
        "objects": [town_leader.name],
    } in details
    assert {
        "action": "add",
        "subject_type": "user",
        "subject": "lena",
        "object_type": "group",
        "objects": [park_office.name],
    } in details
    changes = changes.filter(detail__subject="lena")
    assert {event.username for event in changes} == {"root"}
    assert {event.path for event in changes} == {f"/admin/auth/user/{lena.pk}/change/"}


def test_it_records_a_cleared_set_of_groups(lena: User) -> None:
    lena.groups.clear()
    event = AuditEvent.objects.filter(kind=AuditKind.PERMISSION_CHANGE).latest("pk")
    assert event.detail == {
        "action": "clear",
        "subject_type": "user",
        "subject": "lena",
        "object_type": "group",
        "objects": [Role.TOWN_LEADER.value],
    }


def test_it_records_rights_changes_made_outside_a_request(lena: User) -> None:
    AuditEvent.objects.all().delete()
    user_assign_roles(user=lena, roles={Role.DEPARTMENT})
    lena.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    lena.is_staff = True
    lena.save()
    lena.save(update_fields=["last_login"])  # not a rights change
    events = AuditEvent.objects.filter(kind=AuditKind.PERMISSION_CHANGE).order_by("pk")
    assert [(e.detail["action"], e.detail.get("objects"), e.username) for e in events] == [
        ("remove", [Role.TOWN_LEADER.value], ""),
        ("add", [Role.DEPARTMENT.value], ""),
        ("add", ["ops.view_auditevent"], ""),
        ("flags", None, ""),
    ]
    assert events.last().detail["changes"] == {"is_staff": [False, True]}  # type: ignore[union-attr]


def test_it_records_a_new_superuser(db: None) -> None:
    User.objects.create_superuser("root", password=PASSWORD)
    event = AuditEvent.objects.get(kind=AuditKind.PERMISSION_CHANGE, detail__subject="root")
    assert event.detail["changes"] == {"is_staff": [False, True], "is_superuser": [False, True]}


def test_it_records_a_groups_permission_change(db: None) -> None:
    group = Group.objects.create(name="临时组")
    group.permissions.add(Permission.objects.get(codename="view_road"))
    event = AuditEvent.objects.get(kind=AuditKind.PERMISSION_CHANGE, detail__subject="临时组")
    assert event.detail == {
        "action": "add",
        "subject_type": "group",
        "subject": "临时组",
        "object_type": "permission",
        "objects": ["registry.view_road"],
    }


def test_it_shows_the_log_to_the_park_office(alice: User) -> None:
    client_for(alice).get("/land/export/vacate.xlsx")
    response = client_for(alice).get("/ops/audit/?kind=export")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/land/export/vacate.xlsx" in page
    assert "共 1 条" in page
    assert 'href="/ops/audit/"' in client_for(alice).get("/").content.decode()


def test_it_filters_the_log_by_user(alice: User, lena: User) -> None:
    Client().post("/accounts/login/", {"username": "lena", "password": "wrong"})
    response = client_for(alice).get("/ops/audit/?kind=login_failed&username=len")
    assert "共 1 条" in response.content.decode()


def test_it_hides_the_log_from_everyone_else(
    lena: User, dora: User, rob: User, olga: User, charlie: User
) -> None:
    for user in (lena, dora, rob, olga, charlie):
        client = client_for(user)
        assert client.get("/ops/audit/").status_code == 403, user
        assert 'href="/ops/audit/"' not in client.get("/").content.decode(), user
    assert Client().get("/ops/audit/").status_code == 302
    key = api_token_issue(user=lena, name="script")
    assert Client().get("/ops/audit/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 302
