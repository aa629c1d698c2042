"""What python-calamine does not say about an .xlsx, read from its XML a chunk at a time.

No Django here. calamine reads the cell values; it does not say which cells are formatted as
percentages, which are error values (#DIV/0!, #REF!) or formulas Excel never calculated (both come
back blank), and it allocates a sheet's whole rectangle (rows × columns) before anyone can look at
its size. The zip check inflates every member anyway (to refuse zip bombs); while it does, the
worksheets' XML is scanned here for the sheet's extent and those cells. Everything is bounded:
chunks of a few MB, small regular expressions, the styles and workbook parts capped in size.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from parkops.core.tablebase import Limits, TableError

Cell = tuple[int, int]  # 0-based row, column

_ROW = re.compile(rb'<row\b[^>]*?\br="(\d{1,9})"')
_WIDE = re.compile(rb'<c r="([A-Z]{2,3})\d')  # a cell past column Z (only the letters matter)
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]{1,3}\d{1,9}:?([A-Z]{0,3})(\d{0,9})"')
_CELL_START = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,9})"([^>]*?)(/?)>')
_ERROR = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,9})"[^>]*?\bt="e"[^>]*>'
    rb"\s*(?:<f\b[^>]*?(?:/>|>[^<]*</f>))?\s*<v>([^<]{0,40})</v>"
)
_FORMULA_ALONE = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,9})"[^>]*>\s*<f\b[^>]*?(?:/>|>[^<]*</f>)\s*</c>'
)
_STYLE = re.compile(rb'\bs="(\d{1,6})"')
_NUM_FMT = re.compile(rb'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"')
_CELL_XFS = re.compile(rb"<cellXfs\b.*?</cellXfs>", re.S)
_XF = re.compile(rb"<xf\b([^>]*)")
_XF_FMT = re.compile(rb'numFmtId="(\d+)"')
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
PERCENT_FORMATS = frozenset({9, 10})  # Excel's built-in 0% and 0.00%
_TAIL = 4096  # bytes kept from one chunk to the next, so that no tag is cut in two
SMALL_PART = 4 * 1024 * 1024  # styles, workbook and relationships are read whole up to this


def column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + char - 64
    return index - 1


def _unescape(text: bytes) -> str:
    value = text.decode("utf-8", "replace")
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'")):
        value = value.replace(entity, char)
    return value.replace("&amp;", "&")


@dataclass
class SheetScan:
    rows: int = 0  # the last row number used
    columns: int = 0  # the last column number used (1-based)
    errors: dict[Cell, str] = field(default_factory=dict)  # #DIV/0!, #REF!, #N/A …
    uncalculated: set[Cell] = field(default_factory=set)  # formulas with no stored result
    percent: set[Cell] = field(default_factory=set)  # cells shown as percentages

    @property
    def cells(self) -> int:
        """The size of the rectangle a reader allocates for the sheet."""
        return self.rows * self.columns


class SheetScanner:
    """Fed the inflated XML of one worksheet, chunk by chunk."""

    def __init__(self, percent_styles: frozenset[int]) -> None:
        self.scan = SheetScan(columns=1)
        self._percent = percent_styles
        self._tail = b""
        self._first = True

    def feed(self, chunk: bytes) -> None:
        text = self._tail + chunk
        # A match is counted once: only in the part of `text` that reaches past the old tail.
        fresh = len(self._tail)
        scan = self.scan
        if self._first:
            self._first = False
            dimension = _DIMENSION.search(text, 0, 8192)
            if dimension and dimension.group(2):
                scan.rows = max(scan.rows, int(dimension.group(2)))
                scan.columns = max(scan.columns, column_index(dimension.group(1)) + 1)
        rows = _ROW.findall(text, max(0, fresh - 64))
        if rows:
            scan.rows = max(scan.rows, max(map(int, rows)))
        wide = set(_WIDE.findall(text, max(0, fresh - 16)))
        if wide:
            scan.columns = max(scan.columns, *(column_index(w) + 1 for w in wide))
        if b't="e"' in text:
            for m in _ERROR.finditer(text):
                if m.end() > fresh:
                    scan.errors[self._cell(m)] = _unescape(m.group(3))
        if b"<f" in text:
            for m in _FORMULA_ALONE.finditer(text):
                if m.end() > fresh:
                    scan.uncalculated.add(self._cell(m))
        if self._percent and b' s="' in text:
            for m in _CELL_START.finditer(text):
                if m.end() <= fresh:
                    continue
                style = _STYLE.search(m.group(3))
                if style and int(style.group(1)) in self._percent:
                    scan.percent.add(self._cell(m))
        self._tail = text[-_TAIL:]

    def _cell(self, match: re.Match[bytes]) -> Cell:
        row, column = int(match.group(2)) - 1, column_index(match.group(1))
        self.scan.rows = max(self.scan.rows, row + 1)
        self.scan.columns = max(self.scan.columns, column + 1)
        return row, column


def percent_styles(styles_xml: bytes) -> frozenset[int]:
    """The cell style indexes whose number format shows a percentage."""
    percent_formats = set(PERCENT_FORMATS)
    for number, code in _NUM_FMT.findall(styles_xml):
        # A % outside quotes and brackets (a literal "%" in quotes is only text).
        bare = re.sub(rb'"[^"]*"|\[[^\]]*\]|\\.', b"", code.replace(b"&quot;", b'"'))
        if b"%" in bare:
            percent_formats.add(int(number))
    block = _CELL_XFS.search(styles_xml)
    if block is None:
        return frozenset()
    found = set()
    for index, attributes in enumerate(_XF.findall(block.group(0))):
        number = _XF_FMT.search(attributes)
        if number and int(number.group(1)) in percent_formats:
            found.add(index)
    return frozenset(found)


def sheet_paths(workbook_xml: bytes, rels_xml: bytes) -> dict[str, str]:
    """Worksheet part (as named in the zip) -> the sheet's name."""
    targets = dict(_REL.findall(rels_xml))
    targets.update({rid: target for target, rid in _REL_REVERSED.findall(rels_xml)})
    paths: dict[str, str] = {}
    for name, rid in _SHEET.findall(workbook_xml):
        target = targets.get(rid)
        if target is None:
            continue
        path = target.decode("utf-8", "replace")
        path = path.lstrip("/") if path.startswith("/") else "xl/" + path
        paths[path] = _unescape(name)
    return paths


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature … file name length, extra field length
_INFLATE_CHUNK = 4 * 1024 * 1024
_SMALL_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml")


