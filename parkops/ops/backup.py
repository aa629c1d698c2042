"""Backup and restore of the database and the uploaded files, one directory per backup.

SQLite is copied with its online backup API (consistent while the site runs); PostgreSQL with
`pg_dump -Fc` and `pg_restore`. MEDIA_ROOT is copied beside it. manifest.json lists every file
with its size and SHA-256 and every table's row count: restore refuses a backup whose files do
not match it, and checks the counts once restored.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
FORMAT = 1
MEDIA = "media"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup cannot be made or restored; the message is for the person at the console."""


def backup_create(*, target: Path) -> dict[str, Any]:
    """Write a backup into `target` (a new or empty directory) and return its manifest."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(_("备份目录 %(path)s 已存在且不为空。") % {"path": target})
    target.mkdir(parents=True, exist_ok=True)
    vendor = _vendor()
    dump = target / DUMPS[vendor]
    # The counts describe the dump itself, not the live database a moment before or after it.
    counts = _sqlite_backup(dump) if vendor == "sqlite" else _postgres_backup(dump)
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir():
        shutil.copytree(media, target / MEDIA)
    else:
        (target / MEDIA).mkdir()
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": vendor,
        "database": dump.name,
        "tables": counts,
        "files": _checksums(target),
    }
    (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def backup_verify(*, source: Path) -> dict[str, Any]:
    """The backup's manifest, once every file it lists is there with its size and checksum."""
    try:
        manifest: dict[str, Any] = json.loads((source / MANIFEST).read_text())
    except (OSError, ValueError):
        message = _("%(path)s 不是备份目录：没有可读的 manifest.json。")
        raise BackupError(message % {"path": source}) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(_("备份格式 %(format)s 不受支持。") % {"format": manifest.get("format")})
    found = _checksums(source)
    for name, expected in manifest["files"].items():
        if found.get(name) != expected:
            raise BackupError(
                _("备份文件 %(name)s 缺失或校验和不符，备份已损坏或被改动，拒绝恢复。")
                % {"name": name}
            )
    extra = sorted(set(found) - set(manifest["files"]))
    if extra:
        raise BackupError(_("备份中有清单之外的文件 %(name)s，拒绝恢复。") % {"name": extra[0]})
    return manifest


def backup_restore(*, source: Path) -> dict[str, Any]:
    """Replace the database and MEDIA_ROOT by the backup in `source`; return its manifest.

    Stop the app servers first: their open connections and cached pages would outlive it.
    """
    manifest = backup_verify(source=source)
    vendor = _vendor()
    if manifest["engine"] != vendor:
        raise BackupError(
            _("备份来自 %(backup)s 数据库，当前数据库是 %(current)s，无法恢复。")
            % {"backup": manifest["engine"], "current": vendor}
        )
    dump = source / manifest["database"]
    if vendor == "sqlite":
        _sqlite_restore(dump)
    else:
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--exit-on-error", f"--dbname={connection.settings_dict['NAME']}", str(dump)])  # fmt: skip
    _replace_media(source / MEDIA)
    restored = table_counts()
    wrong = sorted(t for t, n in manifest["tables"].items() if restored.get(t) != n)
    if wrong:
        raise BackupError(_("恢复后表 %(table)s 的行数与备份清单不符。") % {"table": wrong[0]})
    return manifest


def table_counts(cursor: Any = None) -> dict[str, int]:
    """Rows per table of every installed model (auto-created many-to-many tables included),
    read through `cursor` (a DB-API cursor; Django's connection by default)."""
    if cursor is None:
        with connection.cursor() as own:
            return table_counts(own)
    existing = set(connection.introspection.table_names())
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed and model._meta.db_table in existing
    }
    counts: dict[str, int] = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = int(cursor.fetchone()[0])
    return counts


def _vendor() -> str:
    if connection.vendor not in DUMPS:
        raise BackupError(_("不支持备份 %(vendor)s 数据库。") % {"vendor": connection.vendor})
    return connection.vendor


def _sqlite_raw() -> sqlite3.Connection:
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _sqlite_backup(path: Path) -> dict[str, int]:
    """Copy the live database into a new file, page by page (the online backup API)."""
    copy = sqlite3.connect(path)
    try:
        _sqlite_raw().backup(copy)
        # A rollback-journal file: opening the backup later leaves no -wal/-shm beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return table_counts(copy.cursor())
    finally:
        copy.close()


def _postgres_backup(path: Path) -> dict[str, int]:
    """pg_dump of the snapshot in which the rows are counted (the site may write meanwhile)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = table_counts(cursor)
        _run(["pg_dump", "--format=custom", "--no-owner", f"--snapshot={snapshot}",
              f"--file={path}"])  # fmt: skip
    return counts


def _sqlite_restore(path: Path) -> None:
    """Copy the backup over the live database through Django's own connection.

    Through the open connection rather than the file name, so that an in-memory (test) database
    is restored as well as a file.
    """
    backup = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        backup.backup(_sqlite_raw())
    finally:
        backup.close()


def _run(command: list[str]) -> None:
    db = connection.settings_dict
    env = {
        **os.environ,
        "PGHOST": str(db.get("HOST") or ""),
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": str(db.get("USER") or ""),
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
        "PGDATABASE": str(db["NAME"]),
    }
    env = {key: value for key, value in env.items() if value != ""}
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        message = _(
            "找不到 %(tool)s：请安装 PostgreSQL 客户端（apt-get install postgresql-client）。"
        )
        raise BackupError(message % {"tool": command[0]}) from None
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s 失败：%(error)s") % {"tool": command[0], "error": result.stderr.strip()}
        )


def _checksums(root: Path) -> dict[str, dict[str, Any]]:
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
            files[path.relative_to(root).as_posix()] = {
                "size": path.stat().st_size,
                "sha256": digest.hexdigest(),
            }
    return files


def _replace_media(copy: Path) -> None:
    """Swap MEDIA_ROOT for the backup's copy: copied beside it first, then renamed into place."""
    media = Path(settings.MEDIA_ROOT)
    media.parent.mkdir(parents=True, exist_ok=True)
    incoming = media.with_name(media.name + ".restoring")
    outgoing = media.with_name(media.name + ".replaced")
    for leftover in (incoming, outgoing):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(copy, incoming)
    if media.exists():
        media.rename(outgoing)
    incoming.rename(media)
    shutil.rmtree(outgoing, ignore_errors=True)
