"""The due-visit list and the coverage for 10,000 enterprises, as pages answered in-process.

10,000 enterprises over the six roads and 100 micro-grids, 5 visits each in the past year
(50,000 visits). Baseline: the login page in the same run. Measured through Django's test client
(routing, middleware, the session, the template): server time without a network.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from parkops.bench.harness import measure, report

ENTERPRISES = 10_000


def run(out: Callable[[str], None]) -> None:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client
    from django.utils import timezone

    from parkops.accounts.roles import Role
    from parkops.accounts.services import role_permissions_sync, user_assign_roles
    from parkops.core.uscc import complete_uscc
    from parkops.plan.services import plan_load
    from parkops.registry.models import Enterprise, Grid, Road
    from parkops.visits.models import Visit, VisitCycle, last_visits_mark

    plan_load()
    role_permissions_sync()
    # `flush` emptied the seeded cycles: put the default back.
    for tier, interval, unit in (
        ("key", 1, "months"), ("above_scale", 1, "months"), ("new_arrival", 1, "months"),
        ("class_d", 1, "months"), ("bottom_30", 1, "months"), ("other", 3, "months"),
    ):  # fmt: skip
        VisitCycle.objects.create(tier=tier, interval=interval, unit=unit)
    roads = list(Road.objects.all())
    grids = Grid.objects.bulk_create(
        Grid(name=f"基准网格{i}", road=roads[i % len(roads)]) for i in range(100)
    )
    firms = Enterprise.objects.bulk_create(
        Enterprise(
            name=f"基准走访企业{i:05d}",
            uscc=complete_uscc(f"91310116MB{i:06d}"),
            road=roads[i % len(roads)],
            grid=grids[i % len(grids)],
            is_demo=True,
        )
        for i in range(ENTERPRISES)
    )
    today = timezone.localdate()
    Visit.objects.bulk_create(
        Visit(
            enterprise=f, visited_on=today - timedelta(days=30 + 70 * k + i % 40), discussed="基准"
        )
        for i, f in enumerate(firms)
        for k in range(5)
    )
    last_visits_mark()
    office = User.objects.create_user("bench-office", password="x")
    user_assign_roles(user=office, roles={Role.PARK_OFFICE})
    chief = User.objects.create_user("bench-chief", password="x")
    user_assign_roles(user=chief, roles={Role.ROAD_CHIEF})
    roads[0].chiefs.add(chief)
    # A host the settings allow; static URLs without the collected manifest (no collectstatic).
    anonymous, signed_in, road_chief = (Client(SERVER_NAME="localhost") for _ in range(3))
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    signed_in.force_login(office)
    road_chief.force_login(chief)

    def get(client: Client, path: str) -> Callable[[], int]:
        def ask() -> int:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            if response.streaming:
                b"".join(response.streaming_content)  # type: ignore[attr-defined]
            return response.status_code

        return ask

    baseline = measure("login page (anonymous)", get(anonymous, "/accounts/login/"), repeat=5)
    others = [
        measure("cycles page (signed in, six rows)", get(signed_in, "/visits/cycles/"), repeat=5),
        measure(
            "due list, park office, 10,000 firms (page 1)", get(signed_in, "/visits/due/"), repeat=3
        ),
        measure("due list, overdue only", get(signed_in, "/visits/due/?status=overdue"), repeat=3),
        measure(
            "due list as .xlsx (10,000 rows)", get(signed_in, "/visits/due/?format=xlsx"), repeat=2
        ),
        measure(
            "due list, road chief (1/6 of the park)", get(road_chief, "/visits/due/"), repeat=3
        ),
        measure(
            "coverage by road, this year",
            get(signed_in, f"/visits/coverage/?year={today.year}"),
            repeat=2,
        ),
        measure("visit list (50,000 visits, page 1)", get(signed_in, "/visits/"), repeat=3),
    ]
    out(
        report(f"Visits: {ENTERPRISES:,} enterprises, {5 * ENTERPRISES:,} visits", baseline, others)
    )
