"""A list refuses alike on the page and in the API: a role the page answers 403 gets 403 from the
API too (not `200 []`), and a role the page lets in is let into the API.

The pairs come from the URL resolver and the OpenAPI (parkops/testing/routes.py): every API list
(a GET without path parameters) is paired with the page at the same path, or with the page named
below; an API list with no page must be named as such, so a new app's list is compared too."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.testing.routes import api_routes, page_routes

# API lists whose page sits at another path.
PAGE_OF = {
    "/api/land/actions": "/land/",
    "/api/evaluation/runs": "/evaluation/",
    "/api/attraction/board": "/attraction/",
    "/api/visits/visits": "/visits/",
    "/api/matching/sessions": "/matching/",
}
# API lists with no page of their own (read by other pages' panels or by clients).
NO_PAGE = {"/api/roads", "/api/land/completed"}
ROLES = ("alice", "lena", "dora", "rob", "olga", "charlie")


def _pairs() -> list[tuple[str, str]]:
    pages = {route.template for route in page_routes() if not route.params}
    pairs = []
    for route in api_routes(methods=("get",)):
        if route.params or route.template in NO_PAGE:
            continue
        page = PAGE_OF.get(route.template, route.template.removeprefix("/api") + "/")
        assert page in pages, f"{route.key}: no list page at {page}; pair it in PAGE_OF or NO_PAGE"
        # Required query parameters get a value the API accepts (a choice, or a year).
        query = [(q.name, q.choices[0] if q.choices else "2025") for q in route.query if q.required]
        api = route.template + ("?" + "&".join(f"{k}={v}" for k, v in query) if query else "")
        pairs.append((page, api))
    return pairs


def _refused(status: int) -> bool:
    assert status in (200, 403), status
    return status == 403


@pytest.mark.parametrize("role", ROLES)
def test_it_refuses_a_list_on_the_page_and_in_the_api_alike(
    role: str, request: pytest.FixtureRequest
) -> None:
    user: User = request.getfixturevalue(role)
    client = client_for(user)
    pairs = _pairs()
    assert len(pairs) >= 14  # every app's lists, not an empty walk
    found = {
        (page, api): (
            _refused(client.get(page).status_code),
            _refused(client.get(api).status_code),
        )
        for page, api in pairs
    }
    differing = {pair: result for pair, result in found.items() if result[0] != result[1]}
    assert differing == {}, "(page refused, API refused)"


def test_a_road_chief_is_refused_the_import_log_by_page_and_api(rob: User) -> None:
    client = client_for(rob)
    assert client.get("/imports/").status_code == 403
    response = client.get("/api/imports")
    assert response.status_code == 403
    assert response.json() == {"detail": "您没有执行此操作的权限"}
