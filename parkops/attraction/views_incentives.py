"""The joint scheme's incentive ledger (联合招商奖励台账): every small park's entries for the park
office, who computes a year; a small-park owner reads his own park's; anyone else is refused."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkops.attraction import exports, selectors
from parkops.attraction.filtersets import IncentiveFilterSet
from parkops.attraction.forms import IncentiveComputeForm
from parkops.attraction.incentives import default_incentive_rules, incentive_ledger_compute
from parkops.attraction.tables import IncentiveTable, IncentiveTotalTable
from parkops.common.lists import Export, export_filtered, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.common.xlsx import dated, xlsx_response
from parkops.registry.models import SmallPark

VIEW = "attraction.view_incentiveentry"


def _parks(request: HttpRequest) -> QuerySet[SmallPark]:
    parks = selectors.incentive_parks(request.user)
    if parks is None:
        raise PermissionDenied
    return parks


def _entries(request: HttpRequest) -> IncentiveFilterSet:
    parks = _parks(request)
    return IncentiveFilterSet(
        request.GET, queryset=selectors.incentive_entries(parks), parks=parks.order_by("name")
    )


@permission_required(VIEW, raise_exception=True)
def incentive_ledger(request: HttpRequest) -> HttpResponse:
    filterset = _entries(request)
    can_compute = request.user.has_perm("attraction.add_incentiveentry")
    return list_page(
        request, "attraction/incentive_ledger.html", filterset, IncentiveTable(filterset.qs),
        exports=[
            Export(_("导出汇总"), reverse("attraction:incentive_totals_export"), id="export-totals"),
            Export(_("导出明细"), reverse("attraction:incentive_export"), id="export"),
        ],
        context={
            "totals": IncentiveTotalTable(list(selectors.incentive_totals(filterset.qs))),
            "rules": default_incentive_rules(),
            "compute_form": IncentiveComputeForm() if can_compute else None,
        },
        results="attraction/_incentive_results.html",
    )  # fmt: skip


@permission_required(VIEW, raise_exception=True)
def incentive_export(request: HttpRequest) -> HttpResponse:
    return export_filtered(
        request, _entries(request), columns=exports.incentive_columns(),
        filename=_("联合招商奖励明细"), order=("-year", "small_park__name", "lead__company_name"),
    )  # fmt: skip


@permission_required(VIEW, raise_exception=True)
def incentive_totals_export(request: HttpRequest) -> HttpResponse:
    rows = selectors.incentive_totals(_entries(request).qs)
    return xlsx_response(exports.incentive_totals_xlsx(rows), dated(_("联合招商奖励汇总")))


@require_POST
@permission_required("attraction.add_incentiveentry", raise_exception=True)
def incentive_compute(request: AuthedHttpRequest) -> HttpResponse:
    form = IncentiveComputeForm(request.POST)
    target = reverse("attraction:incentive_ledger")
    if not form.is_valid():
        messages.error(request, _("请填写有效的计算年度（2000—2100）"))
        return HttpResponseRedirect(target)
    try:
        change = incentive_ledger_compute(user=request.user, year=form.cleaned_data["year"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return HttpResponseRedirect(target)
    messages.success(
        request,
        _("已按规则 %(version)s 计算 %(year)s 年：新增 %(added)s 条，更新 %(changed)s 条，"
          "删除 %(removed)s 条，未变 %(kept)s 条")
        % {"version": change.version, "year": change.year, "added": change.added,
           "changed": change.changed, "removed": change.removed, "kept": change.kept},
    )  # fmt: skip
    return HttpResponseRedirect(f"{target}?year={change.year}")
