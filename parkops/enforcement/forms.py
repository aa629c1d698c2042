from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.accounts.models import Department
from parkops.common.types import AnyUser
from parkops.enforcement import selectors
from parkops.enforcement.choices import ProposalDecision, ReinspectionResult
from parkops.enforcement.models import Accident, ControlEvent, Finding, Inspection, Penalty
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
            "enterprise", "occurred_on", "description", "deaths", "serious_injuries",
            "direct_loss_wan", "department", "source",
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
