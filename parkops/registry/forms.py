from __future__ import annotations

from django import forms

from parkops.registry.models import Enterprise
from parkops.registry.services import ENTERPRISE_EDITABLE


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ENTERPRISE_EDITABLE
        widgets = {
            "production_started_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
