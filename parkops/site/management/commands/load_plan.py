from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from parkops.execution.services import execution_plan_load
from parkops.indicators.services import indicators_plan_load
from parkops.land.services import land_plan_load
from parkops.plan.services import plan_load


class Command(BaseCommand):
    help = "Load the Caojing plan (漕府〔2024〕11号): small parks, roads, named enterprises, plots, annexes. Idempotent."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        report = plan_load()
        created = dict(report.created)
        created["indicator_targets"] = indicators_plan_load()  # 表 1
        created.update(execution_plan_load())  # 附件 1, 2 and 4
        created["land_actions"] = land_plan_load()  # 附件 3
        summary = ", ".join(f"{kind} +{count}" for kind, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Caojing plan loaded ({summary})"))
