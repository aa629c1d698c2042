"""`parkops briefing --quarter 2026Q4 [--next-steps TEXT] [--user NAME] [--out FILE]`: generate
and archive the quarter's work briefing (the year's next issue), and write its .docx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parkops.briefings import services
from parkops.briefings.management.commands._author import author


class Command(BaseCommand):
    help = "生成并存档某季度的工作简报（按年度编期），写出 Word 文件"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quarter", required=True, help="季度，如 2026Q4")
        parser.add_argument("--next-steps", default="", help="下一步工作（每行一段）")
        parser.add_argument(
            "--user", default="", help="以哪个园区办账号生成（默认：第一个超级用户）"
        )
        parser.add_argument("--out", type=Path, help="Word 文件写到哪里（默认：当前目录）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            quarter = services.quarter_parse(options["quarter"])
            issue = services.briefing_generate(
                user=author(options["user"]), quarter=quarter, next_steps=options["next_steps"]
            )
        except (ValidationError, PermissionDenied) as error:
            raise CommandError("；".join(getattr(error, "messages", [str(error)]))) from error
        out = options["out"] or Path(f"工作简报-{issue.year}-第{issue.number}期.docx")
        with issue.file.open("rb") as stored:
            out.write_bytes(stored.read())
        self.stdout.write(f"{issue.title}：已存档（编号 {issue.pk}），写出 {out}")
