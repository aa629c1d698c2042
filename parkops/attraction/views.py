"""Pages of the attraction pipeline. Each view reads through a selector, writes through a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkops.attraction import exports, matches, memo, selectors, services
from parkops.attraction.choices import STAGE_ORDER, Stage
from parkops.attraction.commitments import commitment_checks
from parkops.attraction.filtersets import LeadFilterSet
from parkops.attraction.forms import (
    AdvanceForm,
    DecisionForm,
    LeadForm,
    LoseForm,
    NoteForm,
    OpinionForm,
)
from parkops.attraction.models import Commitment, Lead, Screening
from parkops.attraction.tables import LeadTable
from parkops.common.history import history_of
from parkops.common.lists import Export, export_xlsx, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.common.versioning import version_of
from parkops.common.xlsx import dated, download_headers
from parkops.registry.selectors import enterprises_visible_to, smallparks_visible_to

VIEW = "attraction.view_lead"


def _leads(request: HttpRequest) -> LeadFilterSet:
    return LeadFilterSet(
        request.GET,
        queryset=selectors.lead_list(user=request.user),
        parks=smallparks_visible_to(request.user),
    )


@permission_required(VIEW, raise_exception=True)
def board(request: HttpRequest) -> HttpResponse:
    columns = selectors.board(user=request.user)
    parks = selectors.incentive_parks(request.user)
    return render(
        request,
        "attraction/board.html",
        {"columns": columns, "stale_days": selectors.stale_days(),
         "rule_set": selectors.default_rule_set(), "reads_incentives": parks is not None,
         "incentives": selectors.incentive_latest(parks) if parks is not None else None},
    )  # fmt: skip


@permission_required(VIEW, raise_exception=True)
def lead_list(request: HttpRequest) -> HttpResponse:
    filterset = _leads(request)
    return list_page(
        request, "attraction/lead_list.html", filterset, LeadTable(filterset.qs),
        exports=[Export(_("导出 Excel"), reverse("attraction:lead_export"), id="export")],
    )  # fmt: skip


@permission_required(VIEW, raise_exception=True)
def lead_export(request: HttpRequest) -> HttpResponse:
    leads = _leads(request).qs
    return export_xlsx(
        request, leads, write=lambda: exports.leads_xlsx(leads), filename=dated(_("招商线索"))
    )


@permission_required("attraction.add_lead", raise_exception=True)
def lead_new(request: AuthedHttpRequest) -> HttpResponse:
    form = LeadForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        offered = data.pop("offered_to")
        try:
            lead = services.lead_create(user=request.user, data=data, offered_to=offered)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已登记线索"))
            return HttpResponseRedirect(lead.get_absolute_url())
    return render(
        request, "web/form_page.html",
        {"form": form, "title": _("登记招商线索"), "next": reverse("attraction:lead_list")},
    )  # fmt: skip


@permission_required("attraction.change_lead", raise_exception=True)
def lead_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    lead = selectors.lead_get(user=request.user, pk=pk)
    if not selectors.can_work(request.user, lead):
        raise PermissionDenied
    form = LeadForm(request.POST or None, instance=lead, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        offered = data.pop("offered_to")
        reason = data.pop("reason", "")
        try:
            services.lead_update(
                user=request.user, lead=lead, data=data, offered_to=offered,
                version=form.based_on, reason=reason,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(lead.get_absolute_url())
    return render(
        request, "web/form_page.html",
        {"form": form, "title": _("修改招商线索"), "record": lead},
    )  # fmt: skip


@permission_required(VIEW, raise_exception=True)
def lead_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    lead = selectors.lead_get(user=request.user, pk=pk)
    user = request.user
    screening = selectors.latest_screening(lead)
    context = {
        "lead": lead,
        "workable": selectors.can_work(user, lead),
        "can_sign": selectors.can_sign(user),
        "stale": selectors.is_stale(lead),
        "next_stage": services.next_stage(lead),
        "advance_form": AdvanceForm(initial={"version": version_of(lead)}, prefix="adv"),
        "lose_form": LoseForm(initial={"version": version_of(lead)}, prefix="lose"),
        "note_form": NoteForm(prefix="note"),
        "opinion_form": OpinionForm(prefix="op"),
        "decision_form": DecisionForm(prefix="dec"),
        "screening": screening,
        "opinions": screening.opinions.select_related("author") if screening else [],
        "matches": matches.lead_matches(user=user, lead=lead),
        "activities": lead.activities.select_related("user")[:50],
        "offered": list(lead.offered_to.all()),
        # A landed lead offered to the owner's park names another park's enterprise: not shown.
        "enterprise": (
            enterprises_visible_to(user).filter(pk=lead.enterprise_id).first()
            if lead.enterprise_id
            else None
        ),
        "history": history_of(lead),
        **_commitment_context(lead),
    }
    return render(request, "attraction/lead_detail.html", context)


def _commitment_context(lead: Lead) -> dict[str, object]:
    """The commitment section, from 签约 on (read only then, so earlier stages cost nothing)."""
    if STAGE_ORDER.index(Stage(lead.stage)) < STAGE_ORDER.index(Stage.SIGNED):
        return {"committable": False}
    commitment = Commitment.objects.filter(lead=lead).first()
    rows = []
    if commitment is not None:
        lead.commitment = commitment
        rows = commitment_checks([lead], today=timezone.localdate())
    return {"committable": True, "commitment": commitment, "commitment_rows": rows}


def _act(request: AuthedHttpRequest, lead: Lead) -> None:
    """One action of the lead page; a refusal becomes a message, never a 500."""
    user, action, post = request.user, request.POST.get("action", ""), request.POST
    if action == "advance":
        form = AdvanceForm(post, prefix="adv")
        if not form.is_valid():
            raise ValidationError(_("请填写有效日期"))
        d = form.cleaned_data
        services.lead_advance(user=user, lead=lead, on=d["on"], version=d["version"] or None)
    elif action == "lose":
        lose = LoseForm(post, prefix="lose")
        if not lose.is_valid():
            raise ValidationError(_("请选择流失原因"))
        d = lose.cleaned_data
        services.lead_lose(
            user=user, lead=lead, reason=d["reason"], note=d["note"], version=d["version"] or None
        )
    elif action == "note":
        note = NoteForm(post, prefix="note")
        services.lead_note(user=user, lead=lead, text=note.data.get("note-text", ""))
    elif action == "screen":
        services.screening_run(user=user, lead=lead)
    elif action in ("opinion", "decide"):
        screening = get_object_or_404(Screening, lead=lead, pk=post.get("screening"))
        if action == "opinion":
            op = OpinionForm(post, prefix="op")
            if not op.is_valid():
                raise ValidationError(_("请填写审查意见"))
            services.opinion_add(user=user, screening=screening, **op.cleaned_data)
        else:
            dec = DecisionForm(post, prefix="dec")
            if not dec.is_valid():
                raise ValidationError(_("请选择决定"))
            services.screening_decide(user=user, screening=screening, **dec.cleaned_data)
    else:
        raise ValidationError(_("未知操作"))


@require_POST
@permission_required(VIEW, raise_exception=True)
def lead_act(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    lead = selectors.lead_get(user=request.user, pk=pk)
    try:
        _act(request, lead)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已保存"))
    return HttpResponseRedirect(lead.get_absolute_url())


@permission_required(VIEW, raise_exception=True)
def screening_memo(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    screening = get_object_or_404(
        Screening.objects.filter(lead__in=selectors.leads_visible_to(request.user)).select_related(
            "lead", "rule_set"
        ),
        pk=pk,
    )
    content = memo.memo_docx(screening)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    return download_headers(response, f"{dated(_('准入审查意见'))}.docx")


@permission_required("attraction.view_admissionruleset", raise_exception=True)
def rule_set_detail(request: HttpRequest) -> HttpResponse:
    rule_set = selectors.default_rule_set()
    return render(request, "attraction/rule_set.html", {"rule_set": rule_set})
