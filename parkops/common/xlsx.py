"""Sending .xlsx: one response for every export and template, and a list's rows as a sheet.

    from parkops.common.xlsx import ExportColumn, xlsx_file, xlsx_response

    content = xlsx_file(columns=[ExportColumn("企业名称", "enterprise.name")], records=rows)
    return xlsx_response(content, dated("评价结果"))

Every cell goes through parkops.core.xlsx, so text starting with =, +, -, @ stays text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, TypeVar
from urllib.parse import quote

from django.db.models import Model
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from parkops.core.xlsx import XLSX_CONTENT_TYPE, table_sheet, xlsx_bytes

Getter = str | Callable[[Any], Any]
R = TypeVar("R", bound=HttpResponseBase)


def dated(name: str) -> str:
    """`name-YYYYMMDD-HHMM`: an export's file name says when it was taken."""
    return f"{name}-{timezone.localtime().strftime('%Y%m%d-%H%M')}"


def _ascii_fallback(filename: str) -> str:
    # For the rare client that ignores filename*: the name itself when it is plain ASCII.
    plain = filename.isascii() and all(c.isalnum() or c in "-_." for c in filename)
    return filename if plain else f"export{Path(filename).suffix}"


def xlsx_response(content: bytes | IO[bytes], filename: str) -> HttpResponse:
    """The one way to send an .xlsx: the workbook's bytes (or a buffer holding them) as a download
    named `filename` (".xlsx" added when missing) in UTF-8 (RFC 5987 `filename*`, with an ASCII
    `filename` for old clients), never stored by a browser or a proxy."""
    if not isinstance(content, bytes):
        content = content.getvalue() if hasattr(content, "getvalue") else content.read()
    if not filename.endswith(".xlsx"):
        filename = f"{filename}.xlsx"
    return download_headers(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), filename)


def download_headers(response: R, filename: str) -> R:
    """A generated file's download headers: named `filename` in UTF-8 (RFC 5987 `filename*`, with
    an ASCII `filename` for old clients), never stored by a browser or a proxy. xlsx_response uses
    it; so does a FileResponse that streams a stored generated file (a background job's result)."""
    response["Content-Disposition"] = (
        f'attachment; filename="{_ascii_fallback(filename)}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )
    add_never_cache_headers(response)
    return response


@dataclass(frozen=True)
class ExportColumn:
    header: str  # as the user reads it, with the unit: "用地面积（亩）"
    value: Getter  # an attribute path ("small_park.name") or a function of the record
    width: int = 14


def _get(record: Any, getter: Getter) -> Any:
    if callable(getter):
        return getter(record)
    value = record
    for part in getter.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, int | float | dt.date | str):
        return value
    if isinstance(value, Model):
        return str(value)
    return str(value)


def xlsx_file(
    *, columns: Sequence[ExportColumn], records: Iterable[Any], sheet: str = "数据"
) -> bytes:
    """Records as one sheet in the house style, one column per ExportColumn."""
    with xlsx_bytes() as (book, buffer):
        headers = [column.header for column in columns]
        widths = [column.width for column in columns]
        out, first = table_sheet(book, sheet, headers, widths=widths)
        for r, record in enumerate(records, start=first):
            for c, column in enumerate(columns):
                out.write(r, c, _cell(_get(record, column.value)))
    return buffer.getvalue()
