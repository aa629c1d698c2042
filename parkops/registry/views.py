"""Pages of the registry. Each view reads through a selector and writes through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.common.history import history_of
from parkops.common.lists import Export, list_page
from parkops.common.pages import table_paginate
from parkops.registry import selectors
from parkops.registry.filtersets import enterprises_filtered, plots_filtered, smallparks_filtered
from parkops.registry.forms import (
    DesignationEndForm,
    DesignationForm,
    EnterpriseForm,
    EnterpriseYearForm,
    SmallParkForm,
)
from parkops.registry.models import Designation, Enterprise, EnterpriseYear
from parkops.registry.services import (
    designation_create,
    designation_end,
    designation_update,
    enterprise_create,
    enterprise_update,
    enterprise_year_save,
    smallpark_update,
)
from parkops.registry.tables import EnterpriseTable, PlotTable, SmallParkTable


def _export(url_name: str) -> list[Export]:
    return [Export(_("导出 Excel"), reverse(url_name))]


@permission_required("registry.view_enterprise", raise_exception=True)
def enterprise_list(request: HttpRequest) -> HttpResponse:
    filterset = enterprises_filtered(request)
    return list_page(
        request,
        "registry/enterprise_list.html",
        filterset,
        EnterpriseTable(filterset.qs),
        exports=_export("imports:export_enterprises"),
    )


@permission_required("registry.view_enterprise", raise_exception=True)
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    years = enterprise.years.order_by("-year")
    context = {
        "enterprise": enterprise,
        "years": years,
        "designations": enterprise.designations.order_by("-awarded_on"),
        "plots": enterprise.plots_held.all(),
        "history": selectors.enterprise_history(enterprise),
    }
    return render(request, "registry/enterprise_detail.html", context)


@permission_required("registry.add_enterprise", raise_exception=True)
def enterprise_new(request: HttpRequest) -> HttpResponse:
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        enterprise = enterprise_create(data=form.cleaned_data)
        messages.success(request, _("已新增企业“%(name)s”") % {"name": enterprise.name})
        return HttpResponseRedirect(enterprise.get_absolute_url())
    return render(request, "registry/enterprise_form.html", {"form": form})


@permission_required("registry.change_enterprise", raise_exception=True)
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise: Enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    form = EnterpriseForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise_update(enterprise=enterprise, data=form.cleaned_data, version=form.based_on)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(enterprise.get_absolute_url())
    return render(
        request, "registry/enterprise_form.html", {"form": form, "enterprise": enterprise}
    )


def _year_page(
    request: HttpRequest, enterprise: Enterprise, record: EnterpriseYear | None
) -> HttpResponse:
    form = EnterpriseYearForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        if record is not None:
            data.pop("year")  # disabled: the year of a stored record does not change
        try:
            saved = enterprise_year_save(
                enterprise=enterprise,
                data=data,
                record=record,
                reason=form.cleaned_data.get("reason", ""),
                version=form.based_on,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存 %(year)s 年度数据") % {"year": saved.year})
            return HttpResponseRedirect(enterprise.get_absolute_url())
    if record is None:
        title = _("新增年度数据：%(name)s") % {"name": enterprise.name}
    else:
        title = _("修改 %(year)s 年度数据：%(name)s") % {
            "year": record.year,
            "name": enterprise.name,
        }
    return render(
        request, "web/form_page.html", {"title": title, "form": form, "record": enterprise}
    )


@permission_required("registry.add_enterpriseyear", raise_exception=True)
def enterprise_year_new(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    return _year_page(request, enterprise, None)


@permission_required("registry.change_enterpriseyear", raise_exception=True)
def enterprise_year_edit(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    record = get_object_or_404(EnterpriseYear, enterprise=enterprise, year=year)
    return _year_page(request, enterprise, record)


@permission_required("registry.view_smallpark", raise_exception=True)
def smallpark_list(request: HttpRequest) -> HttpResponse:
    filterset = smallparks_filtered(request)
    return list_page(
        request,
        "registry/smallpark_list.html",
        filterset,
        SmallParkTable(filterset.qs),
        exports=_export("imports:export_small_parks"),
    )


@permission_required("registry.view_smallpark", raise_exception=True)
def smallpark_detail(request: HttpRequest, pk: int) -> HttpResponse:
    small_park = selectors.smallpark_get(user=request.user, pk=pk)
    tenants = EnterpriseTable(selectors.smallpark_tenants(user=request.user, small_park=small_park))
    table_paginate(request, tenants)
    context = {
        "small_park": small_park,
        "table": tenants,
        "plots": selectors.smallpark_plots(user=request.user, small_park=small_park),
        "owners": small_park.owners.order_by("username"),
        "history": history_of(small_park),
    }
    return render(request, "registry/smallpark_detail.html", context)


@permission_required("registry.change_smallpark", raise_exception=True)
def smallpark_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The park office keeps a small park's master data; the owner reads it on the park's page."""
    small_park = selectors.smallpark_get(user=request.user, pk=pk)
    form = SmallParkForm(request.POST or None, instance=small_park)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owners, reason = data.pop("owners"), data.pop("reason")
        try:
            smallpark_update(
                small_park=small_park,
                data=data,
                owners=owners,
                reason=reason,
                version=form.based_on,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存小园区台账"))
            return HttpResponseRedirect(small_park.get_absolute_url())
    title = _("编辑小园区台账：%(name)s") % {"name": small_park.name}
    return render(
        request, "web/form_page.html", {"title": title, "form": form, "record": small_park}
    )


def _designation(request: HttpRequest, pk: int, item: int) -> tuple[Enterprise, Designation]:
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    return enterprise, get_object_or_404(enterprise.designations, pk=item)


def _designation_page(
    request: HttpRequest, form: Any, title: str, record: Enterprise
) -> HttpResponse:
    return render(request, "web/form_page.html", {"title": title, "form": form, "record": record})


@permission_required("registry.add_designation", raise_exception=True)
def designation_new(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    form = DesignationForm(request.POST or None)
    form.instance.enterprise = enterprise  # the uniqueness check sees the enterprise
    if request.method == "POST" and form.is_valid():
        try:
            designation_create(enterprise=enterprise, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已新增认定"))
            return HttpResponseRedirect(enterprise.get_absolute_url())
    title = _("新增认定：%(name)s") % {"name": enterprise.name}
    return _designation_page(request, form, title, enterprise)


@permission_required("registry.change_designation", raise_exception=True)
def designation_edit(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    enterprise, designation = _designation(request, pk, item)
    form = DesignationForm(request.POST or None, instance=designation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            designation_update(
                designation=designation, data=data, reason=reason, version=form.based_on
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(enterprise.get_absolute_url())
    title = _("修改认定：%(name)s") % {"name": enterprise.name}
    return _designation_page(request, form, title, enterprise)


@permission_required("registry.change_designation", raise_exception=True)
def designation_end_view(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    enterprise, designation = _designation(request, pk, item)
    form = DesignationEndForm(request.POST or None, designation=designation)
    if request.method == "POST" and form.is_valid():
        try:
            designation_end(
                designation=designation,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"] or None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已终止认定"))
            return HttpResponseRedirect(enterprise.get_absolute_url())
    title = _("终止认定：%(name)s · %(kind)s") % {
        "name": enterprise.name,
        "kind": designation.get_kind_display(),
    }
    return _designation_page(request, form, title, enterprise)


@permission_required("registry.view_landplot", raise_exception=True)
def plot_list(request: HttpRequest) -> HttpResponse:
    filterset = plots_filtered(request)
    return list_page(
        request,
        "registry/plot_list.html",
        filterset,
        PlotTable(filterset.qs),
        exports=_export("imports:export_plots"),
    )


@permission_required("registry.view_landplot", raise_exception=True)
def plot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plot = selectors.plot_get(user=request.user, pk=pk)
    context = {"plot": plot, "history": history_of(plot)}
    return render(request, "registry/plot_detail.html", context)
