from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parkops.briefings import services
from parkops.briefings.snapshot import Quarter


class BriefingForm(forms.Form):
    quarter = forms.CharField(label=_("季度"), max_length=10, help_text=_("写作 YYYYQn，如 2026Q4"))
    next_steps = forms.CharField(
        label=_("下一步工作"),
        required=False,
        max_length=services.NEXT_STEPS_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("每行一段；不填时简报写“暂无数据”"),
    )

    def clean_quarter(self) -> Quarter:
        try:
            return services.quarter_parse(self.cleaned_data["quarter"])
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from error
