"""The registry: the park's roads, micro-grids (grids.py), small parks, enterprises, land plots and
annual figures (models_years.py).

Money is in 万元, land in 亩, floor space in m², energy in tce. Every model keeps its history;
records that evaluations will read (enterprises, their years) are protected from deletion.
"""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.core.industry import IndustryCodeError, parse_industry_code
from parkops.core.text import normalise_code
from parkops.registry.choices import (
    Cluster,
    EnterpriseStatus,
    KeyIndustry,
)

# Re-exported: the app's models are imported from here.
from parkops.registry.designations import Designation as Designation
from parkops.registry.grids import Grid
from parkops.registry.models_years import EnterpriseYear as EnterpriseYear
from parkops.registry.models_years import latest_years_mark as latest_years_mark
from parkops.registry.validators import (
    validate_industry_code_field,
    validate_phone_field,
    validate_uscc_field,
)

if TYPE_CHECKING:
    pass


class Road(TimeStamped):
    """A road of the park; its road chiefs (路长) visit the enterprises on it."""

    name = models.CharField(_("道路名称"), max_length=50, unique=True)
    chiefs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="roads_led", verbose_name=_("路长")
    )
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords(m2m_fields=[chiefs])

    class Meta:
        verbose_name = _("道路")
        verbose_name_plural = _("道路")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SmallPark(TimeStamped):
    """A multi-tenant estate (小园区) whose owner rents out factory space."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    full_name = models.CharField(_("全称"), max_length=200, blank=True)
    plan_sequence = models.PositiveSmallIntegerField(
        _("方案序号"), null=True, blank=True, help_text=_("在《行动方案》脚注 1 名单中的顺序")
    )
    owner_name = models.CharField(_("业主单位"), max_length=200, blank=True)
    land_mu = models.DecimalField(
        _("占地面积（亩）"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    floor_area_m2 = models.DecimalField(
        _("厂房建筑面积（㎡）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    rentable_floor_m2 = models.DecimalField(
        _("可出租面积（㎡）"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("可对外出租的厂房面积，不含业主自用、公共配套；出租率与空置率以此为分母"),
    )
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("联系电话"), max_length=30, blank=True, validators=[validate_phone_field]
    )
    road = models.ForeignKey(
        Road,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="small_parks",
        verbose_name=_("道路"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    owners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="small_parks_owned",
        verbose_name=_("业主账号"),
        help_text=_("可以查看并维护本小园区的用户"),
    )
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        verbose_name = _("小园区")
        verbose_name_plural = _("小园区")
        ordering = ["plan_sequence", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(land_mu__isnull=True) | Q(land_mu__gt=0),
                name="smallpark_land_positive",
                violation_error_message=_("占地面积必须大于 0"),
            ),
            models.CheckConstraint(
                condition=Q(floor_area_m2__isnull=True) | Q(floor_area_m2__gt=0),
                name="smallpark_floor_area_positive",
                violation_error_message=_("厂房建筑面积必须大于 0"),
            ),
            models.CheckConstraint(
                condition=Q(rentable_floor_m2__isnull=True) | Q(rentable_floor_m2__gt=0),
                name="smallpark_rentable_positive",
                violation_error_message=_("可出租面积必须大于 0"),
            ),
            models.CheckConstraint(
                condition=Q(rentable_floor_m2__isnull=True)
                | Q(floor_area_m2__isnull=True)
                | Q(rentable_floor_m2__lte=models.F("floor_area_m2")),
                name="smallpark_rentable_within_total",
                violation_error_message=_("可出租面积不能大于厂房建筑面积"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:smallpark_detail", args=[self.pk])


class Enterprise(TimeStamped):
    name = models.CharField(_("企业名称"), max_length=200, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    uscc = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_uscc_field],
        help_text=_("18 位，GB 32100-2015"),
    )
    industry_code = models.CharField(
        _("行业代码"),
        max_length=8,
        blank=True,
        validators=[validate_industry_code_field],
        help_text=_("国民经济行业分类 GB/T 4754-2017，如 C2710"),
    )
    key_industry = models.CharField(
        _("重点产业"), max_length=20, choices=KeyIndustry.choices, blank=True
    )
    cluster = models.CharField(
        _("特色产业集群"), max_length=20, choices=Cluster.choices, blank=True
    )
    small_park = models.ForeignKey(
        SmallPark,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tenants",
        verbose_name=_("所在小园区"),
    )
    road = models.ForeignKey(
        Road,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
        verbose_name=_("道路"),
    )
    grid = models.ForeignKey(
        Grid,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enterprises",
        verbose_name=_("微网格"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    status = models.CharField(
        _("经营状态"),
        max_length=20,
        choices=EnterpriseStatus.choices,
        default=EnterpriseStatus.OPERATING,
    )
    production_started_on = models.DateField(_("投产日期"), null=True, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["small_park", "name"]),
            models.Index(fields=["road", "name"]),
            # The plan's own enterprises (a few dozen among 100,000 demo ones): the home page's
            # 数据待补 count reads them without scanning every enterprise.
            models.Index(
                fields=["status"], condition=Q(is_demo=False), name="enterprise_plan_status"
            ),
            # The latest change to any enterprise, part of the fingerprint the indicators' cache
            # keys carry (indicators/frames.table_fingerprint): read from the end of this index.
            models.Index(fields=["updated_at"], name="enterprise_updated"),
            # The lists' and the API's order (name, then id for namesakes): a deep page of
            # 100,000 walks this index instead of sorting every enterprise on disk (the API's
            # row 90,000: 274 → 23 ms).
            models.Index(fields=["name", "id"], name="enterprise_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:enterprise_detail", args=[self.pk])

    def clean(self) -> None:
        # Store the canonical form of what was typed; a wrong code is reported by the field's
        # validator, so here it is left as typed.
        self.uscc = normalise_code(self.uscc) if self.uscc else None
        if self.industry_code:
            with suppress(IndustryCodeError):
                self.industry_code = parse_industry_code(self.industry_code).code


class LandPlot(TimeStamped):
    """A land plot (地块): its area, holder and the building indicators where known."""

    name = models.CharField(_("地块名称"), max_length=200, unique=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    road = models.ForeignKey(
        Road,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plots",
        verbose_name=_("道路"),
    )
    small_park = models.ForeignKey(
        SmallPark,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plots",
        verbose_name=_("所属小园区"),
    )
    area_mu = models.DecimalField(
        _("占地面积（亩）"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("来源不一致时留空，见计划记载"),
    )
    holder = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plots_held",
        verbose_name=_("土地使用权人"),
    )
    contract_signed_on = models.DateField(_("出让合同签订日期"), null=True, blank=True)
    contract_start_on = models.DateField(_("合同约定开工日期"), null=True, blank=True)
    plot_ratio = models.DecimalField(
        _("容积率"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    building_coefficient = models.DecimalField(
        _("建筑系数（%）"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    geometry = models.JSONField(_("地块边界（GeoJSON）"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("地块")
        verbose_name_plural = _("地块")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(area_mu__isnull=True) | Q(area_mu__gt=0),
                name="plot_area_positive",
                violation_error_message=_("占地面积必须大于 0"),
            ),
            models.CheckConstraint(
                condition=Q(building_coefficient__isnull=True)
                | Q(building_coefficient__gte=0, building_coefficient__lte=100),
                name="plot_building_coefficient_range",
                violation_error_message=_("建筑系数应在 0–100% 之间"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registry:plot_detail", args=[self.pk])
