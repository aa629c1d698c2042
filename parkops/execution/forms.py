from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parkops.common.forms import VersionedModelForm
from parkops.execution.choices import Milestone, ScheduleState, ScheduleStatus
from parkops.execution.models import CultivationEntry, InfraSpend, ProjectMilestone
from parkops.registry.models import Enterprise

DATE = forms.DateInput(attrs={"type": "date"})


class ProgressReportForm(forms.Form):
    reported_on = forms.DateField(label=_("报告日期"), widget=DATE)
    status = forms.ChoiceField(
        label=_("推进状态"), choices=[("", "—"), *ScheduleStatus.choices], required=False
    )
    text = forms.CharField(label=_("推进落实情况"), widget=forms.Textarea(attrs={"rows": 3}))


class MilestoneForm(VersionedModelForm):
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False)

    class Meta:
        model = ProjectMilestone
        fields = ("target_date", "achieved_on", "achieved_undated", "reported_status")
        widgets = {"target_date": DATE, "achieved_on": DATE}


class CultivationEntryForm(VersionedModelForm):
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False)

    class Meta:
        model = CultivationEntry
        fields = ("planned_year", "predicted_output_wan", "project_name", "started_on", "note")
        widgets = {"started_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class InfraSpendForm(forms.ModelForm):
    class Meta:
        model = InfraSpend
        fields = ("spent_on", "amount_wan", "note")
        widgets = {"spent_on": DATE}


class ProjectFilterForm(forms.Form):
    """Key projects are few and their status is computed in Python, so a plain form filters them."""

    q = forms.CharField(label=_("企业或项目"), required=False)
    status = forms.ChoiceField(
        label=_("推进状态"), choices=[("", "---------"), *ScheduleState.choices], required=False
    )


class KeyProjectCreateForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("企业"), queryset=Enterprise.objects.order_by("name")
    )
    name = forms.CharField(label=_("项目名称"), max_length=200)
    milestone = forms.ChoiceField(label=_("“四早”节点"), choices=Milestone.choices)
    target_date = forms.DateField(label=_("目标日期"), widget=DATE)
    note = forms.CharField(
        label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CultivationEntryCreateForm(forms.ModelForm):
    class Meta:
        model = CultivationEntry
        fields = (
            "kind",
            "enterprise",
            "planned_year",
            "predicted_output_wan",
            "project_name",
            "note",
        )
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
