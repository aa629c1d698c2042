"""Spreadsheets built inside the tests, as messy as the real ones."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import xlsxwriter
import xlwt  # type: ignore[import-untyped]

FIGURES_HEADER = (
    "统一社会信用代码",
    "企业名称",
    "年度",
    "工业产值（万元）",
    "税收（万元）",
    "用地面积（亩）",
)


def xlsx(
    rows: Sequence[Sequence[Any]],
    *,
    merges: Sequence[tuple[int, int, int, int, Any]] = (),
    sheet: str = "数据",
) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    out = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                out.write(r, c, value)
    for first_row, first_col, last_row, last_col, value in merges:
        out.merge_range(first_row, first_col, last_row, last_col, value)
    book.close()
    return buffer.getvalue()


def xls(rows: Sequence[Sequence[Any]], *, sheet: str = "数据") -> bytes:
    """An Excel 97–2003 workbook, as older offices still send."""
    book = xlwt.Workbook(encoding="utf-8")
    out = book.add_sheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                out.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[Any]], encoding: str = "utf-8") -> bytes:
    text = "\n".join(",".join(str(v) for v in row) for row in rows) + "\n"
    return text.encode(encoding)
