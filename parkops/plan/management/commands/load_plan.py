from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from parkops.land.services import land_plan_load
from parkops.plan.services import plan_load


class Command(BaseCommand):
    help = "Load the Caojing plan (漕府〔2024〕11号): small parks, roads, named enterprises, plots. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        report = plan_load()
        report.created["land_actions"] = land_plan_load()  # 附件 3 into the land app
        summary = ", ".join(f"{kind} +{count}" for kind, count in report.created.items())
        self.stdout.write(self.style.SUCCESS(f"Caojing plan loaded ({summary})"))
