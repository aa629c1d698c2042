"""`parkops review [--user NAME] [--out FILE]`: generate and archive the three-year review of the
plan (2024–2026), and write its .docx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parkops.briefings import services
from parkops.briefings.management.commands._author import author


class Command(BaseCommand):
    help = "生成并存档《三年行动方案》实施情况总结（2024—2026 年），写出 Word 文件"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--user", default="", help="以哪个园区办账号生成（默认：第一个超级用户）"
        )
        parser.add_argument("--out", type=Path, help="Word 文件写到哪里（默认：当前目录）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            issue = services.review_generate(user=author(options["user"]))
        except PermissionDenied as error:
            raise CommandError(str(error)) from error
        out = options["out"] or Path(f"三年行动方案实施情况总结-{issue.created_at:%Y%m%d}.docx")
        with issue.file.open("rb") as stored:
            out.write_bytes(stored.read())
        self.stdout.write(f"{issue.title}：已存档（编号 {issue.pk}），写出 {out}")
