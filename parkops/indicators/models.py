"""Table 1 of the plan: the eight indicators, their 72 targets, and manual values that override
a computed actual. Computed actuals are never stored: they are read from the data each time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.indicators.choices import Computation


class Indicator(TimeStamped):
    number = models.PositiveSmallIntegerField(_("序号"), unique=True)
    group = models.CharField(_("类型"), max_length=20)
    name = models.CharField(_("指标名称"), max_length=100)
    unit = models.CharField(_("单位"), max_length=10)
    computation = models.CharField(_("计算方法"), max_length=40, choices=Computation.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("主要指标")
        verbose_name_plural = _("主要指标")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator_list") + f"#indicator-{self.number}"


class IndicatorTarget(TimeStamped):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("指标")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    floor = models.DecimalField(_("保底数"), max_digits=10, decimal_places=2)
    committed = models.DecimalField(_("确保数"), max_digits=10, decimal_places=2)
    stretch = models.DecimalField(_("贡献数"), max_digits=10, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("指标目标")
        verbose_name_plural = _("指标目标")
        ordering = ["indicator__number", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_unique"),
            models.CheckConstraint(
                condition=Q(floor__lte=F("committed"), committed__lte=F("stretch")),
                name="indicator_target_ordered",
                violation_error_message=_("目标须满足 保底数 ≤ 确保数 ≤ 贡献数。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


class ManualValue(TimeStamped):
    """A value the park office sets for an indicator and year, overriding the computed one."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="manual_values", verbose_name=_("指标")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("人工填报值"), max_digits=12, decimal_places=2)
    reason = models.CharField(_("填报原因"), max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("填报人"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("人工填报值")
        verbose_name_plural = _("人工填报值")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="manual_value_unique"),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="manual_value_has_reason",
                violation_error_message=_("人工填报须写明原因。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}: {self.value}"
