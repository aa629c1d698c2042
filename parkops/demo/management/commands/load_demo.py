from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from parkops.core.demo import DEFAULT_SEED
from parkops.demo.services import demo_load
from parkops.service.demo import service_demo_load
from parkops.visits.demo import visits_demo_load


class Command(BaseCommand):
    help = (
        "Create the fictional demo enterprises (演示数据), their 2023–2025 figures and a year of "
        "visits. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--count", type=int, default=300, help="how many demo enterprises (default 300)"
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="random seed (same seed, same data)"
        )

    def handle(self, *args: Any, count: int, seed: int, **options: Any) -> None:
        created = demo_load(count=count, seed=seed)
        requests = service_demo_load(seed=seed)
        visits = visits_demo_load(today=timezone.localdate())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {created['enterprises']} enterprises and {created['years']} enterprise-years, "
                f"{requests} requests, {visits['visits']} visits created"
            )
        )
