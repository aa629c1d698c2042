"""Writing .xlsx files that Excel opens safely, with no Django import.

Every export goes through `workbook()`: xlsxwriter is told never to turn a string into a formula
or a link, so a cell whose text starts with =, +, -, or @ is stored as text and Excel never runs
it (CSV/formula injection). Numbers stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

import xlsxwriter
from xlsxwriter.workbook import Workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@")


def workbook(target: io.BytesIO | str, *, constant_memory: bool = False) -> Workbook:
    return xlsxwriter.Workbook(
        target,
        {
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "constant_memory": constant_memory,
            "in_memory": not constant_memory,
            "default_date_format": "yyyy-mm-dd",
        },
    )


@contextmanager
def xlsx_bytes() -> Iterator[tuple[Workbook, io.BytesIO]]:
    """`with xlsx_bytes() as (book, buffer): ...` — the buffer holds the file after the block."""
    buffer = io.BytesIO()
    book = workbook(buffer)
    try:
        yield book, buffer
    finally:
        book.close()
    buffer.seek(0)
