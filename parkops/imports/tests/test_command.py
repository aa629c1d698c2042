from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from parkops import cli
from parkops.imports.models import ImportBatch
from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_the_command_dry_runs_then_imports_with_a_progress_bar(tmp_path: Path) -> None:
    e = EnterpriseFactory()
    path = tmp_path / "figures.xlsx"
    path.write_bytes(xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, 10, 1, 1]]))
    out = StringIO()
    call_command("import_data", "figures", str(path), "--dry-run", stdout=out)
    assert "试运行，未写入：1 行：新增 1，修改 0，未变 0" in out.getvalue()
    assert "逐行校验" in out.getvalue()
    assert EnterpriseYear.objects.count() == 0
    out = StringIO()
    call_command("import_data", "figures", str(path), stdout=out)
    assert f"已导入，批次 #{ImportBatch.objects.get().pk}" in out.getvalue()


def test_the_command_fails_and_lists_the_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx([FIGURES_HEADER, ["", "上海无名有限公司", 2025, 10, 1, 1]]))
    out = StringIO()
    with pytest.raises(CommandError, match="文件有 1 处错误，未写入任何数据"):
        call_command("import_data", "figures", str(path), stdout=out)
    assert "第 2 行「企业名称」“上海无名有限公司”不在企业名录中" in out.getvalue()


def test_parkops_import_is_the_import_data_command(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line", lambda argv: seen.append(argv)
    )
    cli.main(["import", "figures", "x.xlsx", "--dry-run"])
    assert seen == [["parkops", "import_data", "figures", "x.xlsx", "--dry-run"]]
