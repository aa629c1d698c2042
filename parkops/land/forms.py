from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parkops.common.forms import VersionedModelForm
from parkops.land.models import (
    BatchAssignment,
    ControlListEntry,
    LandAction,
    PlotOccupant,
    PlotProgress,
    Resettlement,
)
from parkops.land.services import ACTION_EDITABLE

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 2})


class ReasonMixin(forms.Form):
    change_reason = forms.CharField(label=_("修改理由"), max_length=200, required=False)


class LandActionForm(ReasonMixin, VersionedModelForm):
    class Meta:
        model = LandAction
        fields = ACTION_EDITABLE
        widgets = {"completed_on": DATE, "note": TEXT}


class ControlEntryForm(ReasonMixin, VersionedModelForm):
    class Meta:
        model = ControlListEntry
        fields = (
            "kind", "plot", "enterprise", "listed_on", "reason", "measures", "lifted_on",
            "lifted_reason",
        )  # fmt: skip
        widgets = {
            "listed_on": DATE, "lifted_on": DATE, "reason": TEXT, "measures": TEXT,
            "lifted_reason": TEXT,
        }  # fmt: skip


class BatchForm(ReasonMixin, forms.ModelForm):
    class Meta:
        model = BatchAssignment
        fields = ("enterprise", "batch", "reason", "decided_on", "ended_on", "note")
        widgets = {"decided_on": DATE, "ended_on": DATE, "reason": TEXT, "note": TEXT}


class ResettlementForm(VersionedModelForm):
    class Meta:
        model = Resettlement
        fields = ("workers_affected", "workers_resettled", "methods")
        widgets = {"methods": TEXT}


class PlotProgressForm(ReasonMixin, VersionedModelForm):
    class Meta:
        model = PlotProgress
        fields = (
            "construction_started_on", "built_area_m2", "required_area_m2", "invested_wan",
            "planned_investment_wan", "halted_since", "note",
        )  # fmt: skip
        widgets = {"construction_started_on": DATE, "halted_since": DATE, "note": TEXT}


class OccupantForm(forms.ModelForm):
    class Meta:
        model = PlotOccupant
        fields = ("enterprise", "since", "until", "note")
        widgets = {"since": DATE, "until": DATE, "note": TEXT}
