from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from parkops.maps.choices import ColourBy, ShapeKind

ZIP_MAGIC = b"PK\x03\x04"


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
        help_text=_(
            "GeoJSON 要素属性或 shapefile 属性表（.dbf）中记载地块或小园区名称的字段，"
            "如 name 或 名称"
        ),
    )
    file = forms.FileField(
        label=_("图形文件"),
        help_text=_(
            "GeoJSON 要素集合（.geojson），或 shapefile 压缩包（.zip，内含 .shp、.shx、.dbf，"
            "可附 .prj、.cpg），经纬度坐标"
        ),
    )

    def clean_file(self) -> str | bytes:
        """The GeoJSON file's text, or a zip's bytes (a shapefile, read by the service)."""
        upload = self.cleaned_data["file"]
        if upload.size > settings.PARKOPS_IMPORT_MAX_MB * 1024 * 1024:
            raise ValidationError(_("文件超过 %(mb)d MB") % {"mb": settings.PARKOPS_IMPORT_MAX_MB})
        self.filename = upload.name or "shapes.geojson"
        data: bytes = upload.read()
        suffix = self.filename.lower().rsplit(".", 1)[-1]
        if suffix == "zip" or data.startswith(ZIP_MAGIC):
            return data
        if suffix in ("shp", "shx", "dbf", "prj", "cpg"):
            raise ValidationError(
                _("shapefile 须将 .shp、.shx、.dbf（及 .prj、.cpg）一起打包为 .zip 后上传")
            )
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("文件须为 UTF-8 编码的文本")) from None
