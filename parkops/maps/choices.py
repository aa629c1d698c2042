from django.db import models
from django.utils.translation import gettext_lazy as _


class ShapeKind(models.TextChoices):
    PLOT = "plot", _("地块")
    SMALL_PARK = "small_park", _("小园区")


class ShapeSource(models.TextChoices):
    GEOJSON = "geojson", _("GeoJSON 导入")
    SHAPEFILE = "shapefile", _("Shapefile 导入")
    DEMO = "demo", _("演示数据")


class ColourBy(models.TextChoices):
    """What the map colours its shapes by (the selector on the page)."""

    EVALUATION = "evaluation", _("综合评价分类")
    LAND_FLAG = "land_flag", _("低效用地认定")
    ACTION = "action", _("盘活 / 腾退 / 提升")
    RATING = "rating", _("小园区评定")
