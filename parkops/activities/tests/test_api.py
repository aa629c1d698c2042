"""The activities API: list and detail scoped like the pages, create with a token, refusals."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from parkops.accounts.models import Department
from parkops.accounts.services import api_token_issue
from parkops.activities.models import Activity
from parkops.conftest import client_for
from parkops.registry.models import Enterprise

pytestmark = pytest.mark.django_db


def _body(**changes: object) -> dict[str, object]:
    return {
        "kind": "briefing", "title": "政策宣讲会", "starts_at": "2025-06-10T14:00:00+08:00",
        "place": "服务中心", "topics": "技改补贴", **changes,
    }  # fmt: skip


def test_a_department_creates_an_activity_with_a_token(
    dora: User, eco: Department, firm: Enterprise
) -> None:
    key = api_token_issue(user=dora, name="活动工具")
    response = Client().post(
        "/api/activities", _body(organiser_id=eco.pk, enterprise_ids=[firm.pk]),
        content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}",
    )  # fmt: skip
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["organiser"], body["status"], body["invited"]) == (
        "政策宣讲会", "生态环境", "planned", 1,
    )  # fmt: skip
    assert body["invitations"] == [
        {"enterprise_id": firm.pk, "enterprise": firm.name, "attended": "unknown", "attendees": ""}
    ]
    assert Activity.objects.get().created_by == dora
    got = Client().get(f"/api/activities/{body['id']}", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert got.json()["topics"] == "技改补贴"


def test_create_refusals_are_clear(
    dora: User, rob: User, market: Department, firm: Enterprise
) -> None:
    client = client_for(dora)
    wrong = client.post(
        "/api/activities", _body(organiser_id=market.pk), content_type="application/json"
    )
    assert wrong.status_code == 422
    assert wrong.json()["errors"] == {"organiser_id": ["只能以本部门的名义主办活动。"]}
    bad = client.post(
        "/api/activities", _body(kind="dinner", title=""), content_type="application/json"
    )
    assert bad.status_code == 422
    assert set(bad.json()["errors"]) == {"kind", "title"}
    missing = client.post(
        "/api/activities", _body(enterprise_ids=[987654]), content_type="application/json"
    )
    assert missing.json()["errors"] == {"enterprise_ids": ["企业不存在或不在您负责的范围内。"]}
    refused = client_for(rob).post("/api/activities", _body(), content_type="application/json")
    assert refused.status_code == 403
    assert Activity.objects.count() == 0


def test_an_activity_outside_the_scope_is_not_found(dave: User, briefing: Activity) -> None:
    client = client_for(dave)
    assert client.get(f"/api/activities/{briefing.pk}").status_code == 404
    assert client.get(f"/activities/{briefing.pk}/").status_code == 404


def test_a_time_without_a_zone_is_the_parks_and_a_year_out_of_range_is_refused(
    alice: User,
) -> None:
    client = client_for(alice)
    local = client.post(
        "/api/activities", _body(starts_at="2025-06-10T14:00:00"), content_type="application/json"
    )
    assert local.json()["starts_at"] == "2025-06-10T06:00:00Z"  # 14:00 in Shanghai
    ancient = client.post(
        "/api/activities", _body(starts_at="0001-01-01T00:00:00"), content_type="application/json"
    )
    assert ancient.status_code == 422
    assert ancient.json()["errors"] == {"starts_at": ["年度应在 1900–2100 之间"]}
