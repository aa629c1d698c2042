"""Reading the park's spreadsheets: .xlsx/.xls through python-calamine, .csv in UTF-8 or GBK.

No Django here. `read_table` checks the limits (file size, an .xlsx's uncompressed size before
any parsing, so a zip bomb is refused rather than exhausting memory, and the row count), finds
the header row by the column names it knows (title rows above it, merged header cells, headers
split over two rows, units in brackets), and returns the data rows with their row numbers as the
user sees them in Excel. Problems are raised as TableError with a code and parameters; the
Django layer translates them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from parkops.core.cells import ColumnSpec
from parkops.core.csvfile import csv_rows
from parkops.core.tablebase import Limits, TableError
from parkops.core.tablecontext import (
    COMPARISON,
    footer_text,
    is_footer,
    stated_unit,
    sub_header,
    units_row,
)
from parkops.core.text import to_half_width
from parkops.core.units import normalise_unit, same_kind
from parkops.core.xlsxscan import SheetScan, check_zip, xls_extent

__all__ = [
    "Header",
    "Limits",
    "Table",
    "TableError",
    "normalise_unit",
    "parse_header",
    "read_table",
]

HEADER_SEARCH_ROWS = 30
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
_UNIT = re.compile(r"^(.*?)[(\[](.*?)[)\]]\s*$")
_UNIT_SLASH = re.compile(r"^(.*?)[/:]\s*(万元|元|亿元|亩|公顷|㎡|m2|m²|平方米|吨标准煤|吨|人|%)$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Header:
    text: str  # as written (without spaces): how errors name the column
    name: str  # without the unit
    unit: str  # the unit in brackets, normalised; "" when none


@dataclass
class Table:
    sheet: str
    header_rows: tuple[int, ...]  # 1-based row numbers of the header
    columns: dict[str, int]  # spec key -> column index
    headers: dict[str, Header]  # spec key -> the header found for it
    unknown: list[str]  # headers matching no column
    missing: list[ColumnSpec]  # required columns absent
    row_numbers: list[int] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    # Cells the reader could not give as values, and rows left out (footers, units rows):
    # (row number, column key or "", code, parameters, is an error).
    notes: list[tuple[int | None, str, str, dict[str, Any], bool]] = field(default_factory=list)
    # Two columns of the file for one field: key -> the headers as written.
    doubled: dict[str, list[str]] = field(default_factory=dict)

    def column(self, key: str) -> list[Any]:
        index = self.columns[key]
        try:  # calamine's rows are all full width: the fast way
            return list(map(itemgetter(index), self.rows))
        except IndexError:  # a short CSV line
            return [row[index] if index < len(row) else "" for row in self.rows]


def parse_header(value: Any) -> Header:
    """'用地面积（亩）', '用地面积(亩)', '用地面积/亩', ' 用地\\n面积 ' → name and unit."""
    written = _SPACES.sub("", str(value if value is not None else ""))
    text = to_half_width(written).replace("【", "[").replace("】", "]")
    name, unit = text, ""
    match = _UNIT.match(text) or _UNIT_SLASH.match(text)
    if match:
        name, unit = match.group(1), match.group(2)
        unit = unit.removeprefix("单位:").removeprefix("单位")
    name = name.strip("*").strip()
    return Header(text=written, name=name, unit=normalise_unit(unit))


def _spec_index(specs: Sequence[ColumnSpec]) -> dict[str, ColumnSpec]:
    index: dict[str, ColumnSpec] = {}
    for spec in specs:
        for name in (spec.label, *spec.aliases):
            index[parse_header(name).name] = spec
    return index


def _fill_merged(rows: list[list[Any]], ranges: Sequence[Any], last_row: int) -> None:
    """Copy a merged cell's value into every cell it covers (header rows only)."""
    for (r0, c0), (r1, c1) in ranges:
        if r0 > last_row or r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, last_row, len(rows) - 1) + 1):
            row = rows[r]
            row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value


def _score(row: Sequence[Any], index: dict[str, ColumnSpec]) -> int:
    return len({index[h.name].key for h in map(parse_header, row) if h.name in index})


def _find_header(rows: list[list[Any]], index: dict[str, ColumnSpec]) -> tuple[int, int] | None:
    """(first header row index, number of header rows), or None when nothing matches."""
    best: tuple[int, int, int] | None = None  # score, -row, -span
    for r in range(min(HEADER_SEARCH_ROWS, len(rows))):
        single = _score(rows[r], index)
        double = 0
        if r + 1 < len(rows):
            combined = _combine(rows[r], rows[r + 1], index)
            double = _score(combined, index)
        for span, score in ((1, single), (2, double)):
            candidate = (score, -r, -span)
            if score and (best is None or candidate > best):
                best = candidate
    if best is None:
        return None
    return -best[1], -best[2]


