"""Reading the park's spreadsheets: .xlsx/.xls through python-calamine, .csv in UTF-8 or GBK.

No Django here. `read_table` checks the limits (file size, an .xlsx's uncompressed size before
any parsing, so a zip bomb is refused rather than exhausting memory, and the row count), finds
the header row by the column names it knows (title rows above it, merged header cells, headers
split over two rows, units in brackets), and returns the data rows with their row numbers as the
user sees them in Excel. Problems are raised as TableError with a code and parameters; the
Django layer translates them.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from parkops.core.cells import ColumnSpec
from parkops.core.text import to_half_width

HEADER_SEARCH_ROWS = 30
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
_UNIT = re.compile(r"^(.*?)[(\[](.*?)[)\]]\s*$")
_UNIT_SLASH = re.compile(r"^(.*?)[/:]\s*(万元|元|亿元|亩|公顷|㎡|m2|m²|平方米|吨标准煤|吨|人|%)$")
_SPACES = re.compile(r"\s+")
# Spellings of the same unit.
UNIT_SYNONYMS = {
    "m2": "㎡",
    "m²": "㎡",
    "平方米": "㎡",
    "平米": "㎡",
    "吨标煤": "吨标准煤",
    "tce": "吨标准煤",
    "万吨标准煤": "万吨标准煤",
    "个": "人",
    "名": "人",
}


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_rows: int = 200_000


class TableError(Exception):
    """A problem with the file as a whole: code and parameters, translated by the caller."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


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

    def column(self, key: str) -> list[Any]:
        index = self.columns[key]
        try:  # calamine's rows are all full width: the fast way
            return list(map(itemgetter(index), self.rows))
        except IndexError:  # a short CSV line
            return [row[index] if index < len(row) else "" for row in self.rows]


