from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from parkops.attraction.demo import attraction_demo_load


class Command(BaseCommand):
    help = "载入联合招商演示线索（各阶段，演示数据，仅挂在演示小园区）"

    def handle(self, *args: Any, **options: Any) -> None:
        created = attraction_demo_load()
        self.stdout.write(f"演示线索：新增 {created} 条")
