"""Pages of accidents, controlled land users' events, joint inspection plans and 关停 proposals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.history import history_of
from parkops.common.lists import export_xlsx, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.enforcement import exports, rectifications, selectors, services
from parkops.enforcement.choices import ProposalDecision
from parkops.enforcement.filtersets import AccidentFilterSet, ControlEventFilterSet
from parkops.enforcement.forms import (
    AccidentForm,
    ControlEventForm,
    ControlEventImportForm,
    DecisionForm,
)
from parkops.enforcement.importer import control_events_import
from parkops.enforcement.tables import AccidentTable, ControlEventTable
from parkops.enforcement.views import exports_of, xlsx_name


@permission_required("enforcement.view_accident", raise_exception=True)
def accident_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.accidents_visible_to(request.user).select_related("enterprise", "department")
    filterset = AccidentFilterSet(request.GET, queryset=qs)
    return list_page(
        request, "enforcement/accident_list.html", filterset, AccidentTable(filterset.qs)
    )


@permission_required("enforcement.view_accident", raise_exception=True)
def accident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One accident or environmental incident: its figures, its grade and which figures set it,
    the document that determined it, and its history."""
    qs = selectors.accidents_visible_to(request.user).select_related("enterprise", "department")
    accident = get_object_or_404(qs, pk=pk)
    context = {
        "accident": accident,
        "reached": services.accident_grade_reasons(accident),
        "history": history_of(accident),
    }
    return render(request, "enforcement/accident_detail.html", context)


@permission_required("enforcement.add_accident", raise_exception=True)
def accident_new(request: AuthedHttpRequest) -> HttpResponse:
    form = AccidentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            accident = services.accident_create(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("已录入事故，等级：%(g)s") % {"g": accident.get_grade_display()}
            )
            return HttpResponseRedirect(accident.get_absolute_url())
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": _("录入事故或突发环境事件"),
            "next": reverse("enforcement:accident_list"),
        },
    )


def _control_events(request: HttpRequest) -> ControlEventFilterSet:
    qs = selectors.control_events_visible_to(request.user).select_related("enterprise")
    return ControlEventFilterSet(request.GET, queryset=qs)


@permission_required("enforcement.view_controlevent", raise_exception=True)
def control_event_list(request: HttpRequest) -> HttpResponse:
    filterset = _control_events(request)
    return list_page(
        request, "enforcement/control_event_list.html", filterset,
        ControlEventTable(filterset.qs), exports=exports_of("enforcement:control_event_export"),
    )  # fmt: skip


@permission_required("enforcement.view_controlevent", raise_exception=True)
def control_event_export(request: HttpRequest) -> HttpResponse:
    events = _control_events(request).qs.order_by("-occurred_on", "-pk")
    return export_xlsx(
        request, events, write=lambda: exports.control_events_xlsx(events),
        filename=xlsx_name(_("管控事项")),
    )  # fmt: skip


@permission_required("enforcement.add_controlevent", raise_exception=True)
def control_event_new(request: AuthedHttpRequest) -> HttpResponse:
    form = ControlEventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.control_event_create(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已录入管控事项"))
            return HttpResponseRedirect(reverse("enforcement:control_event_list"))
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": _("录入管控事项"),
            "next": reverse("enforcement:control_event_list"),
        },
    )


@permission_required("enforcement.view_closuredecision", raise_exception=True)
def proposal_list(request: AuthedHttpRequest) -> HttpResponse:
    """关停一批 proposals with their evidence; the park office accepts or rejects each."""
    if not selectors.reads_all(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("enforcement.add_closuredecision"):
            raise PermissionDenied
        if form.is_valid():
            enterprise = form.cleaned_data["enterprise"]
            found = {p.enterprise.pk: p for p in rectifications.closure_proposals(today=today)}
            proposal = found.get(enterprise.pk)
            if proposal is None:
                form.add_error(None, _("该企业不在关停提议中"))
            else:
                try:
                    services.closure_decide(
                        user=request.user, enterprise=enterprise,
                        decision=ProposalDecision(form.cleaned_data["decision"]),
                        reason=form.cleaned_data["reason"], evidence=proposal.evidence_text,
                        decided_on=today,
                    )  # fmt: skip
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("已记录决定"))
                    return HttpResponseRedirect(request.path)
    proposals = rectifications.closure_proposals(today=today)
    return render(request, "enforcement/proposal_list.html", {"proposals": proposals, "form": form})


@permission_required("enforcement.add_controlevent", raise_exception=True)
def control_event_import(request: AuthedHttpRequest) -> HttpResponse:
    """An .xlsx of control events, all or nothing, every error by row and column."""
    form = ControlEventImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = control_events_import(user=request.user, data=upload.read(), filename=upload.name)
        errors = outcome.errors
        if not errors:
            messages.success(
                request,
                _("已导入 %(n)s 条管控事项，%(s)s 条已录入过未重复导入")
                % {"n": outcome.created, "s": outcome.skipped},
            )
            return HttpResponseRedirect(reverse("enforcement:control_event_list"))
    return render(
        request, "enforcement/control_event_import.html", {"form": form, "errors": errors}
    )
