"""Pages of the matching app: profiles, sessions with their pairs, a pair's decision and outcome.

Each view reads through a selector and writes through a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkops.common.history import history_of
from parkops.common.lists import Export, export_xlsx, list_page
from parkops.matching import exports, selectors, services
from parkops.matching.choices import PairDecision, PairOutcome
from parkops.matching.filtersets import PairFilterSet, ProfileFilterSet, SessionFilterSet
from parkops.matching.forms import DecisionForm, PairOutcomeForm, ProfileForm, SessionForm
from parkops.matching.tables import PairTable, ProfileTable, SessionTable


def _name(name: str) -> str:
    return f"{name}-{timezone.localdate().isoformat()}"


def _xlsx_here(url_name: str, *args: Any) -> list[Export]:
    return [
        Export(_("导出 Excel"), reverse(url_name, args=args), id="export",
               params=(("format", "xlsx"),))
    ]  # fmt: skip


def _add_errors(form: Any, error: ValidationError) -> None:
    """A service's errors on the form: by field where the form has it, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@permission_required("matching.view_supplydemandprofile", raise_exception=True)
def profile_list(request: HttpRequest) -> HttpResponse:
    filterset = ProfileFilterSet(request.GET, queryset=selectors.profile_list(user=request.user))
    if request.GET.get("format") == "xlsx":
        rows = filterset.qs.order_by("enterprise__name", "pk")
        return export_xlsx(
            request, rows, write=lambda: exports.profiles_xlsx(rows), filename=_name(_("供需画像"))
        )
    return list_page(
        request, "matching/profile_list.html", filterset, ProfileTable(filterset.qs),
        exports=_xlsx_here("matching:profile_list"),
    )  # fmt: skip


@permission_required("matching.change_supplydemandprofile", raise_exception=True)
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = selectors.enterprise_for_profile(user=request.user, pk=pk)
    profile = selectors.profile_of(enterprise)
    form = ProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            services.profile_save(
                enterprise=enterprise, data=data, reason=reason, version=form.based_on
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已保存供需画像"))
            return HttpResponseRedirect(enterprise.get_absolute_url() + "#panel-matching")
    context = {"form": form, "enterprise": enterprise, "profile": profile}
    return render(request, "matching/profile_edit.html", context)


@permission_required("matching.view_matchingsession", raise_exception=True)
def session_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.sessions_visible_to(request.user)
    filterset = SessionFilterSet(request.GET, queryset=qs)
    context = {"can_add": request.user.has_perm("matching.add_matchingsession")}
    return list_page(
        request, "matching/session_list.html", filterset, SessionTable(filterset.qs),
        context=context,
    )  # fmt: skip


@permission_required("matching.add_matchingsession", raise_exception=True)
def session_new(request: HttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        invitees = data.pop("invitees")
        try:
            session = services.session_create(data=data, invitees=invitees)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已新建对接活动"))
            return HttpResponseRedirect(session.get_absolute_url())
    return render(request, "matching/session_form.html", {"form": form, "session": None})


@permission_required("matching.change_matchingsession", raise_exception=True)
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason, invitees = data.pop("reason"), data.pop("invitees")
        try:
            services.session_update(
                session=session, data=data, reason=reason, version=form.based_on,
                invitees=invitees,
            )  # fmt: skip
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(session.get_absolute_url())
    return render(request, "matching/session_form.html", {"form": form, "session": session})


@permission_required("matching.view_matchingsession", raise_exception=True)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    pairs = selectors.pair_list(user=request.user, session=session)
    if request.GET.get("format") == "xlsx":
        rows = PairFilterSet(request.GET, queryset=pairs).qs.order_by("-score", "pk")
        return export_xlsx(
            request, rows, write=lambda: exports.pairs_xlsx(session, rows),
            filename=_name(_("对接配对")),
        )  # fmt: skip
    filterset = PairFilterSet(request.GET, queryset=pairs)
    can_edit = request.user.has_perm("matching.change_matchpair")
    context = {
        "session": session,
        "invitees": selectors.invitees_shown(user=request.user, session=session),
        "can_edit": request.user.has_perm("matching.change_matchingsession"),
        "can_propose": request.user.has_perm("matching.add_matchpair"),
        "outcomes": selectors.outcome_counts(pairs=pairs),
        "history": history_of(session) if can_edit else [],
    }
    return list_page(
        request, "matching/session_detail.html", filterset,
        PairTable(filterset.qs, can_edit=can_edit),
        exports=_xlsx_here("matching:session_detail", session.pk), context=context,
    )  # fmt: skip


@require_POST
@permission_required("matching.add_matchpair", raise_exception=True)
def session_propose(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(user=request.user, pk=pk)
    try:
        added = services.pairs_propose(session=session)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        if added:
            messages.success(request, _("已推荐 %(n)s 对新配对") % {"n": len(added)})
        else:
            messages.info(request, _("没有新的配对可推荐"))
    return HttpResponseRedirect(session.get_absolute_url())


@permission_required("matching.change_matchpair", raise_exception=True)
def pair_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pair = selectors.pair_get(user=request.user, pk=pk)
    deciding = request.method == "POST" and "decision" in request.POST
    decision = DecisionForm(request.POST if deciding else None)
    form = PairOutcomeForm(
        request.POST if request.method == "POST" and not deciding else None, instance=pair
    )
    done = False
    if deciding and decision.is_valid():
        try:
            services.pair_decide(
                pair=pair, decision=PairDecision(decision.cleaned_data["decision"]),
                version=decision.cleaned_data["based_on"] or None,
            )  # fmt: skip
            done = True
        except ValidationError as error:
            _add_errors(decision, error)
    elif request.method == "POST" and not deciding and form.is_valid():
        data = form.cleaned_data
        try:
            services.pair_outcome_record(
                pair=pair, outcome=PairOutcome(data["outcome"]),
                outcome_reason=data["outcome_reason"], amount_wan=data["amount_wan"],
                reason=data["reason"], version=form.based_on,
            )  # fmt: skip
            done = True
        except ValidationError as error:
            _add_errors(form, error)
    if done:
        messages.success(request, _("已保存"))
        return HttpResponseRedirect(pair.get_absolute_url())
    context = {
        "pair": pair,
        "form": form,
        "decision_form": decision,
        "decisions": list(PairDecision),
        "history": history_of(pair),
    }
    return render(request, "matching/pair_edit.html", context)