def _member_chunks(data: bytes, info: zipfile.ZipInfo, room: int) -> Iterator[bytes]:
    """The member's inflated bytes a chunk at a time, stopping once past `room` bytes."""
    try:
        signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, info.header_offset)
    except struct.error:
        raise TableError("corrupt") from None
    if signature != b"PK\x03\x04":
        raise TableError("corrupt")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    stream = memoryview(data)[start : start + info.compress_size]
    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(0, min(len(stream), room + 1), _INFLATE_CHUNK):
            yield bytes(stream[at : at + _INFLATE_CHUNK])
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:  # Excel writes only these two
        raise TableError("corrupt")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size = 0
    pending: bytes | memoryview = stream
    try:
        while not inflater.eof and size <= room:
            out = inflater.decompress(pending, _INFLATE_CHUNK)
            size += len(out)
            yield out
            pending = inflater.unconsumed_tail
            if not pending and len(out) < _INFLATE_CHUNK:  # all read (a truncated one ends here)
                break
    except zlib.error:
        raise TableError("corrupt") from None


def _small_part(data: bytes, infos: dict[str, zipfile.ZipInfo], name: str) -> bytes:
    info = infos.get(name)
    if info is None:
        return b""
    return b"".join(_member_chunks(data, info, SMALL_PART))[:SMALL_PART]


def check_zip(data: bytes, limits: Limits) -> dict[str, SheetScan]:
    """Refuse a zip that unpacks to more than the limit, before any reader unpacks it, and scan
    its worksheets (by sheet name) on the way.

    The sizes in the zip directory are the file's own claim, checked first; then every member's
    compressed stream is inflated (its output counted and dropped, a chunk at a time), so a file
    whose directory understates its sizes cannot pass either."""
    limit = limits.max_uncompressed_bytes
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TableError("corrupt") from None
    claimed = sum(info.file_size for info in infos)
    if claimed > limit:
        raise TableError(
            "zip_bomb", size_mb=round(claimed / 1024 / 1024), limit_mb=round(limit / 1024 / 1024)
        )
    by_name = {info.filename: info for info in infos}
    paths = sheet_paths(*(_small_part(data, by_name, n) for n in _SMALL_PARTS[:2]))
    percent = percent_styles(_small_part(data, by_name, _SMALL_PARTS[2]))
    scans: dict[str, SheetScan] = {}
    total = 0
    for info in infos:
        sheet = paths.get(info.filename)
        scanner = SheetScanner(percent) if sheet is not None else None
        for chunk in _member_chunks(data, info, limit - total):
            total += len(chunk)
            if total > limit:
                raise TableError("zip_bomb", size_mb=None, limit_mb=round(limit / 1024 / 1024))
            if scanner is not None:
                scanner.feed(chunk)
        if scanner is not None and sheet is not None:
            scans[sheet] = scanner.scan
    return scans


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An .xls sheet's DIMENSIONS record (BIFF8): type 0x0200, length 14, then the first row, the
# last row + 1 (4 bytes each), the first column and the last column + 1 (2 bytes each).
_BIFF_DIMENSIONS = re.compile(rb"\x00\x02\x0e\x00(.{12})", re.S)
_BIFF_EXTENT = struct.Struct("<IIHH")


def xls_extent(data: bytes) -> tuple[int, int]:
    """The largest (rows, columns) an .xls file's sheets declare; (0, 0) for another file."""
    if not data.startswith(OLE_MAGIC):
        return 0, 0
    rows = columns = 0
    for match in _BIFF_DIMENSIONS.finditer(data):
        _first_row, last_row, _first_column, last_column = _BIFF_EXTENT.unpack(match.group(1))
        rows, columns = max(rows, last_row), max(columns, last_column)
    return rows, columns
