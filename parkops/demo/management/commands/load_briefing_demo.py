from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from parkops.demo.briefing import briefing_demo_ensure


class Command(BaseCommand):
    help = (
        "Generate and archive the current quarter's work briefing (工作简报) from the demo data "
        "unless that quarter has one; run after ensure_users (the park office writes it). Idempotent."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        issue = briefing_demo_ensure()
        if issue is None:
            self.stdout.write(
                "Demo briefing: the quarter has one already (or no park-office account)"
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Demo briefing: {issue.title}"))
