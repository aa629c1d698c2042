"""Pages of activities: list (with its monthly counts), detail, create and edit, attendance, and
the requests raised at an activity. Reads through the selectors, writes through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.activities import selectors, services
from parkops.activities.choices import Attendance
from parkops.activities.exports import activity_columns
from parkops.activities.filtersets import ActivityFilterSet
from parkops.activities.forms import (
    ActivityForm,
    AttendanceFormSet,
    MinutesForm,
    RaisedRequestFormSet,
    attendance_initial,
)
from parkops.activities.models import Activity
from parkops.activities.tables import ActivityTable
from parkops.common.history import history_of
from parkops.common.lists import Export, export_filtered, list_page
from parkops.common.types import AuthedHttpRequest
from parkops.common.versioning import version_of
from parkops.registry.selectors import enterprises_visible_to
from parkops.service.choices import Category

VIEW = "activities.view_activity"


def _filtered(request: HttpRequest) -> ActivityFilterSet:
    return ActivityFilterSet(request.GET, queryset=selectors.activity_list(user=request.user))


@permission_required(VIEW, raise_exception=True)
def activity_list(request: AuthedHttpRequest) -> HttpResponse:
    if request.GET.get("format") == "xlsx":
        return activity_export(request)
    filterset = _filtered(request)
    counts = selectors.monthly_counts(user=request.user, activities=filterset.qs)
    return list_page(
        request, "activities/activity_list.html", filterset, ActivityTable(filterset.qs),
        exports=[Export(_("导出 Excel"), reverse("activities:activity_export"), id="export")],
        results="activities/_results.html",
        context={"counts": counts, "may_create": request.user.has_perm("activities.add_activity")},
    )  # fmt: skip


@permission_required(VIEW, raise_exception=True)
def activity_export(request: HttpRequest) -> HttpResponse:
    return export_filtered(
        request, _filtered(request), columns=activity_columns(), filename=_("企业活动"),
        order=("-starts_at", "-pk"),
    )  # fmt: skip


def _add_errors(form: Any, error: ValidationError) -> None:
    """A service's errors on the form: by field where the form has it, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _form(request: AuthedHttpRequest, instance: Activity | None = None) -> ActivityForm:
    return ActivityForm(
        request.POST or None, instance=instance,
        enterprises=enterprises_visible_to(request.user),
        departments=selectors.organiser_departments(request.user),
        office=selectors.is_park_office(request.user),
    )  # fmt: skip


@permission_required("activities.add_activity", raise_exception=True)
def activity_new(request: AuthedHttpRequest) -> HttpResponse:
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(
                user=request.user, data=form.activity_data(),
                invitees=form.cleaned_data["invitees"],
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            _add_errors(form, _as_validation(error))
        else:
            messages.success(request, _("已登记活动"))
            return HttpResponseRedirect(activity.get_absolute_url())
    context = {"form": form, "title": _("登记活动"), "next": reverse("activities:activity_list")}
    return render(request, "activities/activity_form.html", context)


def _as_validation(error: Exception) -> ValidationError:
    return error if isinstance(error, ValidationError) else ValidationError(str(error))


@permission_required("activities.change_activity", raise_exception=True)
def activity_edit(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    if not selectors.may_work(request.user, activity):
        raise PermissionDenied
    form = _form(request, activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                user=request.user, activity=activity, data=form.activity_data(),
                reason=form.cleaned_data.get("reason", ""), version=form.based_on,
                invitees=form.cleaned_data["invitees"],
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            _add_errors(form, _as_validation(error))
        else:
            messages.success(request, _("已保存"))
            return HttpResponseRedirect(activity.get_absolute_url())
    context = {"form": form, "title": _("修改活动"), "record": activity}
    return render(request, "activities/activity_form.html", context)


@permission_required(VIEW, raise_exception=True)
def activity_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get(user=request.user, pk=pk)
    invitations = selectors.invitations_of(user=request.user, activity=activity)
    context = {
        "activity": activity,
        "invitations": invitations,
        "requests": selectors.requests_of(user=request.user, activity=activity),
        "workable": selectors.may_work(request.user, activity)
        and request.user.has_perm("activities.change_activity"),
        "history": history_of(activity, activity.invitations.all()),
    }
    return render(request, "activities/activity_detail.html", context)


def _workable(request: AuthedHttpRequest, pk: int) -> Activity:
    activity = selectors.activity_get(user=request.user, pk=pk)
    if not selectors.may_work(request.user, activity):
        raise PermissionDenied(_("只有园区办或主办部门的人员可以记录此活动。"))
    return activity


@permission_required("activities.change_invitation", raise_exception=True)
def attendance(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    activity = _workable(request, pk)
    invitations = list(selectors.invitations_of(user=request.user, activity=activity))
    formset = AttendanceFormSet(
        request.POST or None, initial=attendance_initial(invitations),
        prefix="att",
    )  # fmt: skip
    minutes = MinutesForm(
        request.POST or None,
        initial={"summary": activity.summary, "version": version_of(activity)},
        prefix="min",
    )
    if request.method == "POST" and formset.is_valid() and minutes.is_valid():
        rows = [
            services.AttendanceRow(
                f.cleaned_data["invitation"],
                Attendance(f.cleaned_data["attended"]),
                f.cleaned_data.get("attendees", ""),
            )
            for f in formset.forms
        ]
        try:
            services.attendance_record(
                user=request.user, activity=activity, rows=rows,
                summary=minutes.cleaned_data["summary"],
                version=minutes.cleaned_data["version"] or None,
            )  # fmt: skip
        except ValidationError as error:
            for message in error.messages:
                minutes.add_error(None, message)
        else:
            messages.success(request, _("已记录出席"))
            return HttpResponseRedirect(activity.get_absolute_url())
    by_pk = {i.pk: i for i in invitations}
    sheet = [(f, by_pk.get(f.initial.get("invitation") or 0)) for f in formset.forms]
    context = {"activity": activity, "formset": formset, "minutes": minutes, "rows": sheet}
    return render(request, "activities/attendance.html", context)


@permission_required("activities.change_activity", raise_exception=True)
def requests_new(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    activity = _workable(request, pk)
    enterprises = (
        enterprises_visible_to(request.user)
        .filter(pk__in=activity.invitations.values("enterprise"))
        .order_by("name")
    )
    departments = selectors.organiser_departments(request.user)
    kwargs = {"enterprises": enterprises, "departments": departments}
    initial = [{"department": activity.organiser_id}] * 2 if activity.organiser_id else None
    formset = RaisedRequestFormSet(
        request.POST or None, prefix="req", form_kwargs=kwargs, initial=initial
    )
    refusals: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows = [
            services.RaisedRow(
                f.cleaned_data["enterprise"],
                Category(f.cleaned_data["category"]),
                f.cleaned_data["text"],
                f.cleaned_data.get("department"),
            )
            for f in formset.forms
            if f.filled
        ]
        try:
            created = services.activity_requests_raise(
                user=request.user, activity=activity, rows=rows
            )
        except (ValidationError, PermissionDenied) as error:
            refusals = _as_validation(error).messages
        else:
            messages.success(request, _("已登记 %(n)s 条诉求") % {"n": len(created)})
            return HttpResponseRedirect(activity.get_absolute_url())
    context = {"activity": activity, "formset": formset, "refusals": refusals}
    return render(request, "activities/requests_new.html", context)
