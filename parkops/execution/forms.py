from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parkops.common.forms import VersionedModelForm
from parkops.execution.choices import InfraStatus, Milestone, ScheduleState, ScheduleStatus
from parkops.execution.models import CultivationEntry, InfraProject, InfraSpend, ProjectMilestone
from parkops.execution.services import INFRA_EDITABLE
from parkops.registry.models import Enterprise

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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


STARTED_YES, STARTED_NO = "yes", "no"


class InfraSpendForm(forms.ModelForm):
    """A spend. On a project still marked 未开工 the first save asks whether the project has
    started (the question appears with the answer required) and offers to set it started."""

    class Meta:
        model = InfraSpend
        fields = ("spent_on", "amount_wan", "note")
        widgets = {"spent_on": DATE}

    def __init__(self, *args: Any, project: InfraProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.asks_started = project.status == InfraStatus.PLANNED and self.is_bound
        if self.asks_started:
            self.fields["started"] = forms.ChoiceField(
                label=_("该项目仍标记为“未开工”。这笔支出是否说明项目已开工？"),
                choices=[
                    (STARTED_YES, _("已开工：同时将项目状态改为“实施中”")),
                    (STARTED_NO, _("尚未开工：只记录支出（如前期费用），状态不变")),
                ],
                widget=forms.RadioSelect,
                error_messages={"required": _("请先确认项目是否已开工，再保存支出。")},
            )
            self.fields["started_on"] = forms.DateField(
                label=_("开工日期"),
                required=False,
                widget=DATE,
                help_text=_("选择“已开工”时填写；留空则取支付日期"),
            )

    def started_on(self) -> date | None:
        """The start date to record with the spend (None: leave the project's status alone)."""
        if not self.asks_started or self.cleaned_data.get("started") != STARTED_YES:
            return None
        day: date | None = self.cleaned_data.get("started_on") or self.cleaned_data["spent_on"]
        return day

    def spend_data(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("spent_on", "amount_wan", "note")}


class InfraProjectForm(VersionedModelForm):
    """A project's status and its start and completion dates, with the reason for the change."""

    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False)

    class Meta:
        model = InfraProject
        fields = INFRA_EDITABLE
        widgets = {
            "started_on": DATE,
            "completed_on": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }


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
