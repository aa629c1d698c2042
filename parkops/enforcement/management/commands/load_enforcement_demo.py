from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from parkops.enforcement.demo import enforcement_demo_load


class Command(BaseCommand):
    help = "Create demo inspections, findings and penalties on demo enterprises (演示数据). Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        n = enforcement_demo_load()
        self.stdout.write(self.style.SUCCESS(f"Enforcement demo: {n} inspections created"))
