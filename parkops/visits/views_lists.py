"""Pages of the visits app's computed lists: who is due, coverage, cycles, questions, policies."""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.pages import table_paginate
from parkops.registry.selectors import enterprises_visible_to
from parkops.visits import exports, selectors, services
from parkops.visits.choices import DueStatus, VisitTier
from parkops.visits.due import DueRow, coverage, due_rows
from parkops.visits.filtersets import QuestionFilterSet
from parkops.visits.forms import CoverageForm, DueFilterForm, QuestionForm
from parkops.visits.models import VisitCycle
from parkops.visits.policies import policy_matches
from parkops.visits.tables import CoverageTable, DueTable, QuestionTable
from parkops.visits.views import _user, page, xlsx


def _due(request: HttpRequest) -> tuple[DueFilterForm, list[DueRow]]:
    form = DueFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    rows = due_rows(user=request.user, today=timezone.localdate())
    if data.get("q"):
        rows = [r for r in rows if data["q"] in r.name]
    if data.get("road"):
        rows = [r for r in rows if r.road_id == data["road"].pk]
    if data.get("grid"):
        rows = [r for r in rows if r.grid_id == data["grid"].pk]
    if data.get("status"):
        rows = [r for r in rows if r.status == DueStatus(data["status"])]
    if data.get("tier"):
        rows = [r for r in rows if VisitTier(data["tier"]) in r.tiers]
    return form, rows


@permission_required("visits.view_visit", raise_exception=True)
def due_list(request: HttpRequest) -> HttpResponse | FileResponse:
    form, rows = _due(request)
    if request.GET.get("format") == "xlsx":
        return xlsx(exports.due_xlsx(rows), _("应访企业"))
    # Overdue first, then due this month, then by the date the visit falls due.
    order = {DueStatus.OVERDUE: 0, DueStatus.DUE: 1, DueStatus.OK: 2}
    rows.sort(key=lambda r: (order[r.status], r.next_due or timezone.localdate(), r.name))
    counts = {s: sum(1 for r in rows if r.status == s) for s in DueStatus}
    table = DueTable(rows)
    table_paginate(request, table)
    # The shared filter template reads `filter.form`, as on the FilterSet-driven lists.
    context = {
        "filter": SimpleNamespace(form=form),
        "table": table,
        "counts": counts,
        "statuses": list(DueStatus),
    }
    return page(request, "visits/due_list.html", context)


def _coverage_params(request: HttpRequest) -> tuple[CoverageForm, int, str]:
    form = CoverageForm(request.GET)
    today = timezone.localdate()
    if not form.is_valid():
        messages.warning(
            request, _("年度须为 2000–2100 之间的整数，已显示 %(y)s 年") % {"y": today.year}
        )
        return CoverageForm(), today.year, "road"
    return form, form.cleaned_data.get("year") or today.year, form.cleaned_data.get("by") or "road"


@permission_required("visits.view_visit", raise_exception=True)
def coverage_page(request: HttpRequest) -> HttpResponse | FileResponse:
    form, year, by = _coverage_params(request)
    rows = coverage(user=request.user, year=year, by=by, today=timezone.localdate())
    label = _("道路") if by == "road" else _("微网格")
    if request.GET.get("format") == "xlsx":
        return xlsx(exports.coverage_xlsx(rows, label), _("走访覆盖"))
    table = CoverageTable(rows)
    table.columns["group"].column.verbose_name = label
    table_paginate(request, table)
    return page(
        request,
        "visits/coverage_list.html",
        {"filter": SimpleNamespace(form=form), "table": table, "year": year},
    )


@permission_required("visits.view_visitcycle", raise_exception=True)
def cycle_list(request: HttpRequest) -> HttpResponse:
    return render(request, "visits/cycles.html", {"cycles": VisitCycle.objects.all()})


def _questions(request: HttpRequest) -> QuestionFilterSet:
    return QuestionFilterSet(request.GET, queryset=selectors.question_list(user=request.user))


@permission_required("visits.view_pendingquestion", raise_exception=True)
def question_list(request: HttpRequest) -> HttpResponse:
    filterset = _questions(request)
    table = QuestionTable(filterset.qs)
    table_paginate(request, table)
    return page(request, "visits/question_list.html", {"filter": filterset, "table": table})


@permission_required("visits.add_pendingquestion", raise_exception=True)
def question_new(request: HttpRequest) -> HttpResponse:
    departments = selectors.departments_of(request.user)
    form = QuestionForm(
        request.POST or None,
        enterprises=enterprises_visible_to(request.user),
        departments=departments,
        initial={"enterprise": request.GET.get("enterprise"), "department": departments.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(user=_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已提出，下次走访该企业时将提示走访人"))
            return HttpResponseRedirect(reverse("visits:question_list"))
    if not departments.exists():
        messages.warning(request, _("您不属于任何职能部门，不能提出待走访问题"))
    context = {"form": form, "title": _("提出待走访问题"), "next": reverse("visits:question_list")}
    return render(request, "web/form_page.html", context)


@permission_required("visits.view_policy", raise_exception=True)
def policy_list(request: HttpRequest) -> HttpResponse:
    return render(request, "visits/policy_list.html", {"policies": selectors.policy_list()})


@permission_required("visits.view_policy", raise_exception=True)
def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = selectors.policy_get(pk=pk)
    matches = policy_matches(user=request.user, policy=policy, today=timezone.localdate())
    return render(request, "visits/policy_detail.html", {"policy": policy, "matches": matches})
