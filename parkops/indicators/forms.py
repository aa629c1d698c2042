from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ManualValueForm(forms.Form):
    value = forms.DecimalField(label=_("人工填报值"), max_digits=12, decimal_places=2)
    reason = forms.CharField(label=_("填报原因"), max_length=300)
    # The manual value this one replaces: refused if someone changed it in between.
    version = forms.CharField(required=False, widget=forms.HiddenInput)


class ClearManualForm(forms.Form):
    clear = forms.BooleanField(widget=forms.HiddenInput, initial=True)
    reason = forms.CharField(label=_("恢复计算值的原因"), max_length=300)
