"""No file can crash the import: random cells and sheet shapes give a plan or clean errors."""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parkops.imports.issues import Issue
from parkops.imports.services import import_check
from parkops.imports.tests.files import FIGURES_HEADER

pytestmark = pytest.mark.django_db

HEADERS = {
    "figures": [*FIGURES_HEADER, "从业人员（人）", "用地依据", "备注"],
    "enterprises": ["企业名称", "统一社会信用代码", "行业代码", "投产日期", "所在小园区", "备注"],
    "plots": ["地块名称", "占地面积（亩）", "建筑系数（%）", "出让合同签订日期", "容积率"],
}
ERRORS = ("#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?")

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([0.0, -0.0, 1e-300, 1e15, 1e19, 1e300, 2**63, 0.455]),
)
texts = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),  # control characters
    st.sampled_from(["1e30", "inf", "-inf", "nan", "1E+300", "—", "合计：2 家", "元", "本年",
                     "１２３", "2025年", "2021-02-30", "91350200776049653B", "x" * 3000]),
)  # fmt: skip
dates = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 1, 1))
cells = st.one_of(
    st.none(), numbers, texts, dates, st.sampled_from(ERRORS).map(lambda e: ("err", e))
)


def _xlsx(rows: list[list[Any]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "nan_inf_to_errors": True})  # fmt: skip
    sheet = book.add_worksheet("数据")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, tuple):
                sheet.write_formula(r, c, "=1/0", None, value[1])
            elif isinstance(value, dt.date):
                sheet.write_datetime(r, c, value, date_format)
            elif isinstance(value, int) and abs(value) > 2**53:
                sheet.write_string(r, c, str(value))
            elif isinstance(value, str):
                sheet.write_string(r, c, value[:32767])
            else:
                sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


def _csv(rows: list[list[Any]]) -> bytes:
    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, tuple):
            return value[1]
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        return '"' + str(value).replace('"', '""') + '"'

    return "\r".join(",".join(map(text, row)) for row in rows).encode("utf-8")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(sorted(HEADERS)),
    shape=st.data(),
    as_csv=st.booleans(),
)
def test_random_cells_give_a_plan_or_clean_errors(
    kind: str, shape: st.DataObject, as_csv: bool
) -> None:
    header = HEADERS[kind]
    width = shape.draw(st.integers(min_value=1, max_value=len(header) + 2))
    body = shape.draw(st.lists(st.lists(cells, min_size=0, max_size=width), max_size=8))
    above = shape.draw(st.lists(st.lists(cells, max_size=3), max_size=2))
    rows = [*above, header[:width], *body]
    data = _csv(rows) if as_csv else _xlsx(rows)
    plan = import_check(kind=kind, data=data, file_name="f.csv" if as_csv else "f.xlsx")
    for issue in [*plan.errors, *plan.warnings]:
        assert isinstance(issue, Issue)
        assert str(issue)
    if plan.ok:
        assert plan.added + plan.changed + plan.unchanged <= plan.rows_total
