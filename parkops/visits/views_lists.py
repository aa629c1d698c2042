"""Pages of the visits app's computed lists: who is due, coverage, cycles, questions, policies."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.lists import export_xlsx, list_page
from parkops.common.pages import PER_PAGE_MAX
from parkops.common.types import AuthedHttpRequest
from parkops.registry.selectors import enterprises_visible_to
from parkops.visits import exports, selectors, services
from parkops.visits.choices import DueStatus, VisitTier
from parkops.visits.due import DueRow, coverage, due_rows
from parkops.visits.due_query import DueList, Filters
from parkops.visits.filtersets import QuestionFilterSet
from parkops.visits.forms import CoverageForm, DueFilterForm, QuestionForm
from parkops.visits.models import VisitCycle
from parkops.visits.policies import policy_matches
from parkops.visits.tables import CoverageTable, DueListData, DueTable, QuestionTable
from parkops.visits.views import export_here, xlsx_name


def _filters(request: HttpRequest) -> tuple[DueFilterForm, Filters]:
    form = DueFilterForm(request.GET)
    form.is_valid()
    data = form.cleaned_data
    filters = Filters(
        q=data.get("q") or "",
        road_id=data["road"].pk if data.get("road") else None,
        grid_id=data["grid"].pk if data.get("grid") else None,
        status=DueStatus(data["status"]) if data.get("status") else None,
        tier=VisitTier(data["tier"]) if data.get("tier") else None,
    )
    return form, filters


def _due_export_rows(request: HttpRequest, filters: Filters) -> list[DueRow]:
    """The rows of the export: every one, worked out in Python (due_rows), as before."""
    rows = due_rows(
        user=request.user, today=timezone.localdate(), q=filters.q, road_id=filters.road_id,
        grid_id=filters.grid_id,
    )  # fmt: skip
    if filters.status is not None:
        rows = [r for r in rows if r.status == filters.status]
    if filters.tier is not None:
        rows = [r for r in rows if filters.tier in r.tiers]
    return rows


def _page_asked(request: HttpRequest) -> tuple[int, int]:
    """The rows of the page asked for (its number and size, else the first page of the default
    size), which the list reads with its counts; the table's paginator still decides."""

    def number(name: str) -> int:
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() else 0

    size = number("per_page")
    size = size if 1 <= size <= PER_PAGE_MAX else settings.PARKOPS_PAGE_SIZE
    page = min(max(number("page"), 1), 10**9)  # past the last page: the paginator's to fix
    return (page - 1) * size, page * size


@permission_required("visits.view_visit", raise_exception=True)
def due_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    # Worked out, filtered, counted, sorted and paged in SQL: only the page shown is built.
    rows = DueList(
        user=request.user, today=timezone.localdate(), filters=filters, expect=_page_asked(request)
    )
    if request.GET.get("format") == "xlsx":
        return export_xlsx(
            request, rows, write=lambda: exports.due_xlsx(_due_export_rows(request, filters)),
            filename=xlsx_name(_("应访企业")),
        )  # fmt: skip
    # Its own results partial: the counts by status above the table follow the filters too.
    return list_page(
        request, "visits/due_list.html", form, DueTable(DueListData(rows)),
        exports=export_here("visits:due_list"), results="visits/due_results.html",
        context={"counts": rows.counts_by_status, "statuses": list(DueStatus)},
    )  # fmt: skip


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
def coverage_page(request: HttpRequest) -> HttpResponse:
    form, year, by = _coverage_params(request)
    rows = coverage(user=request.user, year=year, by=by, today=timezone.localdate())
    label = _("道路") if by == "road" else _("微网格")
    if request.GET.get("format") == "xlsx":
        return export_xlsx(
            request, rows, write=lambda: exports.coverage_xlsx(rows, label),
            filename=xlsx_name(_("走访覆盖")),
        )  # fmt: skip
    table = CoverageTable(rows)
    table.columns["group"].column.verbose_name = label
    return list_page(
        request, "visits/coverage_list.html", form, table,
        exports=export_here("visits:coverage"), context={"year": year},
    )  # fmt: skip


@permission_required("visits.view_visitcycle", raise_exception=True)
def cycle_list(request: HttpRequest) -> HttpResponse:
    return render(request, "visits/cycles.html", {"cycles": VisitCycle.objects.all()})


def _questions(request: HttpRequest) -> QuestionFilterSet:
    return QuestionFilterSet(request.GET, queryset=selectors.question_list(user=request.user))


@permission_required("visits.view_pendingquestion", raise_exception=True)
def question_list(request: HttpRequest) -> HttpResponse:
    filterset = _questions(request)
    return list_page(request, "visits/question_list.html", filterset, QuestionTable(filterset.qs))


@permission_required("visits.add_pendingquestion", raise_exception=True)
def question_new(request: AuthedHttpRequest) -> HttpResponse:
    departments = selectors.departments_of(request.user)
    form = QuestionForm(
        request.POST or None,
        enterprises=enterprises_visible_to(request.user),
        departments=departments,
        initial={"enterprise": request.GET.get("enterprise"), "department": departments.first()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.question_create(user=request.user, **form.cleaned_data)
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
