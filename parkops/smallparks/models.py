"""A small park's estate (buildings, tenancies, vacant space) and its yearly three-level rating.

The registry's SmallPark and Enterprise are referred to, never changed. Floor space is in m².
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.core.industry import IndustryCodeError, parse_industry_code
from parkops.core.text import normalise_code
from parkops.registry.models import Enterprise, SmallPark
from parkops.smallparks.choices import EiaCategory, RatingLevel

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

POSITIVE = [MinValueValidator(Decimal("0.01"))]


def _area(verbose_name: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, validators=POSITIVE)


class Building(TimeStamped):
    small_park = models.ForeignKey(
        SmallPark, on_delete=models.PROTECT, related_name="buildings", verbose_name=_("小园区")
    )
    name = models.CharField(_("楼栋"), max_length=50)
    floors = models.PositiveSmallIntegerField(_("层数"), validators=[MinValueValidator(1)])
    floor_area_m2 = _area(_("建筑面积（㎡）"))
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("厂房楼栋")
        verbose_name_plural = _("厂房楼栋")
        ordering = ["small_park", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["small_park", "name"],
                name="building_unique_in_park",
                violation_error_message=_("该小园区已有同名楼栋"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.small_park} · {self.name}"


def _building_errors(instance: Tenancy | VacantSpace) -> dict[str, Any]:
    building = instance.building if instance.building_id else None
    if building is not None and building.small_park_id != instance.small_park_id:
        return {"building": _("该楼栋不属于本小园区")}
    return {}


class Tenancy(TimeStamped):
    small_park = models.ForeignKey(
        SmallPark, on_delete=models.PROTECT, related_name="tenancies", verbose_name=_("小园区")
    )
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, null=True, blank=True,
        related_name="tenancies", verbose_name=_("楼栋"),
    )  # fmt: skip
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="tenancies", verbose_name=_("企业")
    )
    floor_area_m2 = _area(_("租用面积（㎡）"))
    starts_on = models.DateField(_("起租日期"))
    ends_on = models.DateField(_("到期日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("租赁")
        verbose_name_plural = _("租赁")
        ordering = ["small_park", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="tenancy_ends_after_start",
                violation_error_message=_("到期日期不能早于起租日期"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.small_park} · {self.enterprise}"

    def clean(self) -> None:
        errors = _building_errors(self)
        if self.enterprise_id and self.enterprise.small_park_id not in (None, self.small_park_id):
            errors["enterprise"] = _("该企业登记在其他小园区")
        if errors:
            raise ValidationError(errors)

    def is_current(self, on: date) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)


def _measure(verbose_name: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=10, decimal_places=2, null=True, blank=True, validators=POSITIVE
    )


class VacantSpace(TimeStamped):
    small_park = models.ForeignKey(
        SmallPark, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("小园区")
    )
    building = models.ForeignKey(
        Building, on_delete=models.PROTECT, null=True, blank=True,
        related_name="vacancies", verbose_name=_("楼栋"),
    )  # fmt: skip
    floor = models.SmallIntegerField(_("楼层"), null=True, blank=True)
    area_m2 = _area(_("空置面积（㎡）"))
    vacant_since = models.DateField(_("空置起始日期"))
    suitable_uses = models.CharField(
        _("适合用途"), max_length=200, blank=True, help_text=_("如：生物医药研发、精密加工、仓储")
    )
    let_on = models.DateField(_("出租日期"), null=True, blank=True, help_text=_("出租后填写"))
    # What a project needs to know of the space (matched against a lead's needs); blank is not
    # recorded, which never excludes the unit from a match.
    clear_height_m = _measure(_("净高（米）"))
    floor_load_kn_m2 = _measure(_("楼面荷载（kN/㎡）"))
    power_kva = _measure(_("可用电力容量（kVA）"))
    hazardous_allowed = models.BooleanField(
        _("允许使用危险化学品"), null=True, blank=True, help_text=_("留空为未登记")
    )
    eia_max_category = models.CharField(
        _("可承接的最高环评类别"), max_length=20, choices=EiaCategory.choices, blank=True
    )
    suitable_industries = models.CharField(
        _("适合行业代码"), max_length=200, blank=True,
        help_text=_("GB/T 4754-2017 代码，以逗号或空格分隔；大类代码（如 C27）涵盖其下各类"),
    )  # fmt: skip
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("空置厂房")
        verbose_name_plural = _("空置厂房")
        ordering = ["small_park", "building", "floor"]
        constraints = [
            models.CheckConstraint(
                condition=Q(let_on__isnull=True) | Q(let_on__gte=models.F("vacant_since")),
                name="vacancy_let_after_since",
                violation_error_message=_("出租日期不能早于空置起始日期"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.small_park} · {self.area_m2} ㎡"

    def clean(self) -> None:
        errors = _building_errors(self)
        codes = self.industry_codes()
        for code in codes:
            try:
                parse_industry_code(code)
            except IndustryCodeError:
                errors["suitable_industries"] = _("“%(code)s”不是有效的行业代码") % {"code": code}
                break
        self.suitable_industries = ",".join(codes)
        if errors:
            raise ValidationError(errors)

    def industry_codes(self) -> list[str]:
        return [
            normalise_code(c) for c in re.split(r"[,，、;；\s]+", self.suitable_industries) if c
        ]


def _pct(verbose_name: StrOrPromise, default: str) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=6, decimal_places=2, default=Decimal(default),
        validators=[MinValueValidator(Decimal(0))],
    )  # fmt: skip


class RatingRuleSet(TimeStamped):
    """One version of the rating rules. A version that has produced ratings cannot be changed:
    a new version is made instead, so every stored rating can be explained by its own rules."""

    version = models.CharField(_("版本"), max_length=50, unique=True)
    is_default = models.BooleanField(_("默认规则"), default=False)
    note = models.TextField(_("说明"), blank=True)
    benchmark_tax_per_mu_wan = models.DecimalField(
        _("亩均税收基准（万元/亩）"), max_digits=10, decimal_places=2, null=True, blank=True,
        help_text=_("留空则取参评小园区的平均值（税收合计 ÷ 占地合计）"),
    )  # fmt: skip
    good_min_tax_ratio = _pct(_("优质：亩均税收不低于基准的倍数"), "1.0")
    good_max_vacancy_pct = _pct(_("优质：空置率不高于（%）"), "15")
    good_min_ab_share_pct = _pct(_("优质：A/B 类企业占比不低于（%）"), "50")
    good_max_d_share_pct = _pct(_("优质：D 类企业占比不高于（%）"), "10")
    good_max_violations = models.PositiveSmallIntegerField(
        _("优质：违法违规不多于（起）"), default=0
    )
    bad_veto_violations = models.PositiveSmallIntegerField(
        _("低效：违法违规达到（起）即评为低效"), default=3
    )
    bad_max_tax_ratio = _pct(_("低效迹象：亩均税收低于基准的倍数"), "0.5")
    bad_min_vacancy_pct = _pct(_("低效迹象：空置率高于（%）"), "30")
    bad_min_d_share_pct = _pct(_("低效迹象：D 类企业占比高于（%）"), "30")
    bad_max_key_share_pct = _pct(_("低效迹象：三大重点产业企业占比低于（%）"), "30")
    bad_min_hits = models.PositiveSmallIntegerField(
        _("低效：低效迹象达到（项）"), default=2, validators=[MinValueValidator(1)]
    )
    tenant_min_tax_per_mu_wan = models.DecimalField(
        _("低效企业：亩均税收低于（万元/亩）"), max_digits=10, decimal_places=2,
        default=Decimal(10),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("小园区评定规则")
        verbose_name_plural = _("小园区评定规则")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.version

    def clean(self) -> None:
        # A version that has rated parks stays as it was, so each rating keeps its explanation.
        if self.pk is None or not self.ratings.exists():
            return
        stored = RatingRuleSet.objects.get(pk=self.pk)
        fixed = [
            f.attname
            for f in self._meta.concrete_fields
            if f.attname.startswith(("good_", "bad_", "benchmark_", "tenant_"))
        ]
        if any(getattr(stored, name) != getattr(self, name) for name in fixed):
            raise ValidationError(_("该规则版本已用于评定，不能修改阈值；请新建一个版本"))


class SmallParkRating(TimeStamped):
    small_park = models.ForeignKey(
        SmallPark, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("小园区")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    rule_set = models.ForeignKey(
        RatingRuleSet, on_delete=models.PROTECT, related_name="ratings", verbose_name=_("规则版本")
    )
    level = models.CharField(_("等级"), max_length=20, choices=RatingLevel.choices)
    metrics = models.JSONField(_("指标"), default=dict)
    reasons = models.JSONField(_("评定理由"), default=list)
    inputs_note = models.TextField(_("数据说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("小园区评定")
        verbose_name_plural = _("小园区评定")
        ordering = ["-year", "small_park"]
        constraints = [
            models.UniqueConstraint(
                fields=["small_park", "year"],
                name="smallpark_rating_unique",
                violation_error_message=_("该小园区该年度已有评定"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.small_park} · {self.year} · {self.get_level_display()}"
