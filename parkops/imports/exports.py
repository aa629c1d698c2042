"""Lists to .xlsx, with the list's current filters. Reusable by every app's list pages.

Use from any app (see the registry's lists in parkops/imports/views.py):

    from parkops.imports.exports import ExportColumn, export_filtered

    @permission_required("evaluation.view_result", raise_exception=True)
    def result_export(request):
        return export_filtered(
            request,
            filterset_class=ResultFilterSet,          # the list page's own FilterSet
            queryset=selectors.result_list(user=request.user),   # role-scoped, as the page
            columns=[ExportColumn("企业名称", "enterprise.name"), ExportColumn("得分", "score")],
            filename="评价结果",
        )

and in the list's results partial (the part HTMX swaps, so the link keeps the filters):
`{% load imports %}{% export_link "evaluation:result_export" %}`.
Every cell goes through parkops.core.xlsx, so text starting with =, +, -, @ stays text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from parkops.core.cells import CellKind
from parkops.core.xlsx import XLSX_CONTENT_TYPE, table_sheet, xlsx_bytes
from parkops.imports.choices import ImportKind
from parkops.imports.kinds import Kind

Getter = str | Callable[[Any], Any]


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
    with xlsx_bytes() as (book, buffer):
        headers = [column.header for column in columns]
        widths = [column.width for column in columns]
        out, first = table_sheet(book, sheet, headers, widths=widths)
        for r, record in enumerate(records, start=first):
            for c, column in enumerate(columns):
                out.write(r, c, _cell(_get(record, column.value)))
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    name = quote(f"{filename}-{stamp}.xlsx")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


def export_filtered(
    request: HttpRequest,
    *,
    filterset_class: Any,
    queryset: QuerySet[Any],
    columns: Sequence[ExportColumn],
    filename: str,
) -> HttpResponse:
    """The list as the user filtered it (the same FilterSet, the same query string) as .xlsx."""
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    records = filterset.qs if filterset.is_valid() else queryset.none()
    sort = request.GET.get("sort", "")
    if sort.lstrip("-") in {f.name for f in queryset.model._meta.get_fields()}:
        records = records.order_by(sort)
    content = xlsx_file(columns=columns, records=records.iterator(chunk_size=2000))
    return xlsx_response(content, filename)


def _display(kind: Kind, key: str) -> Getter:
    spec = kind.spec(key)
    if kind.kind == ImportKind.FIGURES and key in ("uscc", "name"):
        return f"enterprise.{key}"
    if key in kind.references:
        return f"{key}.name"
    if spec.kind == CellKind.CHOICE:
        return lambda record: (
            getattr(record, f"get_{key}_display")() if getattr(record, key) else None
        )
    return key


def kind_columns(kind: Kind) -> list[ExportColumn]:
    """A kind's import columns as export columns: an exported list imports back unchanged."""
    return [
        ExportColumn(spec.header, _display(kind, spec.key), width=max(10, len(spec.header) * 2))
        for spec in kind.columns
    ]
