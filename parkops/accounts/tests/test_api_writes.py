"""Every write operation of the API, listed from the OpenAPI schema: a token client may write, a
cookie client must send its CSRF token, and an unknown caller is 401 whatever header it sends."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from config.api import api
from parkops.accounts.services import api_token_issue
from parkops.registry.models import Enterprise
from parkops.registry.tests.factories import EnterpriseFactory

WRITE_METHODS = {"post", "put", "patch", "delete"}


def _write_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    found = [
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in WRITE_METHODS
    ]
    return sorted(found)


WRITES = _write_operations()


def _url(path: str) -> str:
    # An id that matches nothing: the operation answers 404/422 after authenticating, not 401/403.
    return re.sub(r"\{(\w+)\}", lambda m: "import-kind" if m[1] == "kind" else "2024", path)


def _send(client: Client, method: str, path: str, **extra: str) -> int:
    response = client.generic(method, _url(path), "{}", content_type="application/json", **extra)
    return response.status_code


def test_the_schema_lists_the_write_operations() -> None:
    # Guards the generator itself: a wrong walk of the schema would test nothing.
    assert ("POST", "/api/imports/{kind}") in WRITES
    assert ("PUT", "/api/enterprises/{pk}/years/{year}") in WRITES
    assert len(WRITES) >= 10


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_it_lets_a_token_client_write(alice: User, method: str, path: str) -> None:
    key = api_token_issue(user=alice, name="脚本")
    client = Client(enforce_csrf_checks=True)
    status = _send(client, method, path, HTTP_AUTHORIZATION=f"Bearer {key}")
    # Authenticated and allowed: what remains is the body or the id (400/404/422), or success.
    assert status in {200, 201, 400, 404, 422}


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_it_refuses_a_session_write_without_csrf_token(alice: User, method: str, path: str) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.generic(method, _url(path), "{}", content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {"detail": "CSRF check Failed"}


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_it_lets_a_session_write_with_its_csrf_token(alice: User, method: str, path: str) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    client.get("/enterprises/")  # the page sets the CSRF cookie, as in a browser
    token = client.cookies["csrftoken"].value
    assert _send(client, method, path, HTTP_X_CSRFTOKEN=token) in {200, 201, 400, 404, 422}


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_it_answers_401_to_a_wrong_token(db: None, method: str, path: str) -> None:
    client = Client(enforce_csrf_checks=True)
    assert _send(client, method, path, HTTP_AUTHORIZATION="Bearer wrong") == 401


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_it_refuses_a_readers_token_as_forbidden(lena: User, method: str, path: str) -> None:
    key = api_token_issue(user=lena, name="报表工具")
    client = Client(enforce_csrf_checks=True)
    status = _send(client, method, path, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert status in {403, 404, 422}


def test_a_token_client_creates_an_enterprise(alice: User) -> None:
    key = api_token_issue(user=alice, name="脚本")
    payload = {"uscc": EnterpriseFactory.build().uscc, "name": "令牌新建企业"}
    response = Client(enforce_csrf_checks=True).post(
        "/api/enterprises", payload, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert Enterprise.objects.get(name="令牌新建企业").uscc == payload["uscc"]


@pytest.mark.parametrize(
    "header", ["Bearer wrong", "Bearer ", "Basic YWxpY2U6eA==", "Token abc", "garbage", ""]
)
@pytest.mark.parametrize("path", ["/api/no-such-path", "/api/enterprises", "/api/openapi.json"])
def test_it_answers_401_to_an_unknown_caller_whatever_header(
    db: None, header: str, path: str
) -> None:
    response = Client().get(path, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json() == {"detail": "需要登录"}


def test_a_token_client_reads_the_openapi_schema(lena: User) -> None:
    key = api_token_issue(user=lena, name="报表工具")
    response = Client().get("/api/openapi.json", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "ParkOps API"


def test_a_token_client_meets_404_on_an_unknown_path(lena: User) -> None:
    key = api_token_issue(user=lena, name="报表工具")
    response = Client().get("/api/no-such-path", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 404
