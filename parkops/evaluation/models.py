"""The annual enterprise evaluation: schemes (the method as data), runs, results, veto events.

A scheme version is immutable once saved: editing a scheme saves a new version, so every result
keeps pointing at the exact method that produced it. A published run never changes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.evaluation.choices import EvaluationClass, IncidentGrade, RunStatus, VetoKind
from parkops.registry.models import Enterprise


class Scheme(TimeStamped):
    """A named evaluation method (评价办法); its content lives in numbered versions."""

    name = models.CharField(_("方案名称"), max_length=100, unique=True)
    description = models.TextField(_("说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("评价方案")
        verbose_name_plural = _("评价方案")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SchemeVersion(TimeStamped):
    """One frozen version of a scheme: the whole definition as JSON (see parkops.core.evaluation)."""

    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="versions", verbose_name=_("评价方案")
    )
    number = models.PositiveIntegerField(_("版本号"))
    definition = models.JSONField(_("方案定义"))
    is_provisional = models.BooleanField(
        _("默认方案（待录入区级手册）"),
        default=False,
        help_text=_("依据公开的浙江县级做法拟定，区级评价手册录入前使用"),
    )
    note = models.TextField(_("修改说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("创建人"),
    )

    class Meta:
        verbose_name = _("评价方案版本")
        verbose_name_plural = _("评价方案版本")
        ordering = ["scheme", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "number"],
                name="scheme_version_unique",
                violation_error_message=_("该方案已有此版本号"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:scheme_detail", args=[self.pk])


class EvaluationRun(TimeStamped):
    """One evaluation of one year's data under one scheme version.

    A year has at most one current draft and one current published run. A new draft supersedes
    the year's current draft; publishing over a published run (a republication, with a reason)
    supersedes it. A superseded run is kept, read-only, with a link to the run that replaced it.
    """

    year = models.PositiveSmallIntegerField(_("评价年度"))
    scheme_version = models.ForeignKey(
        SchemeVersion, on_delete=models.PROTECT, related_name="runs", verbose_name=_("方案版本")
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT
    )
    input_hash = models.CharField(_("输入数据指纹（SHA-256）"), max_length=64)
    # The exact input (Parquet), veto events and benchmarks, so that the run can be explained and
    # replayed (what-if) after the registry's figures change.
    input_snapshot = models.BinaryField(_("输入数据快照"), editable=False)
    events = models.JSONField(_("否决事件快照"), default=list, editable=False)
    previous_averages = models.JSONField(_("上年园区平均值"), default=dict, editable=False)
    boundaries = models.JSONField(_("各等级最低得分"), default=dict, editable=False)
    enterprise_count = models.PositiveIntegerField(_("企业数"), default=0)
    note = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("运行人"),
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发布人"),
    )
    edition = models.PositiveSmallIntegerField(
        _("发布版本"), null=True, blank=True, help_text=_("该年度第几次发布，1 为首次发布")
    )
    republish_reason = models.TextField(_("重新发布原因"), blank=True)
    superseded_at = models.DateTimeField(_("被取代时间"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("被取代为"),
    )
    history = HistoricalRecords(excluded_fields=["input_snapshot", "events", "boundaries"])

    class Meta:
        verbose_name = _("评价批次")
        verbose_name_plural = _("评价批次")
        ordering = ["-year", "-created_at"]
        indexes = [models.Index(fields=["year", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="evaluation_run_year_range",
                violation_error_message=_("年度应在 2000–2100 之间"),
            ),
            models.CheckConstraint(
                condition=~Q(status=RunStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="evaluation_run_published_has_date",
                violation_error_message=_("已发布的评价须有发布时间"),
            ),
            models.CheckConstraint(
                condition=Q(edition__isnull=True) | Q(edition__lte=1) | ~Q(republish_reason=""),
                name="evaluation_run_republication_has_reason",
                violation_error_message=_("重新发布须说明原因"),
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status=RunStatus.DRAFT, superseded_at__isnull=True),
                name="evaluation_run_one_current_draft",
                violation_error_message=_("该年度已有一份当前草稿"),
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status=RunStatus.PUBLISHED, superseded_at__isnull=True),
                name="evaluation_run_one_current_published",
                violation_error_message=_("该年度已有一份当前发布的评价"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.scheme_version} · {self.status_label}"

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None

    @property
    def status_label(self) -> str:
        """草稿 / 已发布（第 2 版） / 已被取代的草稿 …, as the pages name the run."""
        if self.status == RunStatus.PUBLISHED:
            label = str(self.get_status_display())
            if self.edition and self.edition > 1:
                label = str(_("%(s)s（第 %(n)s 版）")) % {"s": label, "n": self.edition}
        else:
            label = str(self.get_status_display())
        if self.is_superseded:
            label = str(_("%(s)s · 已被取代")) % {"s": label}
        return label

    def get_absolute_url(self) -> str:
        return reverse("evaluation:run_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == RunStatus.PUBLISHED


class EvaluationResult(models.Model):
    """One enterprise's result in a run."""

    run = models.ForeignKey(
        EvaluationRun, on_delete=models.CASCADE, related_name="results", verbose_name=_("评价批次")
    )
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="evaluation_results",
        verbose_name=_("企业"),
    )
    population = models.CharField(_("评价类别代码"), max_length=20, blank=True)
    population_label = models.CharField(_("评价类别"), max_length=50, blank=True)
    land_mu = models.FloatField(_("计算用地（亩）"), null=True)
    tax_per_mu = models.FloatField(_("亩均税收（万元/亩）"), null=True)
    total_score = models.FloatField(_("综合得分"), null=True)
    rank = models.PositiveIntegerField(_("类别内排名"), null=True)
    population_size = models.PositiveIntegerField(_("类别内企业数"), null=True)
    park_position = models.PositiveIntegerField(
        _("园区倒数位次"), null=True, help_text=_("按尾部排名规则，1 为最末")
    )
    evaluation_class = models.CharField(
        _("评价等级"), max_length=1, choices=EvaluationClass.choices
    )
    class_before_veto = models.CharField(
        _("否决前等级"), max_length=1, choices=EvaluationClass.choices, blank=True
    )
    veto_reasons = models.JSONField(_("否决原因"), default=list)
    # The enterprise's own row of the run's input snapshot: the card reads it without the run's
    # whole snapshot (the what-if, which re-runs the population, reads the snapshot).
    inputs = models.JSONField(_("评价输入数据"), default=dict, editable=False)
    excluded_reason = models.CharField(_("未排名原因"), max_length=200, blank=True)
    inherited_from = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("继承等级自"),
    )

    class Meta:
        verbose_name = _("企业评价结果")
        verbose_name_plural = _("企业评价结果")
        ordering = ["run", "population", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "enterprise"],
                name="evaluation_result_unique",
                violation_error_message=_("该企业在本批次中已有结果"),
            ),
        ]
        indexes = [
            models.Index(fields=["run", "evaluation_class"]),
            models.Index(fields=["run", "park_position"]),
            models.Index(fields=["enterprise", "run"]),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} · {self.evaluation_class}"


