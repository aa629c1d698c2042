"""The requests' API: list and detail scoped, create, transitions with 403 / 409 / 422 / 428."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.contrib.auth.models import User

from parkops.accounts.models import Department
from parkops.conftest import client_for
from parkops.registry.models import Enterprise
from parkops.service.models import ReasonCode, ServiceRequest
from parkops.service.tests.conftest import accept, shanghai

Clock = Callable[[datetime], None]
MONDAY = shanghai(2025, 3, 3, 10)


def test_it_creates_and_walks_a_request_through_the_api(
    at: Clock, rob: User, alice: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    created = client_for(rob).post("/api/service/requests", {
        "enterprise_id": firm.pk, "channel": "phone", "category": "finance", "title": "贴息",
        "text": "申请贴息",
    }, content_type="application/json")  # fmt: skip
    assert created.status_code == 201
    body = created.json()
    assert body["state"] == "accepted"
    assert body["due_at"].startswith("2025-03-10T02:00:00")
    pk = body["id"]

    def act(user: User, action: str, payload: dict[str, object]) -> tuple[int, dict]:
        response = client_for(user).post(
            f"/api/service/requests/{pk}/{action}", payload, content_type="application/json"
        )
        return response.status_code, response.json()

    assert act(alice, "dispatch", {"department_id": eco.pk})[0] == 428  # no version
    status, body = act(alice, "dispatch", {"department_id": eco.pk, "version": body["version"]})
    assert status == 200
    assert body["department"] == "生态环境"
    stale = body["version"]
    at(shanghai(2025, 3, 3, 11))
    status, body = act(dora, "sign", {"version": stale})
    assert status == 200
    assert act(dora, "answer", {"version": stale, "answer": "x"})[0] == 409
    status, refused = act(dora, "close", {"version": body["version"]})
    assert status == 403
    assert refused["detail"] == "您无权办结此诉求。"
    status, refused = act(dora, "sign", {"version": body["version"]})
    assert status == 422
    assert refused["errors"] == {"__all__": ["诉求当前状态为“办理”，不能签收。"]}


def test_the_api_lists_only_the_requests_in_scope(
    at: Clock, rob: User, alice: User, dave: User, firm: Enterprise, stranger: Enterprise
) -> None:
    at(MONDAY)
    mine = accept(rob, firm, MONDAY)
    accept(alice, stranger, MONDAY)
    assert [r["id"] for r in client_for(rob).get("/api/service/requests").json()["items"]] == [
        mine.pk
    ]
    assert client_for(dave).get("/api/service/requests").json()["items"] == []
    assert client_for(alice).get("/api/service/requests").json()["count"] == 2
    other = ServiceRequest.objects.exclude(pk=mine.pk).get()
    assert client_for(rob).get(f"/api/service/requests/{other.pk}").status_code == 404


def test_closure_without_a_reason_is_a_422(
    at: Clock, rob: User, alice: User, dora: User, firm: Enterprise, eco: Department
) -> None:
    at(MONDAY)
    request = accept(rob, firm, MONDAY)
    from parkops.service import services as svc
    from parkops.service import services_closure as closure

    svc.request_dispatch(request=request, user=alice, department=eco)
    svc.request_sign(request=request, user=dora)
    svc.request_answer(request=request, user=dora, answer="已办")
    closure.request_rate(request=request, user=rob, efficiency="satisfied", attitude="satisfied",
                         result="satisfied")  # fmt: skip
    request.refresh_from_db()
    from parkops.common.versioning import version_of

    response = client_for(alice).post(
        f"/api/service/requests/{request.pk}/close", {"version": version_of(request)},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"] == {"reason": ["须选择原因代码。"], "text": ["须填写说明。"]}
    reason = ReasonCode.objects.get(kind="close", code="solved")
    response = client_for(alice).post(
        f"/api/service/requests/{request.pk}/close",
        {"version": version_of(request), "reason_id": reason.pk, "text": "已解决"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["state"] == "closed"
