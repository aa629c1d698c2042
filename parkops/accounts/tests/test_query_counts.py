"""The number of database queries of every page, pinned per app (NetBox keeps them the same way).

Each page of the URL resolver that answers HTML is asked by the park office on the seeded world
(several enterprises, plots and small parks, each with figures, results, history …), so a query
run once per row (N+1) changes the count. The counts live in `parkops/<app>/tests/
query_counts.json`. When a page's queries change on purpose, rewrite the files with
`PARKOPS_QUERY_COUNTS=write .venv/bin/pytest parkops/accounts/tests/test_query_counts.py`
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parkops.accounts.roles import Role
from parkops.accounts.services import user_assign_roles
from parkops.accounts.tests.test_scope_walk import OPEN_PAGES, PARAM_KINDS
from parkops.conftest import client_for
from parkops.registry.models import Enterprise, EnterpriseYear
from parkops.registry.services import enterprise_update, enterprise_year_save
from parkops.testing.routes import page_routes
from parkops.testing.world import PASSWORD, world_seed

PARKOPS = Path(__file__).resolve().parents[2]


# URL namespaces that are not their app's label: the job pages (`jobs:`) are the ops app's.
NAMESPACE_APPS = {"jobs": "ops"}


def _counts_file(app: str) -> Path:
    return PARKOPS / app / "tests" / "query_counts.json"


def _pinned() -> dict[str, dict[str, int]]:
    pinned = {}
    for path in sorted(PARKOPS.glob("*/tests/query_counts.json")):
        pinned[path.parent.parent.name] = json.loads(path.read_text())
    return pinned


def _edit_history(enterprise_pk: int) -> None:
    """Corrections on the enterprise the pages show: history rows with a diff, on several years,
    so that a query per history row (its previous version, its subject) shows in the count."""
    enterprise = Enterprise.objects.get(pk=enterprise_pk)
    for n in (1, 2):
        enterprise_update(enterprise=enterprise, data={"address": f"界内路{n}号"}, reason="核对")
        for record in EnterpriseYear.objects.filter(enterprise=enterprise):
            enterprise_year_save(
                enterprise=enterprise, record=record, data={"employees": 50 + n}, reason="更正"
            )


@pytest.mark.django_db
def test_every_page_runs_its_pinned_number_of_queries() -> None:
    world = world_seed()
    office = User.objects.create_user(username="alice", password=PASSWORD)
    user_assign_roles(user=office, roles={Role.PARK_OFFICE})
    client = client_for(office)
    values: dict[str, object] = {**world.scopes[Role.TOWN_LEADER.value].inside}
    _edit_history(values["enterprise"])  # type: ignore[arg-type]
    for kind, shared in world.shared.items():
        values[kind] = shared[0] if isinstance(shared, list) else shared
    measured: dict[str, dict[str, int]] = {}
    for route in page_routes():
        if route.key in OPEN_PAGES:
            continue
        kinds = PARAM_KINDS.get(route.key, {})
        if any(kind.startswith("=") for kind in kinds.values()):
            continue  # a file download (template, export), not a page
        path = route.fill({param: values[kind] for param, kind in kinds.items()})
        client.get(path)  # warm the caches (content types, sessions) a first request fills
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        namespace = route.key.split(":")[0] if ":" in route.key else "web"  # the home page
        app = NAMESPACE_APPS.get(namespace, namespace)
        measured.setdefault(app, {})[route.key] = len(queries)

    if os.environ.get("PARKOPS_QUERY_COUNTS") == "write":
        for app, counts in measured.items():
            _counts_file(app).write_text(json.dumps(dict(sorted(counts.items())), indent=2) + "\n")
    pinned = _pinned()
    changed = [
        f"{key}: {pinned.get(app, {}).get(key)} pinned, {count} now"
        for app, counts in sorted(measured.items())
        for key, count in sorted(counts.items())
        if pinned.get(app, {}).get(key) != count
    ]
    stale = [
        f"{key}: pinned, no longer a page"
        for app, counts in pinned.items()
        for key in counts
        if key not in measured.get(app, {})
    ]
    assert not changed + stale, "\n".join(changed + stale)
    assert sum(len(c) for c in measured.values()) > 40  # the walk reached the pages
