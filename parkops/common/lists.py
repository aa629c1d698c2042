"""One list page: FilterSet + Table + HTMX results partial + export of the same filtered rows.

A list view builds its filter over the role-scoped rows and its table, and hands both here:

    def _enterprises(request):                       # one filter for the page and the export
        return EnterpriseFilterSet(request.GET, queryset=selectors.enterprise_list(user=...))

    def enterprise_list(request):
        filterset = _enterprises(request)
        return list_page(
            request, "registry/enterprise_list.html", filterset, EnterpriseTable(filterset.qs),
            exports=[Export(_("导出 Excel"), reverse("imports:export_enterprises"))],
        )

    def enterprise_export(request):                  # the same rows, in the same sort
        return export_filtered(request, _enterprises(request), columns=..., filename=_("企业"))

The page template includes "common/_filter_form.html" and "common/_results.html"; an HTMX request
(a filter change, a sort, a page) gets the results partial alone. The export links are drawn inside
that partial with the current query string, so after a filter change they export what is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence, Sized
from dataclasses import dataclass
from types import SimpleNamespace
from typing import IO, Any

from django.conf import settings
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parkops.common.pages import table_paginate
from parkops.common.xlsx import ExportColumn, dated, xlsx_file, xlsx_response

RESULTS = "common/_results.html"
# Rows read at a time while an export is written. A queryset's prefetch runs once per chunk, and
# Django 5.2 prefetches a foreign key with a tuple IN that SQLite expands into one comparison per
# row, refused past about 1,000 rows ("Expression tree is too large"): a chunk stays below that.
EXPORT_CHUNK = 500

DeferExport = Callable[[HttpRequest], HttpResponse]
# How an export too large to write inside a request goes on the job queue: registered by the
# ops app (AppConfig.ready), which this floor may not import. None: every export is written inline.
_defer_export: list[DeferExport] = []


def export_deferral_register(defer: DeferExport) -> None:
    _defer_export[:] = [defer]


def _deferred(request: HttpRequest, rows: QuerySet[Any] | Sized) -> HttpResponse | None:
    """The job's page for an export of more than PARKOPS_EXPORT_INLINE_ROWS rows asked by a
    person (a worker replaying the export writes it), else None. Counting a queryset stops past
    the limit; rows computed in Python (a list) are counted as they are."""
    if not _defer_export or getattr(request, "parkops_in_job", False):
        return None
    limit: int = settings.PARKOPS_EXPORT_INLINE_ROWS
    count = rows[: limit + 1].count() if isinstance(rows, QuerySet) else len(rows)
    if count <= limit:
        return None
    return _defer_export[0](request)


def export_xlsx(
    request: HttpRequest,
    rows: QuerySet[Any] | Sized,
    *,
    write: Callable[[], bytes | IO[bytes]],
    filename: str,
) -> HttpResponse:
    """Every list export ends here, whatever writes its file (one sheet or several, its own
    columns): past PARKOPS_EXPORT_INLINE_ROWS `rows` the user gets the job's page and a worker
    replays the view to write the file; a smaller export is written now, by `write()`.

    Call it after the view's permission checks (a refused user gets 403 and no job), with the
    rows the file lists; `write` is called only when the file is written in this request:

        rows = _visits(request).qs
        return export_xlsx(request, rows, write=lambda: visits_xlsx(rows), filename=...)
    """
    deferred = _deferred(request, rows)
    if deferred is not None:
        return deferred
    return xlsx_response(write(), filename)


@dataclass(frozen=True)
class Export:
    """A download of the list's rows: its label and its URL without a query string."""

    label: str
    url: str
    id: str = ""  # the link's HTML id, for the pages and tests that name one link
    params: tuple[tuple[str, str], ...] = ()  # fixed parameters: (("format", "xlsx"),)


def export_links(request: HttpRequest, exports: Sequence[Export]) -> list[Export]:
    """The exports with the list's current filters and sort (not its page number)."""
    links = []
    for export in exports:
        query = request.GET.copy()
        query.pop("page", None)
        for name, value in export.params:
            query[name] = value
        suffix = f"?{query.urlencode()}" if query else ""
        links.append(Export(export.label, f"{export.url}{suffix}", export.id))
    return links


def list_page(
    request: HttpRequest,
    template: str,
    filterset: Any,
    table: Any,
    *,
    exports: Sequence[Export] = (),
    context: Mapping[str, object] | None = None,
    results: str = RESULTS,
) -> HttpResponse:
    """The whole list page, or for an HTMX request only its results (table, count, exports).

    `filterset` is a FilterSet, or a plain form for rows computed in Python (the filter partial
    reads `filter.form` either way); the table is paginated here, with the page size bounded."""
    table_paginate(request, table)
    if isinstance(filterset, BaseForm):
        filterset = SimpleNamespace(form=filterset)
    page_context = {
        "filter": filterset,
        "table": table,
        "exports": export_links(request, exports),
        **(context or {}),
    }
    is_htmx = bool(getattr(request, "htmx", False))
    return render(request, results if is_htmx else template, page_context)


def export_rows(
    request: HttpRequest, filterset: Any, *, order: Sequence[str] = ()
) -> QuerySet[Any]:
    """The rows the list shows for this query string: in the list's sort when it sorts by a
    field, else in `order`."""
    rows: QuerySet[Any] = filterset.qs
    sort = request.GET.get("sort", "")
    if sort.lstrip("-") in {f.name for f in rows.model._meta.get_fields()}:
        return rows.order_by(sort)
    return rows.order_by(*order) if order else rows


def export_filtered(
    request: HttpRequest,
    filterset: Any,
    *,
    columns: Sequence[ExportColumn],
    filename: str,
    order: Sequence[str] = (),
) -> HttpResponse:
    """The list as the user filtered it (the same FilterSet, the same query string) as .xlsx, one
    column per ExportColumn, the file name dated; a large one by a worker (`export_xlsx`)."""
    rows = export_rows(request, filterset, order=order)
    return export_xlsx(
        request,
        rows,
        write=lambda: xlsx_file(columns=columns, records=rows.iterator(chunk_size=EXPORT_CHUNK)),
        filename=dated(filename),
    )