def _combine(upper: Sequence[Any], lower: Sequence[Any], index: dict[str, ColumnSpec]) -> list[Any]:
    """A header split over two rows (a group label above its columns): per column, the cell that
    names a known column, else the lower one, else the upper one."""
    width = max(len(upper), len(lower))
    combined: list[Any] = []
    for c in range(width):
        up = upper[c] if c < len(upper) else ""
        low = lower[c] if c < len(lower) else ""
        if parse_header(low).name in index:
            combined.append(low)
        elif parse_header(up).name in index:
            combined.append(up)
        else:
            combined.append(low if str(low).strip() else up)
    return combined


def _context_units(
    rows: list[list[Any]], start: int, span: int, index: dict[str, ColumnSpec]
) -> dict[int, str]:
    """Per column, the unit stated above the header: by a title row (for every column) or a
    group header (for the columns under it); the nearest row wins."""
    units: dict[int, str] = {}
    for r in range(start + (1 if span == 2 else 0)):
        row = rows[r]
        filled = [c for c, cell in enumerate(row) if cell not in ("", None)]
        for c in filled:
            unit = stated_unit(row[c])
            if not unit and r == start:  # the group header of a two-row header
                header = parse_header(row[c])
                unit = "" if header.name in index else header.unit
            if not unit:
                continue
            if len(filled) == 1:  # a title in one cell speaks for the whole table
                units.update(dict.fromkeys(range(max(map(len, rows[r : start + span]))), unit))
            else:
                units[c] = unit
    return units


def _under_header(rows: list[list[Any]], first: int) -> tuple[int, dict[int, str], dict[int, str]]:
    """Rows under the header that still belong to it: a units row, a 本年 / 上年同期 row.
    (the first data row, the units by column, the sub-header labels by column)"""
    units: dict[int, str] = {}
    labels: dict[int, str] = {}
    for r in range(first, min(first + 2, len(rows))):
        found_units = units_row(rows[r])
        found_labels = None if found_units else sub_header(rows[r])
        if not (found_units or found_labels):
            return r, units, labels
        units.update(found_units or {})
        labels.update(found_labels or {})
    return min(first + 2, len(rows)), units, labels


_FOOTER_STARTS = frozenset("合总小共填审制负单统报注说备")


def _build(
    sheet: str,
    rows: list[list[Any]],
    specs: Sequence[ColumnSpec],
    found: tuple[int, int],
    scan: SheetScan | None = None,
) -> Table:
    index = _spec_index(specs)
    start, span = found
    header_cells = rows[start] if span == 1 else _combine(rows[start], rows[start + 1], index)
    first, units_under, labels = _under_header(rows, start + span)
    context = _context_units(rows, start, span, index)
    table = Table(sheet, tuple(range(start + 1, start + span + 1)), {}, {}, [], [])
    later: list[tuple[str, int, str]] = []
    for c, cell in enumerate(header_cells):
        header = parse_header(cell)
        if not header.name or labels.get(c) in COMPARISON:  # 上年同期, 同比: not this file's
            continue
        spec = index.get(header.name)
        if spec is None:
            table.unknown.append(header.text)
            continue
        unit = header.unit or units_under.get(c, "")
        expected = normalise_unit(spec.unit)
        if not unit and expected and same_kind(context.get(c, ""), expected):
            unit = context[c]
        if spec.key in table.columns:
            later.append((spec.key, c, header.text))
        else:
            table.columns[spec.key] = c
            table.headers[spec.key] = Header(header.text, header.name, unit)
    table.missing = [s for s in specs if s.required and s.key not in table.columns]
    for r in range(first, len(rows)):
        row = rows[r]
        lead = row[0] if row else ""
        if lead == "" or lead is None or (type(lead) is str and not lead.strip()):
            # A row with no value (only blank or whitespace cells) is not data; the count is
            # the fast test, the scan stops at the first cell with text.
            blank = row.count("") + row.count(None)
            if blank == len(row) or not any(
                cell not in ("", None) and (type(cell) is not str or cell.strip()) for cell in row
            ):
                continue
            lead = _first_filled(row)
        if type(lead) is str and lead[:1] in _FOOTER_STARTS and is_footer(row):
            table.notes.append((r + 1, "", "footer_skipped", {"text": footer_text(row)}, False))
            continue
        table.row_numbers.append(r + 1)
        table.rows.append(row)
    for key, c, text in later:  # a second column for a field: refused unless it is empty
        if any(c < len(row) and row[c] not in ("", None) for row in table.rows):
            table.doubled.setdefault(key, [table.headers[key].text]).append(text)
    if scan is not None:
        _scanned_cells(table, specs, scan)
    return table


def _first_filled(row: Sequence[Any]) -> Any:
    return next((c for c in row if c not in ("", None)), "")


