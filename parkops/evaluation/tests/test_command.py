from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from parkops.core.evaluation.default import default_definition
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import EvaluationRun, SchemeVersion
from parkops.evaluation.tests.factories import enterprise_with_year

pytestmark = pytest.mark.django_db


def test_evaluate_runs_and_publishes_with_a_scheme_file(tmp_path: Path) -> None:
    for tax in (500, 100):
        enterprise_with_year(tax=Decimal(tax))
    definition = {**default_definition(), "name": "金山区 2025 年办法（试行）"}
    scheme_file = tmp_path / "scheme.json"
    scheme_file.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    out = StringIO()

    call_command("evaluate", year=2025, scheme=scheme_file, publish=True, stdout=out)

    run = EvaluationRun.objects.get()
    assert run.status == RunStatus.PUBLISHED
    assert run.scheme_version.scheme.name == "金山区 2025 年办法（试行）"
    assert "2 家企业" in out.getvalue()
    # the same file again reuses the version instead of making a new one
    call_command("evaluate", year=2025, scheme=scheme_file, stdout=StringIO())
    assert SchemeVersion.objects.filter(scheme__name="金山区 2025 年办法（试行）").count() == 1


def test_evaluate_reports_a_bad_scheme_file_in_chinese(tmp_path: Path) -> None:
    enterprise_with_year()
    scheme_file = tmp_path / "scheme.json"
    scheme_file.write_text(json.dumps({"name": "坏方案", "populations": []}), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("evaluate", year=2025, scheme=scheme_file, stdout=StringIO())
    assert (
        str(caught.value)
        == "方案至少需要一个评价类别（如规上、规下）；等级划分：须给出 A、B、C、D 四个等级的比例"
    )


@pytest.mark.parametrize("year", ["0", "-1", "1000000000"])
def test_evaluate_refuses_an_impossible_year_with_a_message(year: str) -> None:
    enterprise_with_year(year=2025)
    with pytest.raises(CommandError, match=r"^年度应在 1900–2100 之间$"):
        call_command("evaluate", "--year", year, stdout=StringIO())
    assert not EvaluationRun.objects.exists()


def test_evaluate_republishes_only_with_a_reason() -> None:
    enterprise_with_year()
    call_command("evaluate", year=2025, publish=True, stdout=StringIO())
    with pytest.raises(CommandError, match="2025 年度的评价已发布（第 1 版）；重新发布须说明原因"):
        call_command("evaluate", year=2025, publish=True, stdout=StringIO())
    out = StringIO()
    call_command("evaluate", year=2025, publish=True, reason="补录数据", stdout=out)
    assert "已发布（第 2 版）" in out.getvalue().replace("\n", "")  # rich wraps lines
    current = EvaluationRun.objects.get(superseded_at__isnull=True, status=RunStatus.PUBLISHED)
    assert (current.edition, current.republish_reason) == (2, "补录数据")
