"""Forms of the matching app: every edit carries the record's version and asks a reason."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parkops.common.forms import VersionedModelForm
from parkops.matching.choices import PairDecision
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.registry.models import Enterprise

REASON = forms.CharField(label=_("修改原因"), max_length=200, required=False)


class ProfileForm(VersionedModelForm):
    reason = REASON

    class Meta:
        model = SupplyDemandProfile
        fields = (
            "offer_text", "offer_codes", "offer_keywords", "need_text", "need_codes",
            "need_keywords",
        )  # fmt: skip
        widgets = {
            "offer_text": forms.Textarea(attrs={"rows": 2}),
            "need_text": forms.Textarea(attrs={"rows": 2}),
        }


class SessionForm(VersionedModelForm):
    reason = REASON

    class Meta:
        model = MatchingSession
        fields = ("title", "kind", "held_on", "organiser", "status", "invitees", "note")
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "invitees": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        invitees: Any = self.fields["invitees"]
        invitees.queryset = Enterprise.objects.order_by("name")
        if self.instance.pk is None:
            del self.fields["reason"]


class PairOutcomeForm(VersionedModelForm):
    reason = REASON

    class Meta:
        model = MatchPair
        fields = ("outcome", "outcome_reason", "amount_wan")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("采纳"), choices=PairDecision.choices)
    # Not "version": the page's edit form (the outcome) is the one that carries the version.
    based_on = forms.CharField(required=False, widget=forms.HiddenInput)
