"""The API's contract: bad input is a 422 in Chinese in the documented shape, never a 500; the
OpenAPI document names each schema once and documents the errors every operation may answer."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from ninja import Schema
from ninja.responses import NinjaJSONEncoder

from config.api import api
from parkops.common.api import ERROR_STATUSES
from parkops.conftest import client_for
from parkops.registry.tests.factories import EnterpriseFactory

BELOW = {"detail": "数据有误，未保存", "errors": {"year": ["不能小于 1900"]}}
ABOVE = {"detail": "数据有误，未保存", "errors": {"year": ["不能大于 2100"]}}


def _schema() -> dict[str, Any]:
    return json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))


@pytest.mark.parametrize(
    ("method", "url", "body", "expected"),
    [
        ("get", "/api/land/flags?year=0", None, BELOW),
        ("get", "/api/land/flags?year=-1", None, BELOW),
        ("get", "/api/land/flags?year=1000000000", None, ABOVE),
        ("get", "/api/land/completed?year=0&kind=vacate", None, BELOW),
        ("get", "/api/estates/ratings?year=0", None, BELOW),
        ("get", "/api/evaluation/veto-events?year=-1", None, BELOW),
        ("post", "/api/evaluation/runs", {"year": 0}, BELOW),
        ("post", "/api/evaluation/runs", {"year": 1000000000}, ABOVE),
        ("post", "/api/estates/ratings/run", {"year": 0}, BELOW),
        ("put", "/api/enterprises/{pk}/years/0", {"reason": ""}, BELOW),
    ],
)
def test_it_answers_422_in_chinese_to_an_impossible_year(
    alice: User, method: str, url: str, body: dict[str, Any] | None, expected: dict[str, Any]
) -> None:
    url = url.replace("{pk}", str(EnterpriseFactory().pk))
    client = client_for(alice)
    response = getattr(client, method)(url, body, content_type="application/json")
    assert response.status_code == 422
    assert response.json() == expected


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("page=99999999999999999999999", {"page": ["不能大于 100000"]}),
        ("page=0", {"page": ["不能小于 1"]}),
        ("page_size=-1", {"page_size": ["不能小于 1"]}),
        ("page=abc", {"page": ["须为整数"]}),
    ],
)
@pytest.mark.parametrize("path", ["/api/enterprises", "/api/plots", "/api/land/actions"])
def test_it_answers_422_to_an_impossible_page(
    alice: User, path: str, query: str, errors: dict[str, list[str]]
) -> None:
    response = client_for(alice).get(f"{path}?{query}")
    assert response.status_code == 422
    assert response.json() == {"detail": "数据有误，未保存", "errors": errors}


def test_it_answers_404_in_chinese(alice: User) -> None:
    response = client_for(alice).get("/api/enterprises/987654")
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到"}


def test_a_service_refusal_is_the_same_422_shape(alice: User) -> None:
    response = client_for(alice).post(
        "/api/enterprises", {"uscc": "91310000MA1FL0000X", "name": "校验位错误"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "数据有误，未保存"
    assert list(body["errors"]) == ["uscc"]


def test_every_operation_documents_the_error_body_it_sends() -> None:
    schema = _schema()
    error_out = schema["components"]["schemas"]["ErrorOut"]
    assert error_out["required"] == ["detail"]
    assert set(error_out["properties"]) == {"detail", "errors"}
    ref = {"$ref": "#/components/schemas/ErrorOut"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status in ERROR_STATUSES:
                body = operation["responses"][status]["content"]["application/json"]["schema"]
                assert body == ref or ref in body.get("anyOf", []), (method, path, status)


def _parkops_schemas() -> list[type[Schema]]:
    found, todo = [], list(Schema.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("parkops."):
            found.append(cls)
    return found


def test_no_two_schemas_share_a_name() -> None:
    # ninja names each component after its class: a second class of the same name overwrote the
    # first in the document (IndicatorOut, BatchOut).
    _schema()  # builds every response model, importing every router's schemas
    by_name: dict[str, set[str]] = {}
    for cls in _parkops_schemas():
        by_name.setdefault(cls.__name__, set()).add(f"{cls.__module__}.{cls.__qualname__}")
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}


@pytest.mark.django_db
def test_a_deep_page_reads_its_ids_first_and_keeps_the_order(alice: User) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from parkops.registry.tests.factories import EnterpriseFactory

    for n in range(12):
        EnterpriseFactory(name=f"上海分页{n:02d}有限公司")
    client = client_for(alice)
    everything = [e["id"] for e in client.get("/api/enterprises?page_size=1000").json()["items"]]
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/api/enterprises?page=3&page_size=5").json()
    assert [e["id"] for e in page["items"]] == everything[10:15]
    assert page["count"] == len(everything)
    # The OFFSET is taken on the ids alone; the page's rows are then read by id.
    offsets = [q["sql"] for q in queries if "OFFSET" in q["sql"]]
    assert len(offsets) == 1
    assert offsets[0].split("FROM")[0].count(",") == 0  # one column selected: the id
