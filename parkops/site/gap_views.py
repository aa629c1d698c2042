"""The park office's 数据待补 page and its export."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.lists import export_xlsx
from parkops.common.xlsx import ExportColumn, dated, xlsx_file
from parkops.site.gaps import data_gaps, figures_year, gaps_readable_by, quarter_start


def data_gaps_page(request: HttpRequest) -> HttpResponse:
    if not gaps_readable_by(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    sections = data_gaps(today=today)
    context = {
        "sections": sections,
        "total": sum(s.count for s in sections),
        "year": figures_year(today),
        "since": quarter_start(today),
    }
    return render(request, "site/data_gaps.html", context)


def data_gaps_export(request: HttpRequest) -> HttpResponse:
    if not gaps_readable_by(request.user):
        raise PermissionDenied
    rows = [(section, gap) for section in data_gaps() for gap in section.gaps]
    columns = [
        ExportColumn(_("类别"), lambda r: str(r[0].title), width=24),
        ExportColumn(_("名称"), lambda r: r[1].subject, width=36),
        ExportColumn(_("缺少"), lambda r: r[1].missing, width=36),
        ExportColumn(_("补录链接"), lambda r: request.build_absolute_uri(r[1].fix_url), width=48),
    ]
    return export_xlsx(
        request, rows, write=lambda: xlsx_file(columns=columns, records=rows, sheet=_("数据待补")),
        filename=dated(_("数据待补")),
    )  # fmt: skip
