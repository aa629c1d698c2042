"""Backup, wipe, restore: every row and every uploaded file comes back (SQLite or PostgreSQL,
whichever the suite runs on); a backup that does not match its manifest is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import override_settings

from parkops.cli import main as parkops_cli
from parkops.ops import backup
from parkops.ops.backup import table_counts
from parkops.registry.models import Road, SmallPark

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(tmp_path: Path) -> Path:
    root = tmp_path / "media"
    (root / "documents" / "2025").mkdir(parents=True)
    (root / "documents" / "2025" / "评价结果手册.xlsx").write_bytes(b"PK\x03\x04 handbook")
    (root / "upload.csv").write_text("统一社会信用代码,名称\n", encoding="utf-8")
    with override_settings(MEDIA_ROOT=root):
        yield root


def _data() -> None:
    road = Road.objects.create(name="平业路")
    chief = User.objects.create_user("rob", password="x")
    road.chiefs.add(chief)
    SmallPark.objects.create(name="矮柳", plan_sequence=1)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _wipe(media: Path) -> None:
    Road.objects.all().delete()
    SmallPark.objects.all().delete()
    User.objects.all().delete()
    for path in sorted(media.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    (media / "stray.txt").write_text("written after the backup")


def test_it_backs_up_wipes_and_restores_every_row_and_file(media: Path, tmp_path: Path) -> None:
    _data()
    before_counts, before_files = table_counts(), _files(media)
    target = tmp_path / "backup"
    call_command("backup", str(target))
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["tables"]["registry_road"] == 1
    assert manifest["tables"]["auth_user"] == 1
    assert set(manifest["files"]) == {
        manifest["database"],
        "media/documents/2025/评价结果手册.xlsx",
        "media/upload.csv",
    }
    _wipe(media)
    assert table_counts()["registry_road"] == 0

    call_command("restore", str(target))

    assert table_counts() == before_counts
    road = Road.objects.get()
    assert road.name == "平业路"
    assert list(road.chiefs.values_list("username", flat=True)) == ["rob"]
    assert User.objects.get(username="rob").check_password("x")
    assert SmallPark.objects.get().name == "矮柳"
    assert _files(media) == before_files  # the stray file written after the backup is gone


def test_it_refuses_a_backup_whose_file_was_altered(media: Path, tmp_path: Path) -> None:
    _data()
    target = tmp_path / "backup"
    call_command("backup", str(target))
    (target / "media" / "upload.csv").write_text("统一社会信用代码,名称\n篡改\n", encoding="utf-8")
    Road.objects.create(name="月工路")
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(target))
    assert str(refused.value) == (
        "备份文件 media/upload.csv 缺失或校验和不符，备份已损坏或被改动，拒绝恢复。"
    )
    assert set(Road.objects.values_list("name", flat=True)) == {"平业路", "月工路"}  # untouched


def test_it_refuses_a_backup_whose_database_dump_was_altered(media: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup"
    call_command("backup", str(target))
    dump = target / json.loads((target / "manifest.json").read_text())["database"]
    content = dump.read_bytes()
    dump.write_bytes(content[:-1] + bytes([content[-1] ^ 0xFF]))
    with pytest.raises(CommandError, match="校验和不符"):
        call_command("restore", str(target))


def test_it_refuses_a_backup_with_a_file_the_manifest_does_not_list(
    media: Path, tmp_path: Path
) -> None:
    target = tmp_path / "backup"
    call_command("backup", str(target))
    (target / "media" / "planted.sh").write_text("echo")
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(target))
    assert str(refused.value) == "备份中有清单之外的文件 media/planted.sh，拒绝恢复。"


def test_it_refuses_to_write_into_a_non_empty_directory(media: Path, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("")
    with pytest.raises(CommandError) as refused:
        call_command("backup", str(tmp_path / "full"))
    assert str(refused.value) == f"备份目录 {tmp_path / 'full'} 已存在且不为空。"


def test_it_refuses_a_directory_that_is_no_backup(media: Path, tmp_path: Path) -> None:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(tmp_path))
    assert str(refused.value) == f"{tmp_path} 不是备份目录：没有可读的 manifest.json。"


def test_it_runs_through_the_parkops_cli(
    media: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _data()
    parkops_cli(["backup", str(tmp_path / "b")])
    Road.objects.all().delete()
    parkops_cli(["restore", str(tmp_path / "b")])
    assert Road.objects.get().name == "平业路"
    out = capsys.readouterr().out
    assert f"已备份到 {tmp_path / 'b'}：" in out
    assert f"已从 {tmp_path / 'b'} 恢复" in out


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL counts inside pg_dump's snapshot"
)
def test_it_counts_the_rows_of_the_copy_not_of_the_live_database(
    media: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site keeps writing during a backup: a row written after the counting must not make
    the manifest disagree with the dump (restore would then refuse its own backup)."""
    count = backup.table_counts

    def count_then_someone_writes(cursor: object = None) -> dict[str, int]:
        counts = count(cursor) if cursor is not None else count()
        Road.objects.create(name=f"路{Road.objects.count()}")
        return counts

    monkeypatch.setattr(backup, "table_counts", count_then_someone_writes)
    manifest = backup.backup_create(target=tmp_path / "b")
    monkeypatch.setattr(backup, "table_counts", count)
    call_command("restore", str(tmp_path / "b"))
    assert Road.objects.count() == manifest["tables"]["registry_road"]
