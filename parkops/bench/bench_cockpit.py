"""The leaders' cockpit for 10,000 enterprises, as a page answered in-process.

10,000 enterprises with figures for 2024 and 2025 (20,000 annual rows: the indicators read them
all), a published evaluation of 2025 with a result for each, and the plan's targets. Baseline:
the login page in the same run. Measured through Django's test client (routing, middleware, the
session, the template): server time without a network.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

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
    from parkops.evaluation.choices import RunStatus
    from parkops.evaluation.models import EvaluationResult, EvaluationRun, Scheme, SchemeVersion
    from parkops.plan.services import plan_load
    from parkops.registry.models import Enterprise, EnterpriseYear, latest_years_mark

    plan_load()
    role_permissions_sync()
    firms = Enterprise.objects.bulk_create(
        Enterprise(name=f"基准驾驶舱企业{i:05d}", uscc=complete_uscc(f"91310116MC{i:06d}"),
                   is_demo=True)
        for i in range(ENTERPRISES)
    )  # fmt: skip
    EnterpriseYear.objects.bulk_create(
        EnterpriseYear(
            enterprise=f, year=year, revenue=Decimal(1500 + (i * 37) % 4000),
            output_value=Decimal(1500 + (i * 37) % 4000) * Decimal(20 + year - 2024) / 20,
            tax=Decimal(50 + i % 300), land_mu=Decimal(5 + i % 40),
        )
        for i, f in enumerate(firms)
        for year in (2024, 2025)
    )  # fmt: skip
    latest_years_mark()
    scheme = Scheme.objects.create(name="基准方案")
    version = SchemeVersion.objects.create(scheme=scheme, number=1, definition={})
    evaluation = EvaluationRun.objects.create(
        year=2025, scheme_version=version, status=RunStatus.PUBLISHED,
        published_at=timezone.now(), input_hash="0" * 64, input_snapshot=b"",
    )  # fmt: skip
    EvaluationResult.objects.bulk_create(
        EvaluationResult(
            run=evaluation, enterprise=f, evaluation_class="ABCD"[i % 4],
            park_position=ENTERPRISES - i, population_label="规上工业企业",
        )
        for i, f in enumerate(firms)
    )  # fmt: skip
    leader = User.objects.create_user("bench-leader", password="x")
    user_assign_roles(user=leader, roles={Role.TOWN_LEADER})
    office = User.objects.create_user("bench-office", password="x")
    user_assign_roles(user=office, roles={Role.PARK_OFFICE})
    anonymous, as_leader, as_office = (Client(SERVER_NAME="localhost") for _ in range(3))
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    as_leader.force_login(leader)
    as_office.force_login(office)

    def get(client: Client, path: str) -> Callable[[], int]:
        def ask() -> int:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response.status_code

        return ask

    baseline = measure("login page (anonymous)", get(anonymous, "/accounts/login/"), repeat=5)
    others = [
        measure("cockpit, town leader (home page)", get(as_leader, "/"), repeat=3),
        measure("cockpit and to-do, park office (home page)", get(as_office, "/"), repeat=3),
        measure("indicators page (the same scoreboard)", get(as_leader, "/indicators/"), repeat=3),
    ]
    out(
        report(
            f"Cockpit: {ENTERPRISES:,} enterprises, {2 * ENTERPRISES:,} annual rows, "
            f"{ENTERPRISES:,} evaluation results",
            baseline,
            others,
        )
    )
