"""Writing .xlsx files that Excel opens safely, with no Django import.

Every export goes through `workbook()`: xlsxwriter is told never to turn a string into a formula
or a link, so a cell whose text starts with =, +, -, or @ is stored as text and Excel never runs
it (CSV/formula injection). Numbers stay numbers.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import _preserve_whitespace, xl_col_to_name
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


class RowWriter:
    """Rows of plain values (float, int, str) written straight into a constant-memory sheet's
    XML, as xlsxwriter itself would write them, byte for byte.

    xlsxwriter keeps each cell as a tuple, then writes it through several calls (dimension check,
    format lookup, attribute escaping): about 10 µs a cell, most of a 100,000-enterprise
    handbook's time. Here a row is one string: its cells in the same XML, the same number format
    (`.16G`), the same escaping of texts (through xlsxwriter's own helpers), and the sheet's
    dimensions kept as its own writes keep them. A row it cannot write the same way (another
    type, a text near Excel's length limit, a number that is not finite, a row with its own
    format) goes through `sheet.write` instead, cell by cell, as before, and so does every row
    of a sheet that is not in constant-memory mode.
    Floats are written in `number_format` (without one: as ints); ints and texts in the column's
    format, if any."""

    _LONG = 8000  # texts longer than this go through xlsxwriter (its check starts at 16,383)
    _KEPT = 2000  # texts whose XML is kept for their next use (parks, classes repeat)

    def __init__(self, sheet: Worksheet, number_format: Format | None = None) -> None:
        self.sheet = sheet
        self.number_format = number_format
        self._float_style: str | None = None  # the format's index, taken at its first use
        self._styles: dict[int, str] = {}  # column -> ' s="n"' of its format, or ""
        self._texts: dict[str, str] = {}  # text -> its <is> element
        self._row_tail: str | None = None  # the <row> tag after its r attribute

    def write(self, row: int, cells: Sequence[Any]) -> None:
        """Write `cells` (None and "" left empty) as row `row`, below every row written before."""
        sheet = self.sheet
        if (
            not sheet.constant_memory  # a sheet held whole: its table is written at the end
            or row <= sheet.previous_row
            or row >= sheet.xls_rowmax
            or row in sheet.row_info
            or row in sheet.comments
        ):
            self._slow(row, cells)
            return
        if not self._plain(cells):
            self._slow(row, cells)
            return
        # The row pending in xlsxwriter's table first: formats take their index at first use.
        sheet._write_single_row(row)
        filled = [c for c, v in enumerate(cells) if v is not None and v != ""]
        if not filled:  # nothing to write: as xlsxwriter, no row at all
            return
        sheet._check_dimensions(row, filled[0])
        sheet._check_dimensions(row, filled[-1])
        parts = self._cells(row, cells)
        sheet.fh.write(f'<row r="{row + 1}"{self._tail(row)}{"".join(parts)}</row>')

    def _plain(self, cells: Sequence[Any]) -> bool:
        """Whether every cell is one this writer writes as xlsxwriter would."""
        for value in cells:
            kind = value.__class__
            if kind is float:
                if not math.isfinite(value):
                    return False
            elif kind is str:
                if len(value) > self._LONG:
                    return False
            elif kind is not int and value is not None:
                return False
        return True

    def _cells(self, row: int, cells: Sequence[Any]) -> list[str]:
        parts: list[str] = []
        n = row + 1
        for c, value in enumerate(cells):
            if value is None or value == "":
                continue
            kind = value.__class__
            if kind is float:
                parts.append(f'<c r="{_column(c)}{n}"{self._float(c)}><v>{value:.16G}</v></c>')
            elif kind is int:
                parts.append(f'<c r="{_column(c)}{n}"{self._style(c)}><v>{value:.16G}</v></c>')
            else:
                text = self._texts.get(value)
                if text is None:
                    text = _inline(self.sheet, value)
                    if len(self._texts) < self._KEPT:  # names are unique: keep only the first
                        self._texts[value] = text
                parts.append(f'<c r="{_column(c)}{n}"{self._style(c)} t="inlineStr">{text}</c>')
        return parts

    def _float(self, col: int) -> str:
        if self.number_format is None:
            return self._style(col)
        if self._float_style is None:
            self._float_style = f' s="{self.number_format._get_xf_index()}"'
        return self._float_style

    def _style(self, col: int) -> str:
        style = self._styles.get(col)
        if style is None:
            info = self.sheet.col_info.get(col)
            column_format = info.column_format if info is not None else None
            style = f' s="{column_format._get_xf_index()}"' if column_format else ""
            self._styles[col] = style
        return style

    def _tail(self, row: int) -> str:
        """What xlsxwriter writes in a <row> tag after r="…" for a row without its own format."""
        if self._row_tail is None:
            sheet, held = self.sheet, self.sheet.fh
            sheet.fh = io.StringIO()
            try:
                sheet._write_row(row, None)
                tag = sheet.fh.getvalue()
            finally:
                sheet.fh = held
            head = f'<row r="{row + 1}"'
            if not tag.startswith(head):
                raise AssertionError(f"unexpected row tag {tag!r}")
            self._row_tail = tag[len(head) :]
        return self._row_tail

    def _slow(self, row: int, cells: Sequence[Any]) -> None:
        """The row through xlsxwriter's own calls."""
        for c, value in enumerate(cells):
            if value is None or value == "":
                continue
            if value.__class__ is float:
                self.sheet.write_number(row, c, value, self.number_format)
            elif value.__class__ is int:
                self.sheet.write_number(row, c, value)
            else:
                self.sheet.write_string(row, c, value)


@cache
def _column(col: int) -> str:
    return xl_col_to_name(col)


# What xlsxwriter's _escape_control_characters changes: a text without any is left as it is.
_CONTROL = re.compile("_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff]")


def _inline(sheet: Worksheet, text: str) -> str:
    """A text's <is> element as xlsxwriter's constant-memory mode writes it."""
    if _CONTROL.search(text):
        text = sheet._escape_control_characters(text)
    if text.startswith("<r>") and text.endswith("</r>"):  # xlsxwriter's rich string, unescaped
        return f"<is>{text}</is>"
    preserve = ' xml:space="preserve"' if _preserve_whitespace(text) else ""
    return f"<is><t{preserve}>{sheet._escape_data(text)}</t></is>"
