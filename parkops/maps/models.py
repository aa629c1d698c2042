"""Shapes of plots and small parks for the offline map, and the GeoJSON files they came from.

No GIS extension: a shape is its GeoJSON text, with its bounding box in four indexed columns for
filtering by the map's view, on SQLite and PostgreSQL alike. Coordinates are longitude/latitude
in CGCS2000 / WGS-84 (parkops.core.geo); `display` is the simplified, rounded geometry the map
draws, computed when the shape is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.maps.choices import ShapeKind, ShapeSource
from parkops.registry.models import LandPlot, SmallPark


class Shape(TimeStamped):
    """The outline of one plot or one small park."""

    kind = models.CharField(_("类别"), max_length=20, choices=ShapeKind.choices)
    plot = models.OneToOneField(
        LandPlot,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shape",
        verbose_name=_("地块"),
    )
    small_park = models.OneToOneField(
        SmallPark,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shape",
        verbose_name=_("小园区"),
    )
    geometry = models.TextField(_("边界（GeoJSON）"))
    display = models.TextField(_("显示用边界（简化后 GeoJSON）"))
    west = models.FloatField(_("最西经度"), db_index=True)
    south = models.FloatField(_("最南纬度"), db_index=True)
    east = models.FloatField(_("最东经度"), db_index=True)
    north = models.FloatField(_("最北纬度"), db_index=True)
    source = models.CharField(_("来源"), max_length=20, choices=ShapeSource.choices)
    source_name = models.CharField(_("来源文件"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("导入时间"))
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("图形")
        verbose_name_plural = _("图形")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=ShapeKind.PLOT, plot__isnull=False, small_park__isnull=True))
                | Q(kind=ShapeKind.SMALL_PARK, plot__isnull=True, small_park__isnull=False),
                name="shape_one_subject",
                violation_error_message=_("图形须对应一个地块或一个小园区"),
            ),
            models.CheckConstraint(
                condition=Q(west__lte=F("east"), south__lte=F("north")),
                name="shape_bbox_ordered",
                violation_error_message=_("图形范围有误"),
            ),
        ]

    def __str__(self) -> str:
        return str(self.plot or self.small_park)

    @property
    def subject(self) -> LandPlot | SmallPark | None:
        return self.plot or self.small_park


class ShapeImport(TimeStamped):
    """An uploaded file between its preview and its confirmation (all or nothing). A zipped
    shapefile is kept as the GeoJSON its records were read into, the text the checks read."""

    kind = models.CharField(_("类别"), max_length=20, choices=ShapeKind.choices)
    source = models.CharField(
        _("文件格式"), max_length=20, choices=ShapeSource.choices, default=ShapeSource.GEOJSON
    )
    code_property = models.CharField(_("编码属性"), max_length=50)
    filename = models.CharField(_("文件名"), max_length=200)
    content = models.TextField(_("文件内容"))
    feature_count = models.PositiveIntegerField(_("图形数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="shape_imports",
        verbose_name=_("导入人"),
    )
    applied_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("图形导入")
        verbose_name_plural = _("图形导入")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
