"""`parkops evaluate --year 2025 [--scheme FILE] [--publish [--reason TEXT]]`: run the annual
evaluation; publishing over the year's published run is a republication and needs --reason."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any, cast

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from parkops.evaluation import services

STEPS = {"load": "读取企业年度数据", "evaluate": "计算得分与等级", "store": "保存评价结果"}


class Command(BaseCommand):
    help = "运行年度企业综合评价（亩均效益），可指定方案文件并直接发布"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="评价年度，如 2025")
        parser.add_argument("--scheme", type=Path, help="方案定义 JSON 文件（默认：默认方案）")
        parser.add_argument("--publish", action="store_true", help="运行后立即发布")
        parser.add_argument("--note", default="", help="备注")
        parser.add_argument(
            "--reason", default="", help="重新发布原因（该年度已发布过评价时，--publish 须说明）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(file=cast(IO[str], self.stdout), highlight=False)
        try:
            version = self._version(options["scheme"])
            with Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total}"),
                TimeElapsedColumn(),
                console=console,
                transient=False,
            ) as progress:
                tasks: dict[str, Any] = {}

                def report(step: str, done: int, total: int) -> None:
                    if step not in tasks:
                        tasks[step] = progress.add_task(STEPS.get(step, step), total=total)
                    progress.update(tasks[step], completed=done, total=total)

                run = services.run_create(
                    year=options["year"], version=version, note=options["note"], progress=report
                )
            if options["publish"]:
                run = services.run_publish(run=run, reason=options["reason"])
        except ValidationError as error:
            raise CommandError("；".join(error.messages)) from error
        counts: dict[str, int] = {}
        for cls in run.results.values_list("evaluation_class", flat=True):
            counts[cls] = counts.get(cls, 0) + 1
        summary = "，".join(f"{k} 类 {counts[k]}" for k in sorted(counts))
        console.print(
            f"{run.year} 年度评价（批次 {run.pk}，{run.scheme_version}，"
            f"{run.status_label}）：{run.enterprise_count} 家企业；{summary}"
        )
        console.print(f"输入数据指纹 {run.input_hash}")

    def _version(self, path: Path | None) -> Any:
        if path is None:
            return None
        try:
            definition = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"无法读取方案文件 {path}：{error}") from error
        return services.scheme_import(definition=definition)
