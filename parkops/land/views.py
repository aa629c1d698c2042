"""Pages of the land app. Each reads through a selector and writes through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkops.common.forms import add_service_errors
from parkops.common.history import history_of
from parkops.common.lists import Export, export_xlsx, list_page
from parkops.common.pages import year_from_query
from parkops.common.records import enterprise_flags
from parkops.land import selectors, services
from parkops.land.choices import LandActionKind
from parkops.land.exports import SHEET_TITLES, annex3_xlsx
from parkops.land.filtersets import BatchFilterSet, ControlEntryFilterSet, LandActionFilterSet
from parkops.land.forms import (
    BatchForm,
    ControlEntryForm,
    LandActionForm,
    OccupantForm,
    PlotProgressForm,
    ResettlementForm,
)
from parkops.land.models import ControlListEntry, PlotProgress
from parkops.land.tables import BatchTable, ControlEntryTable, LandActionTable
from parkops.plan.selectors import fact_label, plots_in_conflict
from parkops.registry.selectors import plot_get, plots_visible_to


def _year(request: HttpRequest) -> int:
    return year_from_query(request, lambda: timezone.localdate().year)


def _actions(request: HttpRequest) -> LandActionFilterSet:
    return LandActionFilterSet(request.GET, queryset=selectors.actions_visible_to(request.user))


# 附件 3's three lists, each in its annex's columns; they export the rows the filters show.
ACTION_EXPORTS = (
    (LandActionKind.REVITALISE, gettext_lazy("导出：低效地块盘活计划清单")),
    (LandActionKind.VACATE, gettext_lazy("导出：低效腾退企业计划清单")),
    (LandActionKind.UPGRADE, gettext_lazy("导出：低效提升企业计划清单")),
)


@permission_required("land.view_landaction", raise_exception=True)
def action_list(request: HttpRequest) -> HttpResponse:
    filterset = _actions(request)
    conflicted = {r.pk for c in selectors.action_conflicts() for _v, r in c.values}
    exports = [
        Export(str(label), reverse("land:action_export", args=[kind]), id=f"export-{kind}")
        for kind, label in ACTION_EXPORTS
    ]
    return list_page(
        request,
        "land/action_list.html",
        filterset,
        LandActionTable(filterset.qs, conflicted=conflicted),
        exports=exports,
        context={"kinds": LandActionKind},
    )


@permission_required("land.view_landaction", raise_exception=True)
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    context = {
        "action": action,
        "conflicts": selectors.conflicts_of(action),
        "history": history_of(action),
    }
    return render(request, "land/action_detail.html", context)


def _save_form(
    request: HttpRequest, form: Any, save: Any, template: str, context: dict[str, Any]
) -> HttpResponse:
    """Validate a form, save through the service, and show a service error beside the form."""
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "change_reason"}
        try:
            record = save(data, form.cleaned_data.get("change_reason") or "")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(context.get("next") or record.get_absolute_url())
    return render(request, template, {"form": form, **context})


@permission_required("land.add_landaction", raise_exception=True)
def action_new(request: HttpRequest) -> HttpResponse:
    form = LandActionForm(request.POST or None)
    return _save_form(
        request, form, lambda d, r: services.land_action_create(data=d, reason=r),
        "web/form_page.html", {"title": _("新增处置项目"), "next": reverse("land:action_list")},
    )  # fmt: skip


@permission_required("land.change_landaction", raise_exception=True)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.action_get(user=request.user, pk=pk)
    form = LandActionForm(request.POST or None, instance=action)
    return _save_form(
        request, form,
        lambda d, r: services.land_action_update(
            action=action, data=d, reason=r or _("修改"), version=form.based_on
        ),
        "web/form_page.html", {"title": _("修改处置项目"), "record": action},
    )  # fmt: skip


@permission_required("land.view_landaction", raise_exception=True)
def action_export(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in LandActionKind.values:
        raise Http404
    chosen = LandActionKind(kind)
    actions = (
        _actions(request)
        .qs.filter(kind=chosen)
        .order_by("plan_source", "plan_row", "planned_year", "pk")
    )
    return export_xlsx(
        request, actions,
        write=lambda: annex3_xlsx(
            chosen, selectors.actions_listed(user=request.user, actions=actions)
        ),
        filename=SHEET_TITLES[chosen],
    )  # fmt: skip


@permission_required("land.view_landaction", raise_exception=True)
def flags(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows = selectors.plot_flags(user=request.user, year=year)
    _rules, label = selectors.flag_rules_for(year)
    context = {
        "year": year,
        "rows": rows,
        "rules_label": label,
        "rules": _rules,
        "day": selectors.reference_day(year),
        "flagged": sum(1 for r in rows if r.result.flags),
    }
    return render(request, "land/flags.html", context)


@permission_required("land.view_controllistentry", raise_exception=True)
def control_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.control_entries_visible_to(request.user)
    filterset = ControlEntryFilterSet(request.GET, queryset=qs)
    flags = enterprise_flags(
        filterset.qs.exclude(enterprise=None).values_list("enterprise_id", flat=True),
        timezone.localdate(),
    )
    table = ControlEntryTable(filterset.qs, flags=flags)
    return list_page(request, "land/control_list.html", filterset, table)


@permission_required("land.add_controllistentry", raise_exception=True)
def control_new(request: HttpRequest) -> HttpResponse:
    form = ControlEntryForm(request.POST or None)
    return _save_form(
        request, form, lambda d, r: services.control_entry_create(data=d, reason=r),
        "web/form_page.html", {"title": _("列入管控清单"), "next": reverse("land:control_list")},
    )  # fmt: skip


@permission_required("land.change_controllistentry", raise_exception=True)
def control_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(ControlListEntry, pk=pk)
    form = ControlEntryForm(request.POST or None, instance=entry)
    return _save_form(
        request, form,
        lambda d, r: services.control_entry_update(
            entry=entry, data=d, reason=r or _("修改"), version=form.based_on
        ),
        "web/form_page.html",
        {"title": _("修改管控清单"), "next": reverse("land:control_list"), "record": entry},
    )  # fmt: skip


@permission_required("land.view_batchassignment", raise_exception=True)
def batch_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.batches_visible_to(request.user)
    filterset = BatchFilterSet(request.GET, queryset=qs)
    conflicts = selectors.batch_conflicts(selectors.batches_visible_to(request.user))
    return list_page(
        request,
        "land/batch_list.html",
        filterset,
        BatchTable(filterset.qs),
        context={"conflicts": conflicts},
    )


@permission_required("land.add_batchassignment", raise_exception=True)
def batch_new(request: HttpRequest) -> HttpResponse:
    form = BatchForm(request.POST or None)
    return _save_form(
        request, form, lambda d, r: services.batch_assign(data=d, reason=r),
        "web/form_page.html", {"title": _("列入三个一批"), "next": reverse("land:batch_list")},
    )  # fmt: skip


@permission_required("land.change_batchassignment", raise_exception=True)
def resettlement(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(selectors.batches_visible_to(request.user), pk=pk)
    instance = getattr(assignment, "resettlement", None)
    form = ResettlementForm(request.POST or None, instance=instance)
    return _save_form(
        request, form,
        lambda d, r: services.resettlement_save(
            assignment=assignment, data=d, version=form.based_on
        ),
        "web/form_page.html",
        {"title": _("职工分流安置：%(name)s") % {"name": assignment.enterprise},
         "next": reverse("land:batch_list"), "record": assignment},
    )  # fmt: skip


@permission_required("land.view_landaction", raise_exception=True)
def conflicts(request: HttpRequest) -> HttpResponse:
    plan_conflicts = [
        (plot, [(fact_label(c.fact), c.values) for c in found])
        for plot, found in plots_in_conflict(user=request.user)
    ]
    context = {
        "action_conflicts": selectors.action_conflicts(selectors.actions_visible_to(request.user)),
        "batch_conflicts": selectors.batch_conflicts(selectors.batches_visible_to(request.user)),
        "plan_conflicts": plan_conflicts,
    }
    return render(request, "land/conflicts.html", context)


@permission_required("land.view_landaction", raise_exception=True)
def plot_land(request: HttpRequest, pk: int) -> HttpResponse:
    """One plot's land record: progress, occupants, flags with reasons, actions, control lists."""
    plot = plot_get(user=request.user, pk=pk)
    year = _year(request)
    [row] = selectors.plot_flags(
        user=request.user, year=year, plots=plots_visible_to(request.user).filter(pk=plot.pk)
    )
    actions = selectors.actions_visible_to(request.user).filter(plot=plot)
    conflicts = [c for c in selectors.action_conflicts() if c.url == plot.get_absolute_url()]
    progress = PlotProgress.objects.filter(plot=plot).first()
    context = {
        "plot": plot,
        "year": year,
        "row": row,
        "progress": progress,
        "occupants": selectors.plot_occupants(user=request.user, plot=plot),
        "actions": actions,
        "conflicts": conflicts,
        "entries": selectors.control_entries_visible_to(request.user).filter(plot=plot),
        "history": history_of(
            *(r for r in (progress,) if r is not None),
            selectors.plot_occupants(user=request.user, plot=plot),
        ),
    }
    return render(request, "land/plot_land.html", context)


