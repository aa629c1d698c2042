"""Inefficient land: plot progress and occupants, the park's control lists, the actions of 附件 3
(盘活 / 腾退 / 提升) and the three batches (三个一批) with their workers' resettlement.

The registry's LandPlot and Enterprise are referred to, never changed. Land is in 亩, money in 万元.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.land.choices import (
    Batch,
    LandActionKind,
    LandActionMethod,
    LandActionStatus,
    LandFlagKind,
)
from parkops.plan.choices import PlanSource
from parkops.registry.models import Enterprise, LandPlot


class PlotProgress(TimeStamped):
    """How far a plot's development has gone: the facts the 闲置低效 rule needs."""

    plot = models.OneToOneField(
        LandPlot, on_delete=models.PROTECT, related_name="progress", verbose_name=_("地块")
    )
    construction_started_on = models.DateField(_("实际开工日期"), null=True, blank=True)
    built_area_m2 = models.DecimalField(
        _("已建建筑面积（㎡）"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    required_area_m2 = models.DecimalField(
        _("应建建筑面积（㎡）"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    invested_wan = models.DecimalField(
        _("已完成投资（万元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    planned_investment_wan = models.DecimalField(
        _("计划总投资（万元）"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    halted_since = models.DateField(_("停工日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("地块开发进度")
        verbose_name_plural = _("地块开发进度")

    def __str__(self) -> str:
        return str(self.plot)


class PlotOccupant(TimeStamped):
    """An enterprise that uses a plot (the holder, or a tenant of it), from / to."""

    plot = models.ForeignKey(
        LandPlot, on_delete=models.PROTECT, related_name="occupants", verbose_name=_("地块")
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="plots_used", verbose_name=_("企业")
    )
    since = models.DateField(_("起始日期"), null=True, blank=True)
    until = models.DateField(_("终止日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("地块使用企业")
        verbose_name_plural = _("地块使用企业")
        ordering = ["plot", "enterprise"]
        constraints = [
            models.UniqueConstraint(
                fields=["plot", "enterprise"],
                name="plot_occupant_unique",
                violation_error_message=_("该企业已登记为该地块的使用企业"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plot} · {self.enterprise}"


class LandFlagRuleSet(TimeStamped):
    """The configurable thresholds of the land flags, by year from which they apply."""

    version = models.CharField(_("版本"), max_length=50, unique=True)
    valid_from_year = models.PositiveSmallIntegerField(_("适用起始年度"))
    min_tax_per_mu_wan = models.DecimalField(
        _("经营低效：亩均税收下限（万元/亩）"), max_digits=10, decimal_places=2
    )
    min_building_coefficient_pct = models.DecimalField(
        _("开发低效：建筑系数下限（%）"), max_digits=5, decimal_places=2, default=Decimal(30)
    )
    note = models.TextField(_("说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("低效用地认定规则")
        verbose_name_plural = _("低效用地认定规则")
        ordering = ["-valid_from_year", "version"]

    def __str__(self) -> str:
        return self.version


class ControlListEntry(TimeStamped):
    """An entry of the park's designated lists of 开发低效 / 闲置低效 / 经营低效 land users,
    under strict control (方案 四（三）), with the control measures taken."""

    kind = models.CharField(_("清单类别"), max_length=20, choices=LandFlagKind.choices)
    plot = models.ForeignKey(
        LandPlot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="control_entries",
        verbose_name=_("地块"),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="control_entries",
        verbose_name=_("企业"),
    )
    listed_on = models.DateField(_("列入日期"))
    reason = models.TextField(_("列入理由"))
    measures = models.TextField(
        _("管控措施"),
        help_text=_("如：严格控制新增产能；不动产登记、股权变更、司法拍卖过程监管；联合执法"),
    )
    lifted_on = models.DateField(_("移出日期"), null=True, blank=True)
    lifted_reason = models.TextField(_("移出理由"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("低效用地管控清单")
        verbose_name_plural = _("低效用地管控清单")
        ordering = ["kind", "-listed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(plot__isnull=False) | Q(enterprise__isnull=False),
                name="control_entry_has_subject",
                violation_error_message=_("请选择地块或企业"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.plot or self.enterprise}"

    def clean(self) -> None:
        if self.lifted_on and self.lifted_on < self.listed_on:
            raise ValidationError({"lifted_on": _("移出日期不能早于列入日期")})


class LandAction(TimeStamped):
    """One row of 附件 3's lists (or one added later): 盘活, 腾退 or 提升 of a plot or enterprise."""

    kind = models.CharField(_("类别"), max_length=20, choices=LandActionKind.choices)
    method = models.CharField(_("方式或方案"), max_length=20, choices=LandActionMethod.choices)
    name = models.CharField(_("地块或企业名称"), max_length=200)
    plot = models.ForeignKey(
        LandPlot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="land_actions",
        verbose_name=_("地块"),
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="land_actions",
        verbose_name=_("企业"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    area_mu = models.DecimalField(_("占地面积（亩）"), max_digits=10, decimal_places=2)
    planned_year = models.PositiveSmallIntegerField(_("计划时间（年）"))
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=LandActionStatus.choices,
        default=LandActionStatus.PLANNED,
    )
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    follow_up_use = models.CharField(
        _("腾退后用途"), max_length=200, blank=True, help_text=_("如：优质项目导入")
    )
    plan_source = models.CharField(
        _("方案出处"), max_length=30, choices=PlanSource.choices, blank=True
    )
    plan_row = models.PositiveSmallIntegerField(_("方案序号"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("低效用地处置项目")
        verbose_name_plural = _("低效用地处置项目")
        ordering = ["kind", "planned_year", "plan_row", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan_source", "plan_row"],
                condition=Q(plan_row__isnull=False),
                name="land_action_plan_row_unique",
                violation_error_message=_("该方案行已载入"),
            ),
            models.CheckConstraint(
                condition=Q(area_mu__gt=0),
                name="land_action_area_positive",
                violation_error_message=_("占地面积必须大于 0"),
            ),
            models.CheckConstraint(
                condition=Q(planned_year__gte=2000, planned_year__lte=2100),
                name="land_action_year_range",
                violation_error_message=_("计划年度应在 2000–2100 之间"),
            ),
            models.CheckConstraint(
                condition=(Q(status=LandActionStatus.COMPLETED) & Q(completed_on__isnull=False))
                | (~Q(status=LandActionStatus.COMPLETED) & Q(completed_on__isnull=True)),
                name="land_action_completed_has_date",
                violation_error_message=_("状态为“已完成”时须填写完成日期，其他状态不填完成日期"),
            ),
        ]
        indexes = [models.Index(fields=["kind", "status", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("land:action_detail", args=[self.pk])


class BatchAssignment(TimeStamped):
    """An enterprise put in 关停一批, 升级一批 or 扶持一批, with the reason and the date."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="batches", verbose_name=_("企业")
    )
    batch = models.CharField(_("批次"), max_length=20, choices=Batch.choices)
    reason = models.TextField(_("理由"))
    decided_on = models.DateField(_("认定日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("三个一批")
        verbose_name_plural = _("三个一批")
        ordering = ["batch", "-decided_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "batch", "decided_on"],
                name="batch_assignment_unique",
                violation_error_message=_("该企业在同一日期已列入该批次"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_batch_display()} · {self.enterprise}"

    def clean(self) -> None:
        if self.ended_on and self.decided_on and self.ended_on < self.decided_on:
            raise ValidationError({"ended_on": _("结束日期不能早于认定日期")})


class Resettlement(TimeStamped):
    """职工分流安置 of a closure: workers affected, resettled, and how."""

    assignment = models.OneToOneField(
        BatchAssignment,
        on_delete=models.CASCADE,
        related_name="resettlement",
        verbose_name=_("关停认定"),
    )
    workers_affected = models.PositiveIntegerField(_("涉及职工（人）"))
    workers_resettled = models.PositiveIntegerField(_("已安置职工（人）"), default=0)
    methods = models.TextField(
        _("安置方式"), blank=True, help_text=_("如：园区企业吸纳、转岗培训、依法解除并补偿")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("职工分流安置")
        verbose_name_plural = _("职工分流安置")
        constraints = [
            models.CheckConstraint(
                condition=Q(workers_resettled__lte=models.F("workers_affected")),
                name="resettlement_not_more_than_affected",
                violation_error_message=_("已安置人数不能多于涉及职工人数"),
            ),
        ]

    def __str__(self) -> str:
        return str(self.assignment)

    def clean(self) -> None:
        if self.assignment_id and self.assignment.batch != Batch.CLOSE:
            raise ValidationError(_("只有关停一批的企业需要记录职工分流安置"))
