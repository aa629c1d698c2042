"""Pages of the plan's execution. Each view reads through a selector and writes through a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.history import history_of
from parkops.common.lists import Export, export_rows, export_xlsx, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.execution import exports, selectors, services
from parkops.execution.choices import SRDI_CRITERIA, CultivationKind
from parkops.execution.filtersets import CultivationFilterSet, InfraFilterSet
from parkops.execution.forms import (
    CultivationEntryCreateForm,
    CultivationEntryForm,
    InfraProjectForm,
    InfraSpendForm,
    KeyProjectCreateForm,
    MilestoneForm,
    ProgressReportForm,
    ProjectFilterForm,
)
from parkops.execution.tables import CultivationTable, InfraTable, ProjectTable


def _exports(url_name: str) -> list[Export]:
    # Drawn inside the results partial, so that after a filter change it exports what is shown.
    return [Export(_("导出 Excel"), reverse(url_name), id="export")]


def _xlsx_name(name: str) -> str:
    return f"{name}-{timezone.localdate().isoformat()}"


# --- key projects ----------------------------------------------------------------------------
def _projects(request: HttpRequest) -> tuple[ProjectFilterForm, list[selectors.ProjectRow]]:
    form = ProjectFilterForm(request.GET)
    form.is_valid()
    rows = selectors.project_list(
        user=request.user,
        q=form.cleaned_data.get("q", ""),
        status=form.cleaned_data.get("status", ""),
    )
    return form, rows


@permission_required("execution.view_keyproject", raise_exception=True)
def project_list(request: HttpRequest) -> HttpResponse:
    form, rows = _projects(request)
    return list_page(
        request,
        "execution/project_list.html",
        form,
        ProjectTable(rows),
        exports=_exports("execution:project_export"),
    )


@permission_required("execution.view_keyproject", raise_exception=True)
def project_export(request: HttpRequest) -> HttpResponse:
    _form, rows = _projects(request)
    return export_xlsx(
        request, rows, write=lambda: exports.projects_xlsx(rows), filename=_xlsx_name(_("四早项目"))
    )


@permission_required("execution.view_keyproject", raise_exception=True)
def project_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    row = selectors.project_get(user=request.user, pk=pk)
    form = ProgressReportForm(initial={"reported_on": timezone.localdate()})
    if request.method == "POST":
        if not request.user.has_perm("execution.add_progressreport"):
            return HttpResponse(status=403)
        form = ProgressReportForm(request.POST)
        if form.is_valid():
            services.progress_report_add(
                project=row.project, author=request.user, **form.cleaned_data
            )
            messages.success(request, _("已记录推进报告"))
            return HttpResponseRedirect(row.project.get_absolute_url())
    context = {
        "row": row,
        "form": form,
        "history": history_of(row.project, row.project.milestones.all()),
    }
    return render(request, "execution/project_detail.html", context)


@permission_required("execution.add_keyproject", raise_exception=True)
def project_new(request: HttpRequest) -> HttpResponse:
    form = KeyProjectCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.key_project_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已新增项目"))
            return HttpResponseRedirect(project.get_absolute_url())
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": _("新增“四早”项目"), "next": reverse("execution:project_list")},
    )


@permission_required("execution.add_cultivationentry", raise_exception=True)
def cultivation_new(request: HttpRequest) -> HttpResponse:
    form = CultivationEntryCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.cultivation_entry_create(
                data=form.cleaned_data, listed_on=timezone.localdate()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已新增清单条目"))
            return HttpResponseRedirect(entry.get_absolute_url())
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": _("新增清单条目"), "next": reverse("execution:cultivation_list")},
    )


@permission_required("execution.change_projectmilestone", raise_exception=True)
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.project_get(user=request.user, pk=pk)
    milestone = get_object_or_404(
        row.project.milestones, pk=request.GET.get("milestone") or request.POST.get("milestone")
    )
    form = MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(
                milestone=milestone, data=form.cleaned_data, version=form.based_on
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(row.project.get_absolute_url())
    return render(
        request, "execution/milestone_form.html", {"form": form, "row": row, "milestone": milestone}
    )


# --- cultivation lists -----------------------------------------------------------------------
def _cultivation(request: HttpRequest) -> CultivationFilterSet:
    return CultivationFilterSet(request.GET, queryset=selectors.cultivation_list(user=request.user))


@permission_required("execution.view_cultivationentry", raise_exception=True)
def cultivation_list(request: HttpRequest) -> HttpResponse:
    filterset = _cultivation(request)
    return list_page(
        request,
        "execution/cultivation_list.html",
        filterset,
        CultivationTable(filterset.qs),
        exports=_exports("execution:cultivation_export"),
    )


@permission_required("execution.view_cultivationentry", raise_exception=True)
def cultivation_export(request: HttpRequest) -> HttpResponse:
    entries = export_rows(request, _cultivation(request), order=("kind", "planned_year", "pk"))
    return export_xlsx(
        request, entries, write=lambda: exports.cultivation_xlsx(entries),
        filename=_xlsx_name(_("培育清单")),
    )  # fmt: skip


@permission_required("execution.view_cultivationentry", raise_exception=True)
def cultivation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.cultivation_get(user=request.user, pk=pk)
    context: dict[str, object] = {"entry": entry, "history": history_of(entry)}
    if entry.kind == CultivationKind.SRDI:
        check = selectors.srdi_check(entry=entry)
        context["srdi"] = check
        context["criteria"] = [(SRDI_CRITERIA[c.key], c) for c in check.criteria]
    return render(request, "execution/cultivation_detail.html", context)


@permission_required("execution.change_cultivationentry", raise_exception=True)
def cultivation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.cultivation_get(user=request.user, pk=pk)
    form = CultivationEntryForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.cultivation_entry_update(
                entry=entry, data=data, reason=reason, version=form.based_on
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(entry.get_absolute_url())
    return render(request, "execution/cultivation_form.html", {"form": form, "entry": entry})


# --- infrastructure --------------------------------------------------------------------------
def _infrastructure(request: HttpRequest) -> InfraFilterSet:
    return InfraFilterSet(request.GET, queryset=selectors.infra_list())


@permission_required("execution.view_infraproject", raise_exception=True)
def infra_list(request: HttpRequest) -> HttpResponse:
    filterset = _infrastructure(request)
    return list_page(
        request,
        "execution/infra_list.html",
        filterset,
        InfraTable(filterset.qs),
        exports=_exports("execution:infra_export"),
    )


@permission_required("execution.view_infraproject", raise_exception=True)
def infra_export(request: HttpRequest) -> HttpResponse:
    rows = export_rows(request, _infrastructure(request))
    return export_xlsx(
        request, rows, write=lambda: exports.infrastructure_xlsx(rows),
        filename=_xlsx_name(_("基础设施")),
    )  # fmt: skip


@permission_required("execution.view_infraproject", raise_exception=True)
def infra_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    project = selectors.infra_get(pk=pk)
    form = InfraSpendForm(project=project)
    if request.method == "POST":
        if not request.user.has_perm("execution.add_infraspend"):
            return HttpResponse(status=403)
        form = InfraSpendForm(request.POST, project=project)
        if form.is_valid():
            started_on = form.started_on()
            try:
                services.infra_spend_add(
                    project=project, user=request.user, started_on=started_on, **form.spend_data()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("已记录支出"))
                if started_on is not None:
                    messages.success(request, _("项目状态已改为“实施中”"))
                return HttpResponseRedirect(project.get_absolute_url())
    context = {
        "project": project,
        "spends": project.spends.select_related("recorded_by"),
        "form": form,
        "history": history_of(project),
    }
    return render(request, "execution/infra_detail.html", context)


@permission_required("execution.change_infraproject", raise_exception=True)
def infra_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.infra_get(pk=pk)
    form = InfraProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.infra_project_update(
                project=project, data=data, reason=reason, version=form.based_on
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(project.get_absolute_url())
    title = _("项目状态与日期：%(name)s") % {"name": project.name}
    return render(request, "web/form_page.html", {"title": title, "form": form, "record": project})
