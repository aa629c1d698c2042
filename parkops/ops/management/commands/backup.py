"""`manage.py backup DIR` (also `parkops backup DIR`): the database and the uploaded files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from parkops.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT into DIR (new or empty), with a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="where to write the backup")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        translation.activate("zh-hans")
        try:
            manifest = backup_create(target=directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("已备份到 %(path)s：%(tables)s 张表共 %(rows)s 行，%(files)s 个文件。")
            % {
                "path": directory,
                "tables": len(manifest["tables"]),
                "rows": sum(manifest["tables"].values()),
                "files": len(manifest["files"]),
            }
        )