class IndicatorResult(models.Model):
    """One indicator of one enterprise's result: value, benchmark, points."""

    result = models.ForeignKey(
        EvaluationResult,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("企业评价结果"),
    )
    position = models.PositiveSmallIntegerField(_("顺序"))
    code = models.CharField(_("指标代码"), max_length=30)
    label = models.CharField(_("指标"), max_length=50)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    weight = models.FloatField(_("权重"))
    value = models.FloatField(_("指标值"), null=True)
    benchmark = models.FloatField(_("基准值"), null=True)
    score = models.FloatField(_("得分"))
    is_missing = models.BooleanField(_("数据缺失"), default=False)
    is_capped = models.BooleanField(_("已封顶"), default=False)

    class Meta:
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")
        ordering = ["result", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "code"],
                name="indicator_result_unique",
                violation_error_message=_("该指标已有得分"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.score}"


class VetoEvent(TimeStamped):
    """A recorded event that vetoes a class (一票否决): an accident, an incident, illegal land use."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="veto_events", verbose_name=_("企业")
    )
    kind = models.CharField(_("事件类型"), max_length=30, choices=VetoKind.choices)
    grade = models.CharField(
        _("事件等级"), max_length=20, choices=IncidentGrade.choices, default=IncidentGrade.ORDINARY
    )
    occurred_on = models.DateField(_("发生日期"))
    description = models.TextField(_("事件描述"), blank=True)
    source = models.CharField(_("认定部门/文号"), max_length=200, blank=True)
    is_void = models.BooleanField(
        _("已撤销"), default=False, help_text=_("经复核撤销的事件不再计入评价")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("否决事件")
        verbose_name_plural = _("否决事件")
        ordering = ["-occurred_on"]
        indexes = [models.Index(fields=["occurred_on", "enterprise"])]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()} · {self.occurred_on}"
