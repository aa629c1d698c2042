"""Joint inspection plans (联合执法计划): which enterprises, which departments, when."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.accounts.models import Department
from parkops.common.models import TimeStamped
from parkops.enforcement.choices import TargetOrigin
from parkops.registry.models import Enterprise


class JointInspectionPlan(TimeStamped):
    name = models.CharField(_("计划名称"), max_length=100)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    departments = models.ManyToManyField(
        Department, related_name="inspection_plans", verbose_name=_("参加部门")
    )
    note = models.TextField(_("说明"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("制定人"),
    )
    history = HistoricalRecords(m2m_fields=[departments])

    class Meta:
        app_label = "enforcement"
        verbose_name = _("联合执法计划")
        verbose_name_plural = _("联合执法计划")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("结束日期不能早于开始日期")})

    def get_absolute_url(self) -> str:
        return reverse("enforcement:plan_detail", args=[self.pk])


class PlanTarget(TimeStamped):
    """An enterprise in a plan, with its planned date and why it is there."""

    plan = models.ForeignKey(
        JointInspectionPlan,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("计划"),
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="plan_targets", verbose_name=_("企业")
    )
    planned_on = models.DateField(_("计划检查日期"))
    origin = models.CharField(_("来源"), max_length=10, choices=TargetOrigin.choices)
    reason = models.CharField(_("列入理由"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        app_label = "enforcement"
        verbose_name = _("计划检查对象")
        verbose_name_plural = _("计划检查对象")
        ordering = ["planned_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "enterprise"],
                name="plan_target_unique",
                violation_error_message=_("该企业已在本计划中"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.enterprise}"

    def clean(self) -> None:
        plan = self.plan if self.plan_id else None
        if plan and self.planned_on and not plan.starts_on <= self.planned_on <= plan.ends_on:
            raise ValidationError({"planned_on": _("计划检查日期须在计划期内")})
