"""schemathesis against the whole API, in-process: every operation, with a token and with a session
(and its CSRF token). Bounded: a few examples per operation. 0 server errors, 0 schema violations."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from ninja.responses import NinjaJSONEncoder
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.api import api
from parkops.accounts.services import api_token_issue

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 8
CSRF_SECRET = "a" * 32  # Django accepts the unmasked secret as the token


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    # As Django's test client does: the request signals must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def plan_and_demo(db: None) -> None:
    call_command("load_plan", verbosity=0)
    call_command("load_demo", count=15, verbosity=0)


def _credentials(how: str, user: User) -> dict[str, dict[str, str]]:
    if how == "token":
        key = api_token_issue(user=user, name="schemathesis")
        return {"headers": {"Authorization": f"Bearer {key}"}, "cookies": {}}
    client = Client()
    client.force_login(user)
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_SECRET}
    return {"headers": {"X-CSRFToken": CSRF_SECRET}, "cookies": cookies}


# The document as served: through ninja's JSON encoder, which renders the lazy Chinese strings.
SCHEMA = json.loads(json.dumps(api.get_openapi_schema(), cls=NinjaJSONEncoder))
OPERATIONS = [result.ok() for result in schemathesis.openapi.from_dict(SCHEMA).get_all_operations()]


def _explore(
    operation: Any, credentials: dict[str, dict[str, str]], app: WSGIHandler, statuses: Counter[int]
) -> None:
    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
        phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(case=operation.as_strategy())
    def run(case: Any) -> None:
        response = case.call(**credentials, app=app)
        statuses[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)

    run()


def test_the_schema_lists_every_operation() -> None:
    assert len(OPERATIONS) >= 35
    assert {"GET /api/enterprises", "POST /api/imports/{kind}"} <= {op.label for op in OPERATIONS}


@pytest.mark.parametrize("how", ["token", "session"])
def test_the_api_keeps_its_contract(
    plan_and_demo: None, alice: User, wsgi_app: WSGIHandler, how: str
) -> None:
    """One test per way of signing in, so the plan and demo data load once for all operations."""
    credentials = _credentials(how, alice)
    failures = []
    statuses: Counter[int] = Counter()
    for operation in OPERATIONS:
        try:
            _explore(operation, credentials, wsgi_app, statuses)
        except Exception as failure:
            failures.append(f"{operation.label}: {failure}")
    assert not failures, "\n\n".join(failures)
    # The park office signed in either way: never refused as unknown or forbidden (a CSRF refusal
    # is a 403), and the fuzzing reached the operations' own answers.
    assert statuses[401] == statuses[403] == 0, statuses
    assert statuses[200] > 100, statuses
