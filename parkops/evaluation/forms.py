from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parkops.evaluation.models import SchemeVersion, VetoEvent
from parkops.evaluation.selectors_input import figure_years


class RunForm(forms.Form):
    year = forms.TypedChoiceField(label=_("评价年度"), coerce=int)
    scheme_version = forms.ModelChoiceField(
        label=_("方案版本"),
        queryset=SchemeVersion.objects.select_related("scheme").order_by("scheme__name", "-number"),
    )
    note = forms.CharField(label=_("备注"), required=False, max_length=500)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Read once per form: a callable was asked again by each render and by validation.
        self.fields["year"].choices = [(y, y) for y in figure_years()]  # type: ignore[attr-defined]


class SchemeForm(forms.Form):
    definition = forms.CharField(
        label=_("方案定义（JSON）"),
        widget=forms.Textarea(attrs={"rows": 28, "class": "font-monospace small"}),
    )
    note = forms.CharField(label=_("修改说明"), required=False, max_length=500)
    # The scheme's newest version number when the page was opened: a save is refused if
    # someone saved a newer one in between.
    latest = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_definition(self) -> Any:
        try:
            return json.loads(self.cleaned_data["definition"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("JSON 格式有误：第 %(line)s 行第 %(col)s 列"),
                params={"line": error.lineno, "col": error.colno},
            ) from error


class SchemeImportForm(forms.Form):
    """A scheme file (.json, as exported): decoded and read here, checked whole by the service."""

    MAX_BYTES = 1_000_000

    file = forms.FileField(label=_("方案文件（.json）"))
    reason = forms.CharField(label=_("修改说明"), required=False, max_length=500)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("方案文件过大（上限 1 MB）"))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("方案文件应为 UTF-8 编码的 JSON 文本")) from error
        try:
            definition = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("方案文件不是有效的 JSON：第 %(line)s 行第 %(col)s 列"),
                params={"line": error.lineno, "col": error.colno},
            ) from error
        if not isinstance(definition, dict):
            raise forms.ValidationError(_("方案文件应为一个方案（JSON 对象）"))
        return definition

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = self.files.get("file")
        if not cleaned.get("reason") and upload is not None:
            cleaned["reason"] = _("从文件导入：%(name)s") % {"name": upload.name}
        return cleaned


class SchemeCopyForm(forms.Form):
    name = forms.CharField(label=_("新方案名称"), max_length=100)


class VetoEventForm(forms.ModelForm):
    class Meta:
        model = VetoEvent
        fields = ("enterprise", "kind", "grade", "occurred_on", "description", "source")
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"})}


class VetoVoidForm(forms.Form):
    """Voiding a veto event: the reason, and the version of the event the page showed."""

    reason = forms.CharField(
        label=_("撤销原因"), max_length=100, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput)


WHATIF_FIELDS = (
    ("revenue", _("营业收入（万元）")),
    ("tax", _("税收（万元）")),
    ("value_added", _("工业增加值（万元）")),
    ("energy_tce", _("综合能耗（吨标准煤）")),
    ("emissions_t", _("主要污染物排放量（吨）")),
    ("rd_expense", _("研发经费（万元）")),
    ("employees", _("从业人员（人）")),
    ("land_mu", _("用地面积（亩）")),
    ("rented_floor_m2", _("租用建筑面积（㎡）")),
)


class WhatIfForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in WHATIF_FIELDS:
            self.fields[name] = forms.FloatField(label=label, required=False, min_value=0)
        # net tax may be negative (留抵退税)
        self.fields["tax"] = forms.FloatField(label=self.fields["tax"].label, required=False)
