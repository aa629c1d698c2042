"""Plan execution: the "four earlies" key projects (附件 1), the cultivation lists (附件 2) and the
infrastructure projects (附件 4). Statuses are computed from dates and data by the selectors, never
stored, except what a report states — which is kept as reported and shown as such."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.execution.choices import (
    CultivationKind,
    DatePrecision,
    InfraStatus,
    Milestone,
    ScheduleStatus,
)
from parkops.plan.models import PlanMention
from parkops.registry.models import Enterprise


class KeyProject(TimeStamped):
    """A key project (重点项目) pushed under the "four earlies"."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="key_projects", verbose_name=_("企业")
    )
    name = models.CharField(_("项目名称"), max_length=200)
    plan_mention = models.OneToOneField(
        PlanMention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="key_project",
        verbose_name=_("方案记载"),
    )
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("“四早”项目")
        verbose_name_plural = _("“四早”项目")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name"], name="key_project_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("execution:project_detail", args=[self.pk])


class ProjectMilestone(TimeStamped):
    project = models.ForeignKey(
        KeyProject, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("项目")
    )
    kind = models.CharField(_("节点"), max_length=20, choices=Milestone.choices)
    target_date = models.DateField(_("目标日期"))
    target_precision = models.CharField(
        _("目标日期精度"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    target_text = models.CharField(
        _("目标分解及节点时间安排"), max_length=200, blank=True, help_text=_("原文")
    )
    achieved_on = models.DateField(_("实际完成日期"), null=True, blank=True)
    achieved_undated = models.BooleanField(
        _("已完成但日期未报"),
        default=False,
        help_text=_("报告说已达成节点而未给出日期时勾选；此时推进状态按报告显示。"),
    )
    reported_status = models.CharField(
        _("报告的推进状态"), max_length=20, choices=ScheduleStatus.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("项目节点")
        verbose_name_plural = _("项目节点")
        ordering = ["target_date"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="milestone_unique_kind"),
            models.CheckConstraint(
                condition=~(Q(achieved_undated=True) & Q(achieved_on__isnull=False)),
                name="milestone_dated_or_undated",
                violation_error_message=_("已填实际完成日期时，不能再勾选“日期未报”。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_kind_display()}"


class ProgressReport(models.Model):
    """One progress report (推进落实情况) on a key project: who, when, what."""

    project = models.ForeignKey(
        KeyProject, on_delete=models.CASCADE, related_name="reports", verbose_name=_("项目")
    )
    reported_on = models.DateField(_("报告日期"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("报告人"),
    )
    source = models.CharField(
        _("来源"), max_length=100, blank=True, help_text=_("无报告人账号时注明来源，如方案附件")
    )
    status = models.CharField(
        _("推进状态"), max_length=20, choices=ScheduleStatus.choices, blank=True
    )
    text = models.TextField(_("推进落实情况"))
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("推进报告")
        verbose_name_plural = _("推进报告")
        ordering = ["-reported_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(source=""),
                name="progress_report_has_author_or_source",
                violation_error_message=_("报告须有报告人或来源。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.reported_on}"


class CultivationEntry(TimeStamped):
    """One row of a cultivation list: to become 规上, to be designated 专精特新, or a 技改 project."""

    kind = models.CharField(_("清单"), max_length=20, choices=CultivationKind.choices)
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="cultivation_entries",
        verbose_name=_("企业"),
    )
    planned_year = models.PositiveSmallIntegerField(_("预计时间（年）"))
    listed_on = models.DateField(_("列入清单日期"), help_text=_("完成情况从这一年起按数据判断"))
    predicted_output_wan = models.DecimalField(
        _("预测产值（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    project_name = models.CharField(_("技改项目名称"), max_length=200, blank=True)
    started_on = models.DateField(
        _("技改项目开工日期"), null=True, blank=True, help_text=_("仅技改项目；填写即视为完成")
    )
    plan_mention = models.OneToOneField(
        PlanMention,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cultivation_entry",
        verbose_name=_("方案记载"),
    )
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("培育清单条目")
        verbose_name_plural = _("培育清单条目")
        ordering = ["kind", "planned_year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "enterprise", "planned_year", "project_name"],
                name="cultivation_entry_unique",
            ),
            models.CheckConstraint(
                condition=Q(planned_year__gte=2000, planned_year__lte=2100),
                name="cultivation_planned_year_range",
                violation_error_message=_("预计时间须在 2000 至 2100 年之间。"),
            ),
            models.CheckConstraint(
                condition=Q(kind=CultivationKind.TECH) | Q(started_on__isnull=True),
                name="cultivation_started_only_for_tech",
                violation_error_message=_("只有技改项目才有开工日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.enterprise} · {self.planned_year}"

    def get_absolute_url(self) -> str:
        return reverse("execution:cultivation_detail", args=[self.pk])


class InfraProject(TimeStamped):
    """An infrastructure project (附件 4) with its budget and spend."""

    name = models.CharField(_("项目名称"), max_length=200, unique=True)
    plan_row = models.PositiveSmallIntegerField(
        _("附件 4 序号"), null=True, blank=True, unique=True
    )
    investment_wan = models.DecimalField(_("计划总投资（万元）"), max_digits=12, decimal_places=2)
    content = models.TextField(_("工程内容"))
    start_year = models.PositiveSmallIntegerField(_("预计实施时间（年）"))
    finish_year = models.PositiveSmallIntegerField(_("预计完工时间（年）"))
    status = models.CharField(
        _("状态"), max_length=20, choices=InfraStatus.choices, default=InfraStatus.PLANNED
    )
    started_on = models.DateField(_("开工日期"), null=True, blank=True)
    completed_on = models.DateField(_("完工日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("基础设施项目")
        verbose_name_plural = _("基础设施项目")
        ordering = ["plan_row", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(finish_year__gte=models.F("start_year")),
                name="infra_finish_after_start",
                violation_error_message=_("预计完工时间不能早于预计实施时间。"),
            ),
            models.CheckConstraint(
                condition=Q(investment_wan__gte=0),
                name="infra_investment_non_negative",
                violation_error_message=_("计划总投资不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(status=InfraStatus.COMPLETED, completed_on__isnull=False)
                | (~Q(status=InfraStatus.COMPLETED) & Q(completed_on__isnull=True)),
                name="infra_completed_has_date",
                violation_error_message=_("已完工的项目须填写完工日期，未完工的不能填写。"),
            ),
            models.CheckConstraint(
                condition=~Q(status=InfraStatus.PLANNED) | Q(started_on__isnull=True),
                name="infra_planned_not_started",
                violation_error_message=_("未开工的项目不能填写开工日期。"),
            ),
            models.CheckConstraint(
                condition=Q(started_on__isnull=True)
                | Q(completed_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="infra_completed_after_started",
                violation_error_message=_("完工日期不能早于开工日期。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("execution:infra_detail", args=[self.pk])

    def clean(self) -> None:
        # Not a database constraint: projects marked started before the start date was kept
        # stay as they are until someone edits them, and the edit asks for the date.
        if self.status != InfraStatus.PLANNED and self.started_on is None:
            raise ValidationError({"started_on": _("实施中或已完工的项目须填写开工日期。")})


class InfraSpend(models.Model):
    """One spend entry (a payment) against an infrastructure project."""

    project = models.ForeignKey(
        InfraProject, on_delete=models.PROTECT, related_name="spends", verbose_name=_("项目")
    )
    spent_on = models.DateField(_("支付日期"))
    amount_wan = models.DecimalField(_("金额（万元）"), max_digits=12, decimal_places=2)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("录入人"),
    )
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("支出")
        verbose_name_plural = _("支出")
        ordering = ["-spent_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_wan__gt=0),
                name="infra_spend_positive",
                violation_error_message=_("金额须大于 0；冲销请在备注中说明并联系园区办。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.spent_on} {self.amount_wan}"
