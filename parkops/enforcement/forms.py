from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.accounts.models import Department
from parkops.common.forms import VersionedModelForm
from parkops.common.types import AnyUser
from parkops.enforcement import selectors
from parkops.enforcement.choices import ProposalDecision, ReinspectionResult
from parkops.enforcement.models import (
    Accident,
    ControlEvent,
    Finding,
    Inspection,
    JointInspectionPlan,
    Penalty,
)
from parkops.enforcement.planning import Candidate
from parkops.registry.models import Enterprise
from parkops.registry.selectors import enterprises_visible_to

DATE = forms.DateInput(attrs={"type": "date"})


def _own_departments(user: AnyUser) -> QuerySet[Department]:
    if selectors.edits_all(user):
        return Department.objects.filter(is_active=True)
    return selectors.departments_of(user)


class InspectionForm(forms.ModelForm):
    departments = forms.ModelMultipleChoiceField(
        label=_("参加部门"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("联合检查时勾选牵头部门以外的部门"),
    )

    class Meta:
        model = Inspection
        fields = (
            "enterprise", "inspected_on", "kind", "lead_department", "inspectors",
            "items_checked", "result", "note",
        )  # fmt: skip
        widgets = {
            "inspected_on": DATE,
            "items_checked": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises_visible_to(user).order_by("name")  # type: ignore[attr-defined]
        self.fields["lead_department"].queryset = _own_departments(user)  # type: ignore[attr-defined]


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ("description", "domain", "law", "article", "severity", "deadline")
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "deadline": DATE}


FindingFormSet = forms.formset_factory(FindingForm, extra=2, max_num=20, validate_max=True)


class PenaltyForm(forms.ModelForm):
    class Meta:
        model = Penalty
        fields = (
            "decision_number", "kind", "amount", "amount_unit", "decided_on", "department",
            "finding", "document_title",
        )  # fmt: skip
        widgets = {"decided_on": DATE}

    def __init__(self, *args: Any, user: AnyUser, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _own_departments(user)  # type: ignore[attr-defined]
        self.fields["finding"].queryset = inspection.findings.all()  # type: ignore[attr-defined]
        # The model's checks (same enterprise, finding of this inspection) need both.
        self.instance.inspection = inspection
        self.instance.enterprise = inspection.enterprise


class ExternalPenaltyForm(forms.ModelForm):
    """A penalty decided outside an inspection recorded here, entered from its document."""

    document = forms.FileField(label=_("文书扫描件"), required=False)

    class Meta:
        model = Penalty
        fields = (
            "decision_number", "enterprise", "kind", "amount", "amount_unit", "decided_on",
            "department", "document_title",
        )  # fmt: skip
        widgets = {"decided_on": DATE}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises_visible_to(user).order_by("name")  # type: ignore[attr-defined]
        self.fields["department"].queryset = _own_departments(user)  # type: ignore[attr-defined]
        self.fields["document_title"].required = True


class _FindingChoice(forms.Form):
    finding = forms.ModelChoiceField(label=_("问题"), queryset=Finding.objects.none())

    def __init__(self, *args: Any, inspection: Inspection, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = inspection.findings.all()  # type: ignore[attr-defined]


class ReinspectionForm(_FindingChoice):
    reinspected_on = forms.DateField(label=_("复查日期"), widget=DATE)
    result = forms.ChoiceField(label=_("复查结果"), choices=ReinspectionResult.choices)
    note = forms.CharField(label=_("复查说明"), required=False)


class PhotoForm(_FindingChoice):
    file = forms.FileField(label=_("照片（JPEG/PNG，≤10 MB）"))


class AccidentForm(forms.ModelForm):
    class Meta:
        model = Accident
        fields = (
            "kind", "enterprise", "occurred_on", "description", "deaths", "serious_injuries",
            "evacuated", "direct_loss_wan", "stated_grade", "department", "source",
        )  # fmt: skip
        widgets = {"occurred_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises_visible_to(user).order_by("name")  # type: ignore[attr-defined]
        self.fields["department"].queryset = _own_departments(user)  # type: ignore[attr-defined]


class ControlEventForm(forms.ModelForm):
    class Meta:
        model = ControlEvent
        fields = ("enterprise", "kind", "occurred_on", "source_document", "measure", "note")
        widgets = {"occurred_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises_visible_to(user).order_by("name")  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    enterprise = forms.ModelChoiceField(queryset=Enterprise.objects.all(), widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("决定"), choices=ProposalDecision.choices)
    reason = forms.CharField(label=_("理由"), max_length=500)


class ControlEventImportForm(forms.Form):
    file = forms.FileField(
        label=_("文件（.xlsx/.xls/.csv）"),
        help_text=_("列：统一社会信用代码、事项类型、发生日期、来源文书、管控措施、说明"),
    )


class PlanForm(VersionedModelForm):
    """A joint inspection plan: its period and departments; on a new plan, its first targets —
    the enterprises proposed from risk that the park office ticks, and any it chooses."""

    departments = forms.ModelMultipleChoiceField(
        label=_("参加部门"),
        queryset=Department.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    change_reason = forms.CharField(label=_("修改理由"), max_length=200, required=False)

    class Meta:
        model = JointInspectionPlan
        fields = ("name", "starts_on", "ends_on", "note")
        widgets = {"starts_on": DATE, "ends_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, candidates: Sequence[Candidate] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["departments"].initial = list(self.instance.departments.all())
            return
        del self.fields["change_reason"]
        self.candidates = {c.enterprise.pk: c for c in candidates}
        self.fields["risk"] = forms.TypedMultipleChoiceField(
            label=_("按风险提出的检查对象"),
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[
                (c.enterprise.pk, f"{c.enterprise.name}（{'；'.join(c.reasons)}）")
                for c in candidates
            ],
        )
        self.fields["chosen"] = forms.ModelMultipleChoiceField(
            label=_("另选检查对象"),
            queryset=Enterprise.objects.order_by("name"),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
        )


class TargetForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("企业"), queryset=Enterprise.objects.order_by("name")
    )
    planned_on = forms.DateField(label=_("计划检查日期"), widget=DATE)
    reason = forms.CharField(label=_("列入理由"), max_length=300, required=False)


class TargetRemoveForm(forms.Form):
    reason = forms.CharField(label=_("移出理由"), max_length=200)
