"""Reading a CSV file as an office sends it: its encoding, its delimiter, its line ends."""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from typing import Any

from parkops.core.tablebase import Limits, TableError

_SPREADSHEET_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx (a zip), .xls (OLE)
csv.field_size_limit(sys.maxsize)  # a long cell is refused by its column's length, by row


def _decode_csv(data: bytes) -> str:
    if data.startswith(_SPREADSHEET_MAGIC):
        raise TableError("spreadsheet_as_csv")
    for encoding in ("utf-8-sig", "gb18030"):  # GB 18030 is a superset of GBK and GB 2312
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("encoding")


def csv_rows(data: bytes, limits: Limits, *, extra_rows: int) -> list[list[Any]]:
    """The rows of a CSV file (UTF-8, with or without BOM, or GB 18030), any line ends; more
    than `limits.max_rows` + `extra_rows` lines (title and header rows) are refused."""
    text = _decode_csv(data).replace("\x00", "")
    # Lines end in LF, CRLF or (Excel's "CSV (Macintosh)") CR alone.
    if max(text.count("\n"), text.count("\r")) > limits.max_rows + extra_rows:
        raise TableError("too_many_rows", limit=limits.max_rows)
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):  # one column, or an odd file: plain commas
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        return list(reader)
    except csv.Error:
        raise TableError("bad_csv", line=reader.line_num) from None
