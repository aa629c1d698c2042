"""The handbook written row by row (constant memory) holds what the in-memory writer held: every
sheet's every value, and the same number formats."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from python_calamine import CalamineWorkbook

from parkops.core import xlsx
from parkops.evaluation import exports, services
from parkops.evaluation.choices import IncidentGrade, VetoKind
from parkops.evaluation.models import VetoEvent
from parkops.evaluation.tests.factories import enterprise_with_year

pytestmark = pytest.mark.django_db


def _values(content: bytes) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_filelike(BytesIO(content))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"(?: s="([0-9]+)")?')


def _styles(content: bytes) -> tuple[bytes, list[list[tuple[bytes, bytes]]]]:
    """The formats defined, and each sheet's cells with the format each one uses."""
    with zipfile.ZipFile(BytesIO(content)) as z:
        sheets = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        return z.read("xl/styles.xml"), [_CELL.findall(z.read(n)) for n in sheets]


def _published_run(*, vetoed: int) -> Any:
    """A published 2025 run over six ranked 规上 enterprises (one of them, by position, vetoed),
    one 规下 and one left unranked for want of land."""
    ids = [enterprise_with_year(tax=Decimal(t)).pk for t in (900, 300, 200, 100, 20, 0)]
    enterprise_with_year(revenue=Decimal("800"), tax=Decimal("55.5"))  # 规下
    enterprise_with_year(land_mu=None, tax=Decimal("10"))  # not ranked: no land
    VetoEvent.objects.create(
        enterprise_id=ids[vetoed], kind=VetoKind.SAFETY_ACCIDENT, grade=IncidentGrade.ORDINARY,
        occurred_on=date(2025, 5, 1),
    )  # fmt: skip
    return services.run_publish(run=services.run_create(year=2025))


def test_the_row_by_row_handbook_holds_the_same_values_and_formats(
    lena: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _published_run(vetoed=1)
    streamed = exports.handbook_xlsx(run=run, user=lena).getvalue()
    calls: list[bool] = []
    in_memory = xlsx.xlsx_bytes

    def held(*, constant_memory: bool = False) -> Any:
        calls.append(constant_memory)
        return in_memory(constant_memory=False)

    monkeypatch.setattr(exports, "xlsx_bytes", held)
    whole = exports.handbook_xlsx(run=run, user=lena).getvalue()
    assert calls == [True]
    values = _values(streamed)
    assert values == _values(whole)
    formats, cells = _styles(streamed)
    assert (formats, cells) == _styles(whole)
    assert sum(len(sheet) for sheet in cells) > 60
    assert [r[0] for r in values["规上企业"][1:]] == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    with zipfile.ZipFile(BytesIO(streamed)) as z:
        assert "xl/sharedStrings.xml" not in z.namelist()  # texts in their cells: streamed


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(content)) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # but its time


def test_the_handbook_s_rows_are_the_bytes_xlsxwriter_wrote_cell_by_cell(
    lena: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _published_run(vetoed=2)
    fast = exports.handbook_xlsx(run=run, user=lena).getvalue()
    monkeypatch.setattr(xlsx.RowWriter, "write", xlsx.RowWriter._slow)  # cell by cell, as before
    assert _parts(fast) == _parts(exports.handbook_xlsx(run=run, user=lena).getvalue())
