"""Pages of visit records: list, the phone-first form, the record, its edit, its photos.

Each view reads through a selector and writes through a service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.forms import add_service_errors
from parkops.common.history import history_of
from parkops.common.lists import Export, export_xlsx, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.registry.selectors import enterprises_visible_to
from parkops.visits import exports, selectors, services
from parkops.visits.choices import RaisedCategory
from parkops.visits.filtersets import VisitFilterSet
from parkops.visits.forms import RaisedRequestFormSet, VisitEditForm, VisitForm
from parkops.visits.policies import policies_for
from parkops.visits.tables import VisitTable


def xlsx_name(name: str) -> str:
    return f"{name}-{timezone.localdate().isoformat()}"


def export_here(url_name: str) -> list[Export]:
    """The list's own URL with format=xlsx: the same view answers the page and its export."""
    return [Export(_("导出 Excel"), reverse(url_name), id="export", params=(("format", "xlsx"),))]


def _visits(request: HttpRequest) -> VisitFilterSet:
    return VisitFilterSet(request.GET, queryset=selectors.visit_list(user=request.user))


@permission_required("visits.view_visit", raise_exception=True)
def visit_list(request: HttpRequest) -> HttpResponse:
    if request.GET.get("format") == "xlsx":
        return visit_export(request)
    filterset = _visits(request)
    return list_page(
        request, "visits/visit_list.html", filterset, VisitTable(filterset.qs),
        exports=[Export(_("导出 Excel"), reverse("visits:visit_export"), id="export")],
    )  # fmt: skip


@permission_required("visits.view_visit", raise_exception=True)
def visit_export(request: HttpRequest) -> HttpResponse:
    rows = _visits(request).qs.order_by("-visited_on", "-pk")
    return export_xlsx(
        request, rows, write=lambda: exports.visits_xlsx(rows), filename=xlsx_name(_("走访记录"))
    )


def _raised_rows(formset: Any) -> list[services.RaisedRow]:
    return [
        services.RaisedRow(
            RaisedCategory(f.cleaned_data["category"]),
            f.cleaned_data["text"],
            f.cleaned_data.get("department"),
        )
        for f in formset.forms
        if f.cleaned_data.get("category") and f.cleaned_data.get("text", "").strip()
    ]


@permission_required("visits.add_visit", raise_exception=True)
def visit_new(request: AuthedHttpRequest) -> HttpResponse:
    asked = request.GET.get("enterprise", "")
    if not asked.isdigit():
        choices = enterprises_visible_to(request.user).order_by("name").values("pk", "name")
        return render(request, "visits/visit_pick.html", {"enterprises": choices})
    enterprise = selectors.enterprise_for_visit(user=request.user, pk=int(asked))
    questions = list(selectors.open_questions(enterprise=enterprise))
    initial = {"visited_on": timezone.localdate()}
    form = VisitForm(request.POST or None, request.FILES or None, questions=questions,
                     initial=initial)  # fmt: skip
    formset = RaisedRequestFormSet(request.POST or None, prefix="req")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            visit = services.visit_create(
                user=request.user, enterprise=enterprise, data=form.visit_data(),
                visitors=form.cleaned_data.get("visitors") or [],
                photos=form.cleaned_data.get("photos") or [], requests=_raised_rows(formset),
                answers=form.answers(),
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已登记走访"))
            return HttpResponseRedirect(visit.get_absolute_url())
    context = {
        "form": form,
        "formset": formset,
        "enterprise": enterprise,
        "questions": questions,
        "policies": policies_for(enterprise=enterprise, today=timezone.localdate()),
    }
    return render(request, "visits/visit_form.html", context)


@permission_required("visits.view_visit", raise_exception=True)
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_get(user=request.user, pk=pk)
    context = {
        "visit": visit,
        "history": history_of(visit, visit.raised_requests.all()),
        "can_edit": request.user.has_perm("visits.change_visit"),
    }
    return render(request, "visits/visit_detail.html", context)


@permission_required("visits.change_visit", raise_exception=True)
def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_get(user=request.user, pk=pk)
    form = VisitEditForm(request.POST or None, instance=visit)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        visitors = data.pop("visitors")
        try:
            services.visit_update(
                visit=visit, data=data, reason=reason, version=form.based_on, visitors=visitors
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(visit.get_absolute_url())
    return render(request, "visits/visit_edit.html", {"form": form, "visit": visit})


@permission_required("visits.view_visit", raise_exception=True)
def photo(request: HttpRequest, pk: int) -> FileResponse:
    """A visit photo, to those who may see the enterprise only (404 for everyone else)."""
    stored = selectors.photo_get(user=request.user, pk=pk)
    try:
        handle = stored.image.open("rb")
    except FileNotFoundError as missing:  # the record outlived its file (a restore without media)
        raise Http404(_("照片文件不存在")) from missing
    response = FileResponse(handle, content_type=stored.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response
