"""Joint inspection plans: the list with risk candidates, a plan's coverage, and the park office's
pages to make a plan, change it and add or remove its targets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkops.common.forms import add_service_errors
from parkops.common.history import history_of, history_rows
from parkops.common.types import AuthedHttpRequest
from parkops.enforcement import plan_services, planning, selectors
from parkops.enforcement.choices import TargetOrigin
from parkops.enforcement.forms import PlanForm, TargetForm, TargetRemoveForm
from parkops.enforcement.models import JointInspectionPlan, PlanTarget


@permission_required("enforcement.view_jointinspectionplan", raise_exception=True)
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans_visible_to(request.user).prefetch_related("departments")
    context: dict[str, object] = {"plans": plans}
    if selectors.reads_all(request.user):
        context["candidates"] = planning.risk_candidates(today=timezone.localdate())
    return render(request, "enforcement/plan_list.html", context)


@permission_required("enforcement.view_jointinspectionplan", raise_exception=True)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(selectors.plans_visible_to(request.user), pk=pk)
    form = TargetForm(initial={"planned_on": plan.starts_on})
    return render(request, "enforcement/plan_detail.html", _detail(plan, form))


def _detail(plan: JointInspectionPlan, target_form: TargetForm) -> dict[str, object]:
    # The targets' history by plan, so that a removed target's rows stay listed.
    targets = history_rows(PlanTarget.history.filter(plan_id=plan.pk), related=("enterprise",))
    history = sorted([*history_of(plan), *targets], key=lambda r: r.when, reverse=True)
    return {
        "plan": plan,
        "coverage": planning.plan_coverage(plan),
        "target_form": target_form,
        "history": history,
    }


@permission_required("enforcement.add_jointinspectionplan", raise_exception=True)
def plan_new(request: AuthedHttpRequest) -> HttpResponse:
    candidates = planning.risk_candidates(today=timezone.localdate())
    form = PlanForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("name", "starts_on", "ends_on", "note")}
        try:
            plan = plan_services.plan_create(
                user=request.user, data=data, departments=form.cleaned_data["departments"]
            )
            plan_services.plan_targets_add(
                plan=plan,
                risk=[form.candidates[pk] for pk in form.cleaned_data["risk"]],
                chosen=form.cleaned_data["chosen"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已制定联合执法计划"))
            return HttpResponseRedirect(plan.get_absolute_url())
    context = {
        "form": form,
        "title": _("制定联合执法计划"),
        "next": reverse("enforcement:plan_list"),
    }
    return render(request, "web/form_page.html", context)


@permission_required("enforcement.change_jointinspectionplan", raise_exception=True)
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(JointInspectionPlan, pk=pk)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("name", "starts_on", "ends_on", "note")}
        try:
            plan_services.plan_update(
                plan=plan, data=data, departments=form.cleaned_data["departments"],
                reason=form.cleaned_data["change_reason"], version=form.based_on,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(plan.get_absolute_url())
    context = {"form": form, "title": _("修改联合执法计划"), "record": plan}
    return render(request, "web/form_page.html", context)


@require_POST
@permission_required("enforcement.add_plantarget", raise_exception=True)
def plan_target_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(JointInspectionPlan, pk=pk)
    form = TargetForm(request.POST)
    if form.is_valid():
        try:
            plan_services.plan_target_add(
                plan=plan, enterprise=form.cleaned_data["enterprise"],
                planned_on=form.cleaned_data["planned_on"], origin=TargetOrigin.CHOSEN,
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("已列入计划"))
            return HttpResponseRedirect(plan.get_absolute_url())
    return render(request, "enforcement/plan_detail.html", _detail(plan, form), status=422)


@require_POST
@permission_required("enforcement.delete_plantarget", raise_exception=True)
def plan_target_remove(request: HttpRequest, pk: int, target: int) -> HttpResponse:
    item = get_object_or_404(PlanTarget, plan_id=pk, pk=target)
    form = TargetRemoveForm(request.POST)
    if form.is_valid():
        plan_services.plan_target_remove(target=item, reason=form.cleaned_data["reason"])
        messages.success(request, _("已移出计划：%(name)s") % {"name": item.enterprise.name})
    else:
        messages.error(request, _("请填写移出理由"))
    return HttpResponseRedirect(item.plan.get_absolute_url())
