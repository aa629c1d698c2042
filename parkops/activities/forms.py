"""Forms of the activities app: one column, native date-time pickers, for a phone as well."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.accounts.models import Department
from parkops.activities.choices import Attendance
from parkops.activities.models import Activity, Invitation
from parkops.common.forms import VersionedModelForm
from parkops.registry.models import Enterprise
from parkops.service.choices import Category

FIELDS = ("kind", "title", "starts_at", "place", "organiser", "topics", "status", "summary")
WIDGETS = {
    "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    "topics": forms.Textarea(attrs={"rows": 2}),
    "summary": forms.Textarea(attrs={"rows": 3}),
}


class ActivityForm(VersionedModelForm):
    """Create (no reason) or edit (reason asked) an activity with its invited enterprises."""

    invitees = forms.ModelMultipleChoiceField(
        label=_("邀请企业"), queryset=Enterprise.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("按住 Ctrl（手机上直接点选）可选多家企业"),
    )  # fmt: skip
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False)

    class Meta:
        model = Activity
        fields = FIELDS
        widgets = WIDGETS

    def __init__(
        self,
        *args: Any,
        enterprises: QuerySet[Enterprise],
        departments: QuerySet[Department],
        office: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        invitees: Any = self.fields["invitees"]
        invitees.queryset = enterprises.order_by("name")
        organiser: Any = self.fields["organiser"]
        organiser.queryset = departments
        organiser.empty_label = _("园区办")
        organiser.required = not office  # a department organises in its own name
        starts: Any = self.fields["starts_at"]
        starts.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk is None:
            del self.fields["reason"]
        else:
            self.fields["invitees"].initial = list(
                self.instance.invitations.values_list("enterprise_id", flat=True)
            )

    def activity_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in FIELDS}


class AttendanceForm(forms.Form):
    """One invitation's attendance: a row of the phone-first attendance sheet."""

    invitation = forms.IntegerField(widget=forms.HiddenInput)
    attended = forms.ChoiceField(
        label=_("出席"), choices=Attendance.choices, widget=forms.RadioSelect
    )
    attendees = forms.CharField(label=_("出席人员"), max_length=200, required=False)


AttendanceFormSet = forms.formset_factory(AttendanceForm, extra=0)


class MinutesForm(forms.Form):
    summary = forms.CharField(
        label=_("活动纪要"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput)


class RaisedRequestForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("企业"), queryset=Enterprise.objects.none(), required=False
    )
    category = forms.ChoiceField(
        label=_("诉求类别"), choices=[("", "---------"), *Category.choices], required=False
    )
    text = forms.CharField(
        label=_("诉求内容"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    department = forms.ModelChoiceField(
        label=_("承办部门"), queryset=Department.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        enterprises: QuerySet[Enterprise] | None = None,
        departments: QuerySet[Department] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if enterprises is not None:
            field: Any = self.fields["enterprise"]
            field.queryset = enterprises
        if departments is not None:
            holder: Any = self.fields["department"]
            holder.queryset = departments
            holder.empty_label = _("由园区办派单")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        filled = [bool(cleaned.get(n)) for n in ("enterprise", "category")]
        text = bool(cleaned.get("text", "").strip())
        if any(filled) or text:
            if not cleaned.get("enterprise"):
                self.add_error("enterprise", _("请选择企业"))
            if not cleaned.get("category"):
                self.add_error("category", _("请选择诉求类别"))
            if not text:
                self.add_error("text", _("请填写诉求内容"))
        return cleaned

    @property
    def filled(self) -> bool:
        return bool(getattr(self, "cleaned_data", {}).get("enterprise"))


RaisedRequestFormSet = forms.formset_factory(RaisedRequestForm, extra=2, max_num=20)


def attendance_initial(invitations: Iterable[Invitation]) -> list[dict[str, Any]]:
    return [
        {"invitation": i.pk, "attended": i.attended, "attendees": i.attendees} for i in invitations
    ]
