"""Mark background jobs whose worker was lost as failed (see parkops.ops.jobs)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from parkops.ops.jobs import jobs_sweep


class Command(BaseCommand):
    help = "Mark running jobs with no progress for --minutes (default PARKOPS_JOB_STALE_MINUTES) as failed"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--minutes", type=int, default=None)

    def handle(self, *args: Any, minutes: int | None = None, **options: Any) -> None:
        stale = timedelta(minutes=minutes) if minutes is not None else None
        count = jobs_sweep(stale_after=stale)
        self.stdout.write(f"{count} stale job(s) marked failed")
