"""Micro-grids (微网格): the park cut into small areas, each with its grid officers (网格员).

An enterprise lies in at most one grid (a foreign key on the enterprise): the grids partition
the park, as a road does, so "whose grid is it in" has one answer and a grid officer's scope is
read exactly like a road chief's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped


class Grid(TimeStamped):
    name = models.CharField(_("网格名称"), max_length=50, unique=True)
    road = models.ForeignKey(
        "registry.Road",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grids",
        verbose_name=_("所在道路"),
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="grids_kept", verbose_name=_("网格员")
    )
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords(m2m_fields=[officers])

    class Meta:
        app_label = "registry"
        verbose_name = _("微网格")
        verbose_name_plural = _("微网格")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