@permission_required("land.change_plotprogress", raise_exception=True)
def plot_progress_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plot = plot_get(user=request.user, pk=pk)
    progress = PlotProgress.objects.filter(plot=plot).first() or PlotProgress(plot=plot)
    form = PlotProgressForm(request.POST or None, instance=progress)
    back = reverse("land:plot_land", args=[plot.pk])
    return _save_form(
        request, form,
        lambda d, r: _progress_save(progress, d, r, form.based_on),
        "web/form_page.html", {"title": _("地块开发进度：%(name)s") % {"name": plot}, "next": back},
    )  # fmt: skip


def _progress_save(
    progress: PlotProgress, data: dict[str, Any], reason: str, version: str | None
) -> PlotProgress:
    for name, value in data.items():
        setattr(progress, name, value)
    return services.plot_progress_save(
        progress=progress, reason=reason or _("更新开发进度"), version=version
    )


@permission_required("land.add_plotoccupant", raise_exception=True)
def plot_occupant_new(request: HttpRequest, pk: int) -> HttpResponse:
    plot = plot_get(user=request.user, pk=pk)
    form = OccupantForm(request.POST or None)
    back = reverse("land:plot_land", args=[plot.pk])
    return _save_form(
        request, form,
        lambda d, r: services.plot_occupant_add(plot=plot, data=d),
        "web/form_page.html", {"title": _("登记地块使用企业：%(name)s") % {"name": plot}, "next": back},
    )  # fmt: skip