def normalise_unit(unit: str) -> str:
    unit = _SPACES.sub("", to_half_width(unit))
    return UNIT_SYNONYMS.get(unit, unit)


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


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse an .xlsx that unpacks to more than the limit, before any reader unpacks it.

    The sizes in the zip directory are the file's own claim, checked first; then every member's
    compressed stream is inflated (its output counted and dropped, a chunk at a time), so a file
    whose directory understates its sizes cannot pass either."""
    limit = limits.max_uncompressed_bytes
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except zipfile.BadZipFile:
        raise TableError("corrupt") from None
    total = sum(info.file_size for info in infos)
    if total <= limit:
        total = 0
        for info in infos:
            total += _inflated_size(data, info, limit - total)
            if total > limit:
                break
    if total > limit:
        raise TableError(
            "zip_bomb",
            size_mb=round(total / 1024 / 1024),
            limit_mb=round(limit / 1024 / 1024),
        )


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length
_INFLATE_CHUNK = 4 * 1024 * 1024


def _inflated_size(data: bytes, info: zipfile.ZipInfo, room: int) -> int:
    """What the member really unpacks to, counting no further than just past `room`."""
    try:
        signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, info.header_offset)
    except struct.error:
        raise TableError("corrupt") from None
    if signature != b"PK\x03\x04":
        raise TableError("corrupt")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    stream = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        return len(stream)
    if info.compress_type != zipfile.ZIP_DEFLATED:  # Excel writes only these two
        raise TableError("corrupt")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    pending: bytes | memoryview = stream
    try:
        while not inflater.eof and size <= room:
            out = len(inflater.decompress(pending, _INFLATE_CHUNK))
            size += out
            pending = inflater.unconsumed_tail
            if not pending and out < _INFLATE_CHUNK:  # all read (a truncated stream ends here)
                break
    except zlib.error:
        raise TableError("corrupt") from None
    return size


def _decode_csv(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # GB 18030 is a superset of GBK and GB 2312
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("encoding")


def _csv_rows(data: bytes, limits: Limits) -> list[tuple[str, list[list[Any]]]]:
    text = _decode_csv(data)
    if text.count("\n") > limits.max_rows + HEADER_SEARCH_ROWS:
        raise TableError("too_many_rows", limit=limits.max_rows)
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):  # one column, or an odd file: plain commas
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    return [("csv", list(csv.reader(io.StringIO(text), dialect)))]


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


def _build(
    sheet: str, rows: list[list[Any]], specs: Sequence[ColumnSpec], found: tuple[int, int]
) -> Table:
    index = _spec_index(specs)
    start, span = found
    header_cells = rows[start] if span == 1 else _combine(rows[start], rows[start + 1], index)
    columns: dict[str, int] = {}
    headers: dict[str, Header] = {}
    unknown: list[str] = []
    for c, cell in enumerate(header_cells):
        header = parse_header(cell)
        if not header.name:
            continue
        spec = index.get(header.name)
        if spec is None:
            unknown.append(header.text)
        elif spec.key not in columns:
            columns[spec.key] = c
            headers[spec.key] = header
    missing = [s for s in specs if s.required and s.key not in columns]
    table = Table(
        sheet=sheet,
        header_rows=tuple(range(start + 1, start + span + 1)),
        columns=columns,
        headers=headers,
        unknown=unknown,
        missing=missing,
    )
    for r in range(start + span, len(rows)):
        row = rows[r]
        blank = row.count("") + row.count(None)
        # A row with no value (only blank or whitespace cells) is not data; the count is the fast
        # test, the scan stops at the first cell with text.
        if blank < len(row) and any(
            cell not in ("", None) and (type(cell) is not str or cell.strip()) for cell in row
        ):
            table.row_numbers.append(r + 1)
            table.rows.append(row)
    return table


def read_table(
    data: bytes, filename: str, specs: Sequence[ColumnSpec], limits: Limits | None = None
) -> Table:
    """The sheet of the file whose header matches the specs best, with its data rows."""
    limits = limits or Limits()
    if len(data) > limits.max_bytes:
        raise TableError(
            "too_big",
            size_mb=round(len(data) / 1024 / 1024, 1),
            limit_mb=round(limits.max_bytes / 1024 / 1024, 1),
        )
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    index = _spec_index(specs)
    candidates: list[tuple[str, list[list[Any]], tuple[int, int] | None, list[Any]]]
    if suffix == ".csv":
        sheets = _csv_rows(data, limits)
        candidates = [(name, rows, _find_header(rows, index), []) for name, rows in sheets]
    elif suffix in SPREADSHEET_SUFFIXES:
        if data[:2] == b"PK":
            _check_zip(data, limits)
        candidates = _spreadsheet_candidates(data, index, limits)
    else:
        raise TableError("file_type", suffix=suffix or filename)
    found = [c for c in candidates if c[2] is not None]
    if not found:
        raise TableError("no_header", expected=[s.header for s in specs if s.required])
    best = max(found, key=lambda c: _score(_header_cells(c[1], c[2], index), index))
    name, rows, position, _ = best
    assert position is not None
    table = _build(name, rows, specs, position)
    if len(table.rows) > limits.max_rows:
        raise TableError("too_many_rows", limit=limits.max_rows)
    return table


def _header_cells(rows: list[list[Any]], found: Any, index: dict[str, ColumnSpec]) -> list[Any]:
    start, span = found
    return list(rows[start]) if span == 1 else _combine(rows[start], rows[start + 1], index)


def _spreadsheet_candidates(
    data: bytes, index: dict[str, ColumnSpec], limits: Limits
) -> list[tuple[str, list[list[Any]], tuple[int, int] | None, list[Any]]]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        candidates: list[tuple[str, list[list[Any]], tuple[int, int] | None, list[Any]]] = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            if sheet.height > limits.max_rows + HEADER_SEARCH_ROWS:
                raise TableError("too_many_rows", limit=limits.max_rows)
            head = sheet.to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS + 1)
            ranges = list(sheet.merged_cell_ranges or [])
            _fill_merged(head, ranges, HEADER_SEARCH_ROWS)
            position = _find_header(head, index)
            if position is None:
                continue
            rows = sheet.to_python(skip_empty_area=False)
            _fill_merged(rows, ranges, position[0] + position[1] - 1)
            candidates.append((name, rows, position, ranges))
        return candidates
    except CalamineError:
        raise TableError("corrupt") from None
    except (ValueError, OSError) as error:  # calamine's own errors for a broken file
        raise TableError("corrupt") from error
