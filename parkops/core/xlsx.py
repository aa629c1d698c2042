"""Writing .xlsx files that Excel opens safely, with no Django import.

Every export goes through `workbook()`: xlsxwriter is told never to turn a string into a formula
or a link, so a cell whose text starts with =, +, -, or @ is stored as text and Excel never runs
it (CSV/formula injection). Numbers stay numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
def xlsx_bytes(*, constant_memory: bool = False) -> Iterator[tuple[Workbook, io.BytesIO]]:
    """`with xlsx_bytes() as (book, buffer): ...` — the buffer holds the file after the block.

    With `constant_memory` each row goes to a temporary file as soon as the next one starts, and
    texts are written in their cells rather than in a shared table: a big sheet's cells are never
    all held at once (the caller writes each sheet's rows in order, top to bottom)."""
    buffer = io.BytesIO()
    book = workbook(buffer, constant_memory=constant_memory)
    try:
        yield book, buffer
    finally:
        book.close()
    buffer.seek(0)


# The house style of every exported table: a bold title, headers on a light blue ground.
TITLE_STYLE = {"bold": True, "font_size": 14}
HEADER_STYLE = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}


def table_sheet(
    book: Workbook,
    name: str,
    headers: Sequence[str],
    *,
    title: str | None = None,
    widths: int | Sequence[int] = 16,
    frozen_columns: int = 0,
) -> tuple[Worksheet, int]:
    """A sheet holding one table: an optional title row merged over the columns, the header row
    in the house style, panes frozen below it, the columns' widths (one for all, or each).
    Returns the sheet and the index of its first data row."""
    sheet = book.add_worksheet(name[:31])  # Excel's limit on a sheet's name
    row = 0
    if title is not None:
        if len(headers) > 1:
            sheet.merge_range(0, 0, 0, len(headers) - 1, title, book.add_format(TITLE_STYLE))
        else:
            sheet.write(0, 0, title, book.add_format(TITLE_STYLE))
        row = 1
    sheet.write_row(row, 0, headers, book.add_format(HEADER_STYLE))
    sheet.freeze_panes(row + 1, frozen_columns)
    if isinstance(widths, int):
        sheet.set_column(0, len(headers) - 1, widths)
    else:
        for c, width in enumerate(widths):
            sheet.set_column(c, c, width)
    return sheet, row + 1
