"""`manage.py restore DIR` (also `parkops restore DIR`): replaces the database and MEDIA_ROOT."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from parkops.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup`: checks every file's checksum first, then replaces "
        "the database and MEDIA_ROOT. Stop the app servers before."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="a directory written by `backup`")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        translation.activate("zh-hans")
        try:
            manifest = backup_restore(source=directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("已从 %(path)s 恢复（备份时间 %(created)s）：%(rows)s 行，%(files)s 个文件。")
            % {
                "path": directory,
                "created": manifest["created_at"],
                "rows": sum(manifest["tables"].values()),
                "files": len(manifest["files"]),
            }
        )
