"""Every page, export, HTMX partial and API answer, asked as each role, shows only its scope.

The routes come from the URL resolver and the OpenAPI schema (parkops/testing/routes.py), so a
route added tomorrow is walked too; one that takes path parameters must say below which record
each parameter names. The world (parkops/testing/world.py) has enterprises, plots and small parks
inside and outside the road chief's road and the small-park owner's park, with unique names; a
name found in a response is a record shown.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from django.contrib.auth.models import User
from django.test import Client
from python_calamine import CalamineWorkbook

from parkops.accounts.roles import Role
from parkops.conftest import client_for
from parkops.registry.models import Road
from parkops.registry.tests.factories import EnterpriseFactory, LandPlotFactory
from parkops.testing.routes import Route, api_routes, page_routes
from parkops.testing.world import NO_ROLE, World, world_seed

# What each path parameter names, per route. A scoped kind (enterprise, plot, smallpark, project,
# cultivation, action, control, batch, tenancy, vacancy, veto, job, request, attachment,
# designation, activity) is filled with
# a record inside the role's scope, then with one outside it; "=value" is a literal.
PARAM_KINDS: dict[str, dict[str, str]] = {
    "registry:enterprise_detail": {"pk": "enterprise"},
    "registry:enterprise_edit": {"pk": "enterprise"},
    "registry:year_new": {"pk": "enterprise"},
    "registry:year_edit": {"pk": "enterprise", "year": "year"},
    "registry:designation_new": {"pk": "enterprise"},
    "registry:designation_edit": {"pk": "enterprise", "item": "designation"},
    "registry:designation_end": {"pk": "enterprise", "item": "designation"},
    "registry:smallpark_detail": {"pk": "smallpark"},
    "registry:smallpark_edit": {"pk": "smallpark"},
    "registry:plot_detail": {"pk": "plot"},
    "evaluation:run_detail": {"pk": "run"},
    "evaluation:run_publish": {"pk": "run"},
    "evaluation:run_delete": {"pk": "run"},
    "evaluation:run_bottom": {"pk": "run"},
    "evaluation:run_results": {"pk": "run"},
    "evaluation:run_notice": {"pk": "run"},
    "evaluation:run_handbook": {"pk": "run"},
    "evaluation:what_if": {"pk": "run", "enterprise_pk": "enterprise"},
    "evaluation:scheme_detail": {"pk": "scheme"},
    "evaluation:scheme_edit": {"pk": "scheme"},
    "evaluation:scheme_copy": {"pk": "scheme"},
    "evaluation:scheme_form_edit": {"pk": "scheme"},
    "evaluation:scheme_export": {"pk": "scheme"},
    "evaluation:veto_detail": {"pk": "veto"},
    "execution:project_detail": {"pk": "project"},
    "execution:milestone_edit": {"pk": "project"},
    "execution:cultivation_detail": {"pk": "cultivation"},
    "execution:cultivation_edit": {"pk": "cultivation"},
    "execution:infra_detail": {"pk": "infra"},
    "execution:infra_edit": {"pk": "infra"},
    "indicators:cell_detail": {"number": "number", "year": "year"},
    "land:action_detail": {"pk": "action"},
    "land:action_edit": {"pk": "action"},
    "land:action_export": {"kind": "=vacate"},
    "land:control_edit": {"pk": "control"},
    "land:resettlement": {"pk": "batch"},
    "land:plot_land": {"pk": "plot"},
    "land:plot_progress": {"pk": "plot"},
    "land:plot_occupant_new": {"pk": "plot"},
    "smallparks:estate": {"pk": "smallpark"},
    "maps:plot_card": {"pk": "plot"},
    "maps:park_card": {"pk": "smallpark"},
    "smallparks:estate_add": {"pk": "smallpark", "what": "=tenancy"},
    "smallparks:tenancy_end": {"pk": "smallpark", "item": "tenancy"},
    "smallparks:vacancy_let": {"pk": "smallpark", "item": "vacancy"},
    "imports:preview": {"pk": "import"},
    "imports:confirm": {"pk": "import"},
    "imports:undo": {"pk": "import"},
    "imports:template": {"kind": "=enterprises"},
    "jobs:detail": {"pk": "job"},
    "jobs:download": {"pk": "job"},
    "jobs:retry": {"pk": "job"},
    "GET /api/jobs/{pk}": {"pk": "job"},
    "service:request_detail": {"pk": "request"},
    "service:request_act": {"pk": "request", "action": "=sign"},
    "service:attachment_upload": {"pk": "request"},
    "service:attachment_download": {"pk": "attachment"},
    "GET /api/service/requests/{pk}": {"pk": "request"},
    "visits:visit_detail": {"pk": "visit"},
    "visits:visit_edit": {"pk": "visit"},
    "visits:photo": {"pk": "photo"},
    "visits:policy_detail": {"pk": "policy"},
    "GET /api/visits/visits/{pk}": {"pk": "visit"},
    "GET /api/visits/policies/{pk}": {"pk": "policy"},
    "GET /api/visits/policies/{pk}/enterprises": {"pk": "policy"},
    "matching:session_detail": {"pk": "session"},
    "matching:session_edit": {"pk": "session"},
    "matching:session_propose": {"pk": "session"},
    "matching:pair_edit": {"pk": "pair"},
    "matching:profile_edit": {"pk": "enterprise"},
    "GET /api/matching/profiles/{pk}": {"pk": "enterprise"},
    "GET /api/matching/sessions/{pk}": {"pk": "session"},
    "enforcement:inspection_detail": {"pk": "inspection"},
    "enforcement:photo": {"pk": "finding_photo"},
    "enforcement:plan_detail": {"pk": "plan"},
    "enforcement:plan_edit": {"pk": "plan"},
    "enforcement:plan_target_add": {"pk": "plan"},
    "enforcement:plan_target_remove": {"pk": "plan", "target": "=1"},
    "enforcement:accident_detail": {"pk": "accident"},
    "GET /api/enforcement/inspections/{pk}": {"pk": "inspection"},
    "attraction:lead_detail": {"pk": "lead"},
    "attraction:lead_edit": {"pk": "lead"},
    "attraction:lead_act": {"pk": "lead"},
    "attraction:commitment_edit": {"pk": "lead"},
    "attraction:screening_memo": {"pk": "screening"},
    # An archived briefing is a stored file of the whole park's (no scoped record); its readers
    # are tested in briefings/tests/test_views.py.
    "briefings:briefing_download": {"pk": "=1"},
    "GET /api/attraction/leads/{pk}": {"pk": "lead"},
    "GET /api/attraction/leads/{pk}/matches": {"pk": "lead"},
    "activities:activity_detail": {"pk": "activity"},
    "activities:activity_edit": {"pk": "activity"},
    "activities:attendance": {"pk": "activity"},
    "activities:requests_new": {"pk": "activity"},
    "GET /api/activities/{pk}": {"pk": "activity"},
    "GET /api/enterprises/{pk}": {"pk": "enterprise"},
    "GET /api/enterprises/{pk}/years": {"pk": "enterprise"},
    "GET /api/small-parks/{pk}": {"pk": "smallpark"},
    "GET /api/plots/{pk}": {"pk": "plot"},
    "GET /api/projects/{pk}": {"pk": "project"},
    "GET /api/cultivation/{pk}": {"pk": "cultivation"},
    "GET /api/indicators/{number}": {"number": "number"},
    "GET /api/land/actions/{pk}": {"pk": "action"},
    "GET /api/estates/{pk}/occupancy": {"pk": "smallpark"},
    "GET /api/evaluation/runs/{pk}": {"pk": "run"},
    "GET /api/evaluation/runs/{pk}/results": {"pk": "run"},
    "GET /api/evaluation/runs/{pk}/bottom": {"pk": "run"},
    "GET /api/evaluation/enterprises/{pk}/evaluation": {"pk": "enterprise"},
    "GET /api/evaluation/veto-events/{pk}": {"pk": "veto"},
}
# Each page is asked as a browser asks it, as an HTMX request (the partial), and for its .xlsx
# of a year (pages that take neither ignore the query).
VARIANTS: list[tuple[str, dict[str, str]]] = [
    ("", {}),
    ("", {"HTTP_HX_REQUEST": "true"}),
    ("?format=xlsx&year=2025", {}),
]
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
RESTRICTED = [Role.ROAD_CHIEF.value, Role.GRID_OFFICER.value, Role.SMALL_PARK_OWNER.value, NO_ROLE]
PARK_WIDE = [Role.TOWN_LEADER.value, Role.DEPARTMENT.value]


def _routes() -> list[Route]:
    return page_routes() + api_routes(methods=["get"])


def _text(content_type: str, body: bytes) -> str:
    """Everything a person or a client reads in the response, as text."""
    if content_type.startswith("application/vnd.openxmlformats-officedocument.spreadsheetml"):
        book = CalamineWorkbook.from_filelike(io.BytesIO(body))
        return "\n".join(
            "\t".join(str(cell) for cell in row)
            for name in book.sheet_names
            for row in book.get_sheet_by_name(name).to_python()
        )
    if content_type.startswith("application/vnd.openxmlformats-officedocument"):
        with zipfile.ZipFile(io.BytesIO(body)) as docx:
            return "\n".join(docx.read(n).decode() for n in docx.namelist() if n.endswith(".xml"))
    if content_type.startswith("image/"):
        return ""  # a photo shows no name; who may fetch it at all is what the walk checks
    text = body.decode()
    if content_type.startswith("application/json"):
        # JSON escapes Chinese as \uXXXX; read it back so the names are greppable.
        return json.dumps(json.loads(text), ensure_ascii=False) if text else ""
    # A page's chart data (json_script) escapes the same way: read it with the page.
    return text + _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _fillings(route: Route, world: World, role: str, side: str) -> list[dict[str, object]]:
    """The route's parameters filled inside the role's scope, or with one record outside it
    (none when the route names no scoped record); a shared list is walked value by value."""
    scope = world.scopes[role]
    fillings: list[dict[str, object]] = [{}]
    swapped = False
    for param, kind in PARAM_KINDS.get(route.key, {}).items():
        choices: list[object]
        if kind.startswith("="):
            choices = [kind[1:]]
        elif kind in world.shared:
            shared = world.shared[kind]
            choices = list(shared) if isinstance(shared, list) else [shared]
        elif side == "outside" and kind in scope.outside and not swapped:
            choices = [scope.outside[kind]]
            swapped = True
        else:
            choices = [scope.inside[kind]]
        fillings = [{**f, param: c} for f in fillings for c in choices]
    return fillings if side == "inside" or swapped else []


def _api_queries(route: Route) -> list[str]:
    """The API operation's query: its required parameters (each value of an enum), the year,
    and a page big enough that no record hides on a second page."""
    fixed = {"year": "2025", "page_size": "1000"}
    queries = [""]
    for param in route.query:
        if param.name in fixed:
            queries = [f"{q}&{param.name}={fixed[param.name]}" for q in queries]
        elif param.choices:
            queries = [f"{q}&{param.name}={c}" for q in queries for c in param.choices]
        else:
            assert not param.required, f"{route.key}: say how to fill ?{param.name}="
    return ["?" + q.lstrip("&") if q else "" for q in queries]


def _walk(client: Client, route: Route, path: str) -> list[tuple[str, int, str]]:
    """(asked, status, body text) for each variant of the route."""
    answers = []
    variants = [(q, {}) for q in _api_queries(route)] if route.is_api else VARIANTS
    for query, headers in variants:
        response = client.get(path + query, **headers)  # type: ignore[arg-type]
        assert response.status_code < 500, f"{path}{query} answered {response.status_code}"
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[arg-type]
        answers.append(
            (path + query, response.status_code, _text(response.get("Content-Type", ""), body))
        )
    return answers


def test_every_route_with_parameters_says_what_they_name() -> None:
    undeclared = [r.key for r in _routes() if r.params and r.key not in PARAM_KINDS]
    assert undeclared == []
    stale = set(PARAM_KINDS) - {r.key for r in _routes()}
    assert stale == set()


@pytest.mark.django_db
@pytest.mark.parametrize("role", RESTRICTED + PARK_WIDE)
def test_no_page_export_or_api_answer_names_a_record_outside_the_scope(role: str) -> None:
    world = world_seed()
    client = client_for(world.scopes[role].user)
    forbidden = world.forbidden(role)
    leaks: list[str] = []
    refused: list[str] = []
    shown = 0
    for route in _routes():
        for values in _fillings(route, world, role, "inside"):
            for asked, status, text in _walk(client, route, route.fill(values)):
                shown += status == 200
                leaks += [f"{asked}: {name}" for name in sorted(forbidden) if name in text]
        for values in _fillings(route, world, role, "outside"):
            for asked, status, text in _walk(client, route, route.fill(values)):
                if status not in (302, 403, 404, 405):
                    refused.append(f"{asked} answered {status}")
                leaks += [f"{asked}: {name}" for name in sorted(forbidden) if name in text]
    assert not leaks, "\n".join(leaks)
    assert not refused, "\n".join(refused)
    if role != NO_ROLE:
        assert shown > 60  # the walk reached the pages, not only refusals


# Pages anyone may open: the login, and the language switch that works on it.
OPEN_PAGES = {"login", "set_language"}


@pytest.mark.django_db
def test_every_route_refuses_an_anonymous_caller() -> None:
    """Pages send an anonymous visitor to the login; every API operation answers 401."""
    client = Client()
    wrong = []
    for route in page_routes():
        if route.key in OPEN_PAGES:
            continue
        path = route.fill(dict.fromkeys(route.params, 1))
        response = client.get(path)
        if response.status_code != 302 or "/accounts/login/" not in response["Location"]:
            wrong.append(f"GET {path} answered {response.status_code}")
    for route in api_routes():
        path = route.fill(dict.fromkeys(route.params, 1))
        response = client.generic(route.method, path)
        if response.status_code != 401:
            wrong.append(f"{route.method} {path} answered {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_a_plot_is_not_found_by_the_name_of_a_holder_outside_the_scope(
    rob: User, alice: User, pingye: Road, yuegong: Road
) -> None:
    stranger = EnterpriseFactory(name="上海别路持地有限公司", road=yuegong)
    plot = LandPlotFactory(name="平业路租地", road=pingye, holder=stranger)
    assert [p["id"] for p in client_for(alice).get("/api/plots?q=别路持地").json()["items"]] == [
        plot.pk
    ]
    assert client_for(rob).get("/api/plots?q=别路持地").json()["items"] == []
    assert [p["id"] for p in client_for(rob).get("/api/plots?q=平业路租地").json()["items"]] == [
        plot.pk
    ]
