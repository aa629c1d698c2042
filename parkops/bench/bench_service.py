"""The request list with 10,000 requests (诉求), as the park office asks it, against the login
page in the same run (the server time of both through Django's test client, in-process).

10,000 requests on 3,000 demo enterprises over a year, a third of them still open; the page
shows 50 of them with their escalation computed on the working-day calendar.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from parkops.bench.harness import measure, report

REQUESTS = 10_000


def run(out: Callable[[str], None]) -> None:
    from django.contrib.auth.models import User
    from django.test import Client
    from django.test.utils import override_settings

    from parkops.accounts.models import Department
    from parkops.accounts.roles import Role
    from parkops.accounts.services import role_permissions_sync, user_assign_roles
    from parkops.core.workdays import SHANGHAI
    from parkops.demo.services import demo_load
    from parkops.plan.services import plan_load
    from parkops.registry.models import Enterprise
    from parkops.service.choices import Category, Channel, RequestState
    from parkops.service.models import ServiceRequest
    from parkops.service.reference import service_reference_load

    plan_load()
    demo_load(count=3_000)
    service_reference_load()  # `flush` emptied what the migrations seeded
    role_permissions_sync()
    user = User.objects.create_user("bench-office")
    user_assign_roles(user=user, roles={Role.PARK_OFFICE})
    rng = random.Random(7)
    enterprises = list(Enterprise.objects.filter(is_demo=True).values_list("pk", flat=True))
    departments = list(Department.objects.all())
    start = datetime(2025, 6, 2, 10, tzinfo=SHANGHAI)
    states = [RequestState.CLOSED] * 6 + [RequestState.HANDLING, RequestState.DISPATCHED,
                                          RequestState.ANSWERED]  # fmt: skip
    rows = []
    for n in range(REQUESTS):
        received = start + timedelta(hours=rng.randrange(24 * 360))
        rows.append(ServiceRequest(
            channel=rng.choice(list(Channel)), category=rng.choice(list(Category)),
            enterprise_id=rng.choice(enterprises), title=f"基准诉求{n}", text="用电增容",
            state=rng.choice(states), department=rng.choice(departments), received_at=received,
            clock_started_at=received, limit_days=5, contact_due=received + timedelta(days=1),
            interim_due=received + timedelta(days=3), warn_at=received + timedelta(days=5),
            due_at=received + timedelta(days=7), created_by=user, is_demo=True,
        ))  # fmt: skip
    ServiceRequest.objects.bulk_create(rows, batch_size=2_000)

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, WHITENOISE_USE_FINDERS=True, ALLOWED_HOSTS=["*"]):
        anonymous, client = Client(), Client()
        client.force_login(user)

        def get(c: Client, path: str, **headers: str) -> None:
            response = c.get(path, **headers)  # type: ignore[arg-type]
            assert response.status_code == 200, (path, response.status_code)

        get(client, "/service/requests/")  # warm: templates, calendar, translations
        baseline = measure(
            "baseline: the login page", lambda: get(anonymous, "/accounts/login/"), repeat=5
        )
        page = measure(f"request list, {REQUESTS:,} requests (page 1 of 50)",
                       lambda: get(client, "/service/requests/"), repeat=5)  # fmt: skip
        filtered = measure("request list filtered (state=办理, q=基准诉求1)",
                           lambda: get(client, "/service/requests/?state=handling&q=基准诉求1",
                                       HTTP_HX_REQUEST="true"), repeat=5)  # fmt: skip
        overdue = measure("request list, overdue only, sorted by deadline",
                          lambda: get(client, "/service/requests/?overdue=true&sort=due_at"),
                          repeat=5)  # fmt: skip
    out(report("Requests (诉求)", baseline, [page, filtered, overdue]))
