"""Forms of the attraction pages; the services check what the forms cannot."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkops.attraction import selectors
from parkops.attraction.choices import (
    CommitmentFigure,
    CommitmentStatus,
    Decision,
    Stance,
    VetoKind,
)
from parkops.attraction.commitments import COMMITMENT_EDITABLE
from parkops.attraction.models import AdmissionRuleSet, Commitment, Lead, LostReason
from parkops.attraction.services import LEAD_EDITABLE
from parkops.common.forms import VersionedModelForm
from parkops.common.types import AnyUser
from parkops.registry.models import SmallPark

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATES = ("next_action_on", "planned_start_on", "planned_production_on", "planned_full_on")


class LeadForm(VersionedModelForm):
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=200)

    class Meta:
        model = Lead
        fields = (*LEAD_EDITABLE, "offered_to")
        widgets = {
            **dict.fromkeys(DATES, DATE),
            "products": forms.Textarea(attrs={"rows": 2}),
            "offered_to": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_park"].queryset = selectors.owner_parks(user)  # type: ignore[attr-defined]
        self.fields["offered_to"].queryset = selectors.offer_parks(user)  # type: ignore[attr-defined]
        if not selectors.can_sign(user):
            self.fields["owner_park"].required = True
        if self.instance.pk is None:
            del self.fields["reason"]
        elif (
            self.instance.owner_park_id
            and not selectors.owner_parks(user).filter(pk=self.instance.owner_park_id).exists()
        ):
            del self.fields["owner_park"]  # a lead offered to the user's park keeps its owner


class AdvanceForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE, initial=timezone.localdate)
    version = forms.CharField(required=False, widget=forms.HiddenInput)


class LoseForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("流失原因"), queryset=LostReason.objects.filter(is_active=True)
    )
    note = forms.CharField(label=_("说明"), required=False, max_length=200)
    version = forms.CharField(required=False, widget=forms.HiddenInput)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("跟进内容"), max_length=500)


class OpinionForm(forms.Form):
    stance = forms.ChoiceField(label=_("意见"), choices=Stance.choices)
    text = forms.CharField(label=_("审查意见"), widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("决定"), choices=Decision.choices)
    note = forms.CharField(
        label=_("决定说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class CommitmentForm(VersionedModelForm):
    reason = forms.CharField(label=_("修改原因"), required=False, max_length=200)

    class Meta:
        model = Commitment
        fields = COMMITMENT_EDITABLE
        widgets = dict.fromkeys(("signed_on", "start_on", "production_on", "full_on"), DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["reason"]


class CommitmentFilterForm(forms.Form):
    """The 履约 list is computed in Python from the year figures, so a plain form filters it."""

    q = forms.CharField(label=_("企业名称"), required=False)
    owner_park = forms.ModelChoiceField(
        label=_("负责小园区"), queryset=SmallPark.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)
    figure = forms.ChoiceField(
        label=_("指标"), choices=[("", "---------"), *CommitmentFigure.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("履约情况"), choices=[("", "---------"), *CommitmentStatus.choices],
        required=False,
    )  # fmt: skip

    def __init__(self, *args: Any, parks: QuerySet[SmallPark], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_park"].queryset = parks  # type: ignore[attr-defined]


class VetoUploadForm(forms.Form):
    rule_set = forms.ModelChoiceField(
        label=_("准入规则版本"), queryset=AdmissionRuleSet.objects.all()
    )
    kind = forms.ChoiceField(label=_("清单"), choices=VetoKind.choices)
    source = forms.CharField(
        label=_("来源文件"), max_length=200, help_text=_("清单所依据文件的名称、文号")
    )
    file = forms.FileField(label=_("清单 .xlsx（列：行业代码、关键词、条目）"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The version in use is the one a list is usually loaded into.
        self.fields["rule_set"].initial = selectors.default_rule_set()


class IncentiveComputeForm(forms.Form):
    year = forms.IntegerField(
        label=_("计算年度"), min_value=2000, max_value=2100,
        initial=lambda: timezone.localdate().year - 1,
    )  # fmt: skip
