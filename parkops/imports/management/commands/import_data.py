"""`parkops import <kind> FILE [--dry-run]` (also `manage.py import_data ...`).

A module named `import` could not be imported by a plain import statement, so the command is
`import_data` and `parkops import` is an alias of it (parkops/cli.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from parkops.imports.kinds import KINDS
from parkops.imports.services import import_file

STAGES = {"read": "读取文件", "check": "逐行校验", "write": "写入数据库"}
SHOWN = 50


class Command(BaseCommand):
    help = "Import an .xlsx/.xls/.csv file: all rows or none. Kinds: " + ", ".join(KINDS)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS), help="what the file holds")
        parser.add_argument("file", type=Path, help=".xlsx, .xls or .csv (UTF-8 or GBK)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and compare only; write nothing"
        )
        parser.add_argument(
            "--confirm",
            action="store_true",
            help="write amounts flagged as unusually large (as the page's confirmation)",
        )

    def handle(
        self, *args: Any, kind: str, file: Path, dry_run: bool, confirm: bool, **options: Any
    ) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        console = Console(file=cast(Any, self.stdout)._out, highlight=False)
        translation.activate("zh-hans")
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as bar:
            tasks: dict[str, Any] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(STAGES.get(stage, stage), total=max(total, 1))
                bar.update(tasks[stage], completed=done, total=max(total, 1))

            batch, plan = import_file(
                kind=kind,
                data=file.read_bytes(),
                file_name=file.name,
                dry_run=dry_run,
                confirmed=confirm,
                progress=progress,
            )
        for issue in plan.warnings[:SHOWN]:
            console.print(f"[yellow]提示[/yellow] {issue}")
        for issue in plan.errors[:SHOWN]:
            console.print(f"[red]错误[/red] {issue}")
        hidden = len(plan.errors) + len(plan.warnings) - 2 * SHOWN
        if len(plan.errors) > SHOWN or len(plan.warnings) > SHOWN:
            console.print(f"…… 另有 {max(hidden, 0)} 条未列出")
        counts = (
            f"{plan.rows_total} 行：新增 {plan.added}，修改 {plan.changed}，未变 {plan.unchanged}"
        )
        if not plan.ok:  # nothing would be added or changed: only the rows read are counted
            raise CommandError(
                f"文件有 {len(plan.errors)} 处错误，未写入任何数据（共 {plan.rows_total} 行）"
            )
        if batch is None and not dry_run:
            raise CommandError(
                f"有 {len(plan.warnings)} 条提示（数值异常大），未写入任何数据；"
                "核对单位无误后加 --confirm 再导入"
            )
        if batch is None:
            self.stdout.write(f"试运行，未写入：{counts}")
        else:
            self.stdout.write(self.style.SUCCESS(f"已导入，批次 #{batch.pk}：{counts}"))
