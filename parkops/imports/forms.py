from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from parkops.imports.choices import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("导入类型"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("文件"),
        help_text=_(".xlsx、.xls 或 .csv（UTF-8 或 GBK 编码）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.csv"}),
    )
