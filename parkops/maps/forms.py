from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parkops.maps.choices import ColourBy, ShapeKind


class ColourForm(forms.Form):
    colour = forms.ChoiceField(
        label=_("着色依据"), choices=ColourBy.choices, initial=ColourBy.EVALUATION, required=False
    )


class ShapeImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("图形类别"), choices=ShapeKind.choices)
    code_property = forms.CharField(
        label=_("名称属性"),
        max_length=50,
        initial="name",
        help_text=_("要素属性中记载地块或小园区名称的字段，如 name 或 名称"),
    )
    file = forms.FileField(
        label=_("GeoJSON 文件"), help_text=_("要素集合（FeatureCollection），经纬度坐标")
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > settings.PARKOPS_IMPORT_MAX_MB * 1024 * 1024:
            raise ValidationError(_("文件超过 %(mb)d MB") % {"mb": settings.PARKOPS_IMPORT_MAX_MB})
        try:
            text: str = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("文件须为 UTF-8 编码的文本")) from None
        self.filename = upload.name or "shapes.geojson"
        return text
