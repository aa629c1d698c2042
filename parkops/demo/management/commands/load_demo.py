from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from parkops.activities.demo import activities_demo_load
from parkops.core.demo import DEFAULT_SEED
from parkops.demo.results import evaluations_publish, ratings_run
from parkops.demo.services import demo_load
from parkops.enforcement.demo import enforcement_demo_load
from parkops.maps.demo import maps_demo_load
from parkops.matching.demo import matching_demo_load
from parkops.service.demo import service_demo_load
from parkops.visits.demo import visits_demo_load


class Command(BaseCommand):
    help = (
        "Create the fictional demo small parks and enterprises (演示数据) with their estates, "
        "2023–2025 figures, requests, visits and inspections; publish the evaluation of the last "
        "two years and rate the small parks. Idempotent."
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
        activities = activities_demo_load(seed=seed)
        matching = matching_demo_load(today=timezone.localdate())
        # The inspections come before the evaluation: a 重大 finding vetoes its enterprise's class.
        inspections = enforcement_demo_load()
        published = evaluations_publish()
        rated = ratings_run()
        # After the evaluation: the demo plots' holders are picked for their differing classes.
        shapes = maps_demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {created['enterprises']} enterprises and {created['years']} enterprise-years, "
                f"{created['estates']} small-park estates ({created['moved']} tenants moved from plan "
                f"small parks), {requests} requests, {visits['visits']} visits, {activities} activities, "
                f"{matching['profiles']} supply-demand profiles, {matching['sessions']} matching "
                f"sessions, {inspections} "
                f"inspections, {shapes} map shapes created; evaluations published for {published or 'no new year'}, "
                f"small parks rated for {rated or 'no new year'}"
            )
        )
