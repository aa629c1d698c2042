"""Pages of the evaluation. Each view reads through a selector and writes through a service."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkops.accounts.roles import sees_whole_park
from parkops.common.forms import add_service_errors
from parkops.common.history import history_of
from parkops.common.lists import Export, export_filtered, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.common.versioning import StaleVersion, version_of
from parkops.common.xlsx import download_headers, xlsx_response
from parkops.core.evaluation.scheme import Scheme as SchemeSpec
from parkops.core.evaluation.summary import scheme_scale
from parkops.evaluation import card, jobs, notice, rules, run_figures, selectors, services
from parkops.evaluation.exports import BOTTOM_RULE, SHORTFALL_RULE, bottom_xlsx, result_columns
from parkops.evaluation.filtersets import ResultFilterSet, VetoEventFilterSet
from parkops.evaluation.forms import (
    RunForm,
    SchemeCopyForm,
    SchemeForm,
    SchemeImportForm,
    VetoEventForm,
    VetoVoidForm,
    WhatIfForm,
)
from parkops.evaluation.models import EvaluationRun, SchemeVersion
from parkops.evaluation.tables import ResultTable, VetoEventTable
from parkops.registry.selectors import enterprise_get

VIEW_RUN = "evaluation.view_evaluationrun"


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@permission_required(VIEW_RUN, raise_exception=True)
def run_list(request: AuthedHttpRequest) -> HttpResponse:
    form = None
    if request.user.has_perm("evaluation.add_evaluationrun"):
        form = RunForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                job = jobs.run_enqueue(
                    year=form.cleaned_data["year"],
                    version=form.cleaned_data["scheme_version"],
                    note=form.cleaned_data["note"],
                    user=request.user,
                )
            except ValidationError as error:
                _errors(request, error)
            else:
                return HttpResponseRedirect(job.get_absolute_url())
    elif request.method == "POST":
        return HttpResponse(status=403)
    runs = selectors.run_list(user=request.user)
    return render(request, "evaluation/run_list.html", {"runs": runs, "form": form})


@permission_required(VIEW_RUN, raise_exception=True)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(pk=pk, user=request.user)
    user = request.user
    context = {
        "run": run,
        "current": selectors.current_run(run, user=user),
        "published": None if run.is_published else selectors.published_run(year=run.year),
        "scale": scheme_scale(SchemeSpec.from_dict(run.scheme_version.definition)),
        "counts": run_figures.class_counts(user=user, run=run),
        "classes": selectors.EvaluationClass,
        "histogram": run_figures.score_histogram(user=user, run=run),
        "bottom": run_figures.bottom(user=user, run=run),
        "comparison": run_figures.compare(user=user, run=run),
        "bottom_rule": BOTTOM_RULE,
        "shortfall_rule": SHORTFALL_RULE,
        "notice_visible": sees_whole_park(user),
    }
    return render(request, "evaluation/run_detail.html", context)


@require_POST
@permission_required("evaluation.change_evaluationrun", raise_exception=True)
def run_publish(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(pk=pk, user=request.user)
    try:
        services.run_publish(run=run, user=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("已发布，结果不再改变"))
    return HttpResponseRedirect(run.get_absolute_url())


@require_POST
@permission_required("evaluation.delete_evaluationrun", raise_exception=True)
def run_delete(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(pk=pk, user=request.user)
    try:
        services.run_delete(run=run)
    except ValidationError as error:
        _errors(request, error)
        return HttpResponseRedirect(run.get_absolute_url())
    messages.success(request, _("已删除评价草稿"))
    return HttpResponseRedirect(reverse("evaluation:run_list"))


@permission_required(VIEW_RUN, raise_exception=True)
def run_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The published run's annual notice (.docx): the whole park's, so for park-wide readers."""
    run = selectors.run_get(pk=pk, user=request.user)
    if not sees_whole_park(request.user):
        raise PermissionDenied(_("评价结果通知只向园区办、镇领导和职能部门提供。"))
    if not run.is_published:
        raise Http404(_("草稿没有结果通知"))
    response = HttpResponse(
        notice.notice_docx(run=run, user=request.user),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    return download_headers(response, f"{notice.notice_title(run)}.docx")


@permission_required(VIEW_RUN, raise_exception=True)
def run_bottom(request: HttpRequest, pk: int) -> HttpResponseBase:
    run = selectors.run_get(pk=pk, user=request.user)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(bottom_xlsx(run=run, user=request.user), f"尾部30家企业-{run.year}")
    context = {
        "run": run,
        "bottom": run_figures.bottom(user=request.user, run=run),
        "bottom_rule": BOTTOM_RULE,
        "shortfall_rule": SHORTFALL_RULE,
    }
    return render(request, "evaluation/bottom.html", context)


def _results(request: HttpRequest, run: EvaluationRun) -> ResultFilterSet:
    """The run's results the user may see, filtered as the query string asks (page and export)."""
    return ResultFilterSet(
        request.GET,
        queryset=selectors.results_visible(user=request.user, run=run),
        populations=selectors.run_populations(run),
    )


@permission_required(VIEW_RUN, raise_exception=True)
def run_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The results behind each class count of the run page and the cockpit, filterable."""
    run = selectors.run_get(pk=pk, user=request.user)
    filterset = _results(request, run)
    if request.GET.get("format") == "xlsx":
        return export_filtered(
            request, filterset, columns=result_columns(),
            filename=_("评价结果-%(year)s") % {"year": run.year},
            order=("population_label", "rank", "enterprise__name"),
        )  # fmt: skip
    url = reverse("evaluation:run_results", args=[run.pk])
    return list_page(
        request, "evaluation/result_list.html", filterset, ResultTable(filterset.qs),
        exports=[Export(_("导出 Excel"), url, id="export", params=(("format", "xlsx"),))],
        context={"run": run},
    )  # fmt: skip


@require_POST
@permission_required(VIEW_RUN, raise_exception=True)
def run_handbook(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The handbook is written by a queue worker; the job's page offers the file when done."""
    run = selectors.run_get(pk=pk, user=request.user)
    return HttpResponseRedirect(
        jobs.handbook_enqueue(run=run, user=request.user).get_absolute_url()
    )


@require_POST
@permission_required(VIEW_RUN, raise_exception=True)
def what_if(request: HttpRequest, pk: int, enterprise_pk: int) -> HttpResponse:
    """Re-run the engine with the figures typed in; nothing is saved."""
    run = selectors.run_get(pk=pk, user=request.user)
    enterprise = enterprise_get(user=request.user, pk=enterprise_pk)
    form = WhatIfForm(request.POST)
    context: dict[str, Any] = {"form": form, "run": run, "enterprise": enterprise}
    if form.is_valid():
        # Only the figures sent change; a field left out keeps the run's own figure.
        sent = {k: v for k, v in form.cleaned_data.items() if k in request.POST}
        context.update(card.what_if(run=run, enterprise=enterprise, figures=sent))
    return render(request, "evaluation/_what_if_result.html", context)


@permission_required("evaluation.view_schemeversion", raise_exception=True)
def scheme_list(request: HttpRequest) -> HttpResponse:
    versions = selectors.scheme_versions().order_by("scheme__name", "-number")
    context = {"versions": versions, "import_form": SchemeImportForm()}
    return render(request, "evaluation/scheme_list.html", context)


@permission_required("evaluation.view_schemeversion", raise_exception=True)
def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(selectors.scheme_versions(), pk=pk)
    spec = SchemeSpec.from_dict(version.definition)
    context = {
        "version": version,
        "spec": spec,
        "exclusion_order": rules.exclusion_order(spec),
        "decided_rules": rules.decided_rules(spec),
        "class_sizes": rules.class_size_table(spec),
        "json": json.dumps(version.definition, ensure_ascii=False, indent=2),
        "copy_form": SchemeCopyForm(),
    }
    return render(request, "evaluation/scheme_detail.html", context)


@permission_required("evaluation.add_schemeversion", raise_exception=True)
def scheme_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    """Edit a version's JSON: 'validate' checks it, 'save' stores it as the next version."""
    version = get_object_or_404(SchemeVersion.objects.select_related("scheme"), pk=pk)
    initial = {
        "definition": json.dumps(version.definition, ensure_ascii=False, indent=2),
        "latest": version.scheme.versions.aggregate(n=Max("number"))["n"],
    }
    form = SchemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        definition = form.cleaned_data["definition"]
        try:
            if "validate" in request.POST:
                services.scheme_parse(definition)
                messages.success(request, _("方案校验通过，尚未保存"))
            else:
                new = services.scheme_version_create(
                    scheme=version.scheme,
                    definition=definition,
                    user=request.user,
                    note=form.cleaned_data["note"],
                    based_on=version,
                    latest_seen=form.cleaned_data["latest"],
                )
                if new.pk == version.pk:
                    messages.info(request, _("方案没有改动，未保存新版本"))
                else:
                    messages.success(request, _("已保存为新版本 %(v)s") % {"v": new})
                return HttpResponseRedirect(new.get_absolute_url())
        except ValidationError as error:
            stale = isinstance(error, StaleVersion)  # not the definition's fault
            form.add_error(None if stale else "definition", error.messages)
    return render(request, "evaluation/scheme_form.html", {"form": form, "version": version})


@require_POST
@permission_required("evaluation.add_scheme", raise_exception=True)
def scheme_copy(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(SchemeVersion, pk=pk)
    form = SchemeCopyForm(request.POST)
    if form.is_valid():
        try:
            new = services.scheme_copy(
                version=version,
                name=form.cleaned_data["name"],
                user=request.user,
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(request, _("已复制为“%(name)s”") % {"name": new.scheme.name})
            return HttpResponseRedirect(new.get_absolute_url())
    else:
        _errors(request, ValidationError(list(form.errors["name"])))
    return HttpResponseRedirect(version.get_absolute_url())


@permission_required("evaluation.view_vetoevent", raise_exception=True)
def veto_list(request: HttpRequest) -> HttpResponse:
    form = None
    if request.user.has_perm("evaluation.add_vetoevent"):
        form = VetoEventForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.veto_event_create(data=form.cleaned_data)
            messages.success(request, _("已登记否决事件"))
            return HttpResponseRedirect(reverse("evaluation:veto_list"))
    elif request.method == "POST":
        return HttpResponse(status=403)
    filterset = VetoEventFilterSet(request.GET, queryset=selectors.veto_events(user=request.user))
    return list_page(
        request,
        "evaluation/veto_list.html",
        filterset,
        VetoEventTable(filterset.qs),
        context={"form": form},
    )


@permission_required("evaluation.view_vetoevent", raise_exception=True)
def veto_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One veto event with its history; the park office voids it here, with a reason."""
    event = selectors.veto_event_get(user=request.user, pk=pk)
    may_void = request.user.has_perm("evaluation.change_vetoevent") and not event.is_void
    if request.method == "POST" and not may_void:
        return HttpResponse(status=403)
    form = VetoVoidForm(request.POST or None, initial={"version": version_of(event)})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.veto_event_void(
                event=event,
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"] or None,
            )
        except ValidationError as error:
            status = 409 if isinstance(error, StaleVersion) else 200
            add_service_errors(form, error)
        else:
            messages.success(request, _("已撤销否决事件"))
            return HttpResponseRedirect(reverse("evaluation:veto_detail", args=[event.pk]))
    context = {
        "event": event,
        "form": form if may_void else None,
        "history": history_of(event),
    }
    return render(request, "evaluation/veto_detail.html", context, status=status)