def _scanned_cells(table: Table, specs: Sequence[ColumnSpec], scan: SheetScan) -> None:
    """Error values and uncalculated formulas in the file's columns become problems of their
    rows; numbers shown as percentages in a percent column become percents."""
    keys = {c: key for key, c in table.columns.items()}
    data_rows = {n - 1: i for i, n in enumerate(table.row_numbers)}
    for (r, c), value in sorted(scan.errors.items()):
        if c in keys and r in data_rows:
            if value == "#N/A":
                table.notes.append((r + 1, keys[c], "na_blank", {}, False))
            else:
                table.notes.append((r + 1, keys[c], "cell_error", {"value": value}, True))
    for r, c in sorted(scan.uncalculated):
        if c in keys and r in data_rows:
            table.notes.append((r + 1, keys[c], "uncalculated", {}, True))
    percent = {table.columns[s.key] for s in specs if s.unit == "%" and s.key in table.columns}
    for r, c in scan.percent:
        if c in percent and r in data_rows:
            row = table.rows[data_rows[r]]
            if type(row[c]) in (float, int):
                row[c] = float(Decimal(repr(row[c])) * 100)


def read_table(
    data: bytes, filename: str, specs: Sequence[ColumnSpec], limits: Limits | None = None
) -> Table:
    """The sheet of the file whose header matches the specs, with its data rows."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise TableError(
            "too_big",
            size_mb=round(len(data) / 1024 / 1024, 1),
            limit_mb=round(limits.max_bytes / 1024 / 1024, 1),
        )
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    index = _spec_index(specs)
    if suffix == ".csv":
        rows = csv_rows(data, limits, extra_rows=HEADER_SEARCH_ROWS)
        position = _find_header(rows, index)
        if position is None:
            raise TableError("no_header", expected=[s.header for s in specs if s.required])
        table = _build("csv", rows, specs, position)
    elif suffix in SPREADSHEET_SUFFIXES:
        # Any file a reader would open as a zip is checked, wherever its zip starts (a
        # self-extracting archive puts a program in front).
        scans = check_zip(data, limits) if zipfile.is_zipfile(io.BytesIO(data)) else {}
        tall, wide = xls_extent(data)  # an .xls sheet's extent, from its own records
        if tall * wide > limits.max_cells:
            raise TableError("sheet_too_large", sheet=filename, rows=tall, columns=wide)
        table = _spreadsheet_table(data, specs, index, limits, scans)
    else:
        raise TableError("file_type", suffix=suffix or filename)
    if len(table.rows) > limits.max_rows:
        raise TableError("too_many_rows", limit=limits.max_rows)
    return table


def _spreadsheet_table(
    data: bytes,
    specs: Sequence[ColumnSpec],
    index: dict[str, ColumnSpec],
    limits: Limits,
    scans: dict[str, SheetScan],
) -> Table:
    """The one visible sheet that holds the kind's table; hidden sheets are never read, and
    several visible sheets with such a table are refused by name."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        hidden: list[str] = []
        tables: list[tuple[int, Table]] = []
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            scan = scans.get(meta.name)
            if scan is not None and scan.cells > limits.max_cells:
                raise TableError(
                    "sheet_too_large", sheet=meta.name, rows=scan.rows, columns=scan.columns
                )
            sheet = book.get_sheet_by_name(meta.name)
            if sheet.height > limits.max_rows + HEADER_SEARCH_ROWS:
                raise TableError("too_many_rows", limit=limits.max_rows)
            if sheet.height * sheet.width > limits.max_cells:  # .xls, .ods: after the fact
                raise TableError(
                    "sheet_too_large", sheet=meta.name, rows=sheet.height, columns=sheet.width
                )
            head = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS + 1)
            ranges = list(sheet.merged_cell_ranges or [])
            _fill_merged(head, ranges, HEADER_SEARCH_ROWS)
            position = _find_header(head, index)
            if position is None:
                continue
            if meta.visible != SheetVisibleEnum.Visible:
                hidden.append(meta.name)
                continue
            rows = sheet.to_python(skip_empty_area=False)
            _fill_merged(rows, ranges, position[0] + position[1] - 1)
            table = _build(meta.name, rows, specs, position, scan)
            tables.append((_score(_header_cells(rows, position, index), index), table))
    except CalamineError:
        raise TableError("corrupt") from None
    except (ValueError, OSError) as error:  # calamine's own errors for a broken file
        raise TableError("corrupt") from error
    if not tables:
        if hidden:
            raise TableError("hidden_sheet", sheets=hidden)
        raise TableError("no_header", expected=[s.header for s in specs if s.required])
    best = max(tables, key=lambda t: t[0])[1]
    # Another sheet with a whole table of the kind (its required columns and data) is not
    # dropped silently.
    full = [t for score, t in tables if score >= 2 and not t.missing and t.rows]
    if len(full) > 1:
        raise TableError("several_sheets", sheets=[t.sheet for t in full])
    return best


def _header_cells(rows: list[list[Any]], found: Any, index: dict[str, ColumnSpec]) -> list[Any]:
    start, span = found
    return list(rows[start]) if span == 1 else _combine(rows[start], rows[start + 1], index)
