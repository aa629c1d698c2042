"""The indicators page (Table 1 with actuals, tiers and charts), its export, and one cell's sources."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.lists import export_xlsx
from parkops.common.versioning import version_of
from parkops.indicators import presenters, selectors, services
from parkops.indicators.choices import SourceKind
from parkops.indicators.exports import table_1_xlsx
from parkops.indicators.forms import ClearManualForm, ManualValueForm
from parkops.indicators.selectors import cell_get, scoreboard
from parkops.plan.caojing import YEARS


@permission_required("indicators.view_indicator", raise_exception=True)
def indicator_list(request: HttpRequest) -> HttpResponse:
    rows = scoreboard(sources=False)  # the cells link to their sources' page, which reads them
    charts = {str(row.indicator.number): presenters.chart_option(row) for row in rows}
    groups: list[tuple[str, list[object]]] = []
    for row in rows:
        if not groups or groups[-1][0] != row.indicator.group:
            groups.append((row.indicator.group, []))
        groups[-1][1].append(row)
    context = {
        "groups": groups,
        "rows": rows,
        "years": YEARS,
        "charts": charts,
        "current_year": timezone.localdate().year,
        "cards": [(row, presenters.forecast_method_text(row.forecast_method)) for row in rows],
    }
    return render(request, "indicators/indicator_list.html", context)


@permission_required("indicators.view_indicator", raise_exception=True)
def indicator_export(request: HttpRequest) -> HttpResponse:
    rows = scoreboard()
    return export_xlsx(
        request, rows, write=lambda: table_1_xlsx(rows, YEARS),
        filename=f"{_('主要指标')}-{timezone.localdate().isoformat()}",
    )  # fmt: skip


@permission_required("indicators.view_indicator", raise_exception=True)
def cell_detail(request: HttpRequest, number: int, year: int) -> HttpResponse:
    if year not in YEARS or not selectors.indicator_exists(number=number):
        raise Http404
    indicator, cell = cell_get(number=number, year=year)
    version = version_of(cell.manual) if cell.manual is not None else ""
    form = ManualValueForm(initial={"value": cell.value, "version": version})
    clear_form = ClearManualForm()
    if request.method == "POST":
        if not request.user.has_perm("indicators.change_manualvalue"):
            return HttpResponse(status=403)
        user = request.user
        assert isinstance(user, User)
        if "clear" in request.POST and cell.manual is not None:
            clear_form = ClearManualForm(request.POST)
            if clear_form.is_valid():
                services.manual_value_clear(
                    manual=cell.manual, reason=clear_form.cleaned_data["reason"]
                )
                messages.success(request, _("已恢复为计算值"))
                return HttpResponseRedirect(request.path)
        else:
            form = ManualValueForm(request.POST)
            if form.is_valid():
                try:
                    services.manual_value_set(
                        indicator=indicator, year=year, user=user, **form.cleaned_data
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("已保存人工填报值"))
                    return HttpResponseRedirect(request.path)
    context = {
        "indicator": indicator,
        "cell": cell,
        "kind": cell.computed.source_kind,
        "source_kinds": SourceKind,
        "basis": [(str(k.label), v) for k, v in cell.computed.basis.items()],
        "sources": selectors.cell_sources(
            user=request.user, kind=cell.computed.source_kind, ids=cell.computed.source_ids
        ),
        "unknown": selectors.cell_sources(
            user=request.user, kind=SourceKind.ENTERPRISE, ids=cell.computed.unknown_ids
        ),
        "counting_rule": presenters.counting_rule_text(indicator.computation),
        "form": form,
        "clear_form": clear_form,
        "history": selectors.manual_value_history(indicator=indicator, year=year),
        "back": reverse("indicators:indicator_list") + f"#indicator-{number}",
    }
    return render(request, "indicators/cell_detail.html", context)
