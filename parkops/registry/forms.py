from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parkops.common.forms import VersionedModelForm
from parkops.registry.models import Enterprise, EnterpriseYear
from parkops.registry.services import ENTERPRISE_EDITABLE, YEAR_EDITABLE


class EnterpriseForm(VersionedModelForm):
    class Meta:
        model = Enterprise
        fields = ENTERPRISE_EDITABLE
        widgets = {
            "production_started_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class EnterpriseYearForm(VersionedModelForm):
    """A year's figures; correcting a stored year asks for the reason, kept in the history."""

    reason = forms.CharField(label=_("修改原因"), max_length=100, required=False)

    class Meta:
        model = EnterpriseYear
        fields = YEAR_EDITABLE
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # a new year needs no reason
            del self.fields["reason"]
        else:  # the year is the record's key: corrected by a new record, not here
            self.fields["year"].disabled = True
