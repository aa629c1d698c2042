"""Visits (走访) of the 路长制 + 微网格 service: cycles, records, photos, questions, policies.

An enterprise's road and micro-grid are read from the registry when a list is drawn (they are its
current ones); a visit keeps who went, how, what was said and found, and what was raised.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.visits.choices import (
    IntervalUnit,
    QuestionStatus,
    RaisedCategory,
    VisitKind,
    VisitMethod,
    VisitTier,
)
from parkops.visits.policy_model import Policy
from parkops.visits.storage import PrivateStorage, photo_path

__all__ = ["PendingQuestion", "Policy", "RaisedRequest", "Visit", "VisitCycle", "VisitPhoto"]


class VisitCycle(TimeStamped):
    """How often an enterprise of a tier is to be visited (data, kept by the park office)."""

    tier = models.CharField(_("企业类别"), max_length=20, choices=VisitTier.choices, unique=True)
    interval = models.PositiveSmallIntegerField(_("走访间隔"))
    unit = models.CharField(_("单位"), max_length=10, choices=IntervalUnit.choices)
    note = models.TextField(_("说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("走访周期")
        verbose_name_plural = _("走访周期")
        ordering = ["tier"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval__gte=1),
                name="visitcycle_interval_positive",
                violation_error_message=_("走访间隔须至少为 1"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()} · {self.interval}{self.get_unit_display()}"


class Visit(TimeStamped):
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("企业"),
    )
    visited_on = models.DateField(_("走访日期"))
    visitors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="visits_made", verbose_name=_("走访人")
    )
    other_visitors = models.CharField(
        _("其他走访人"), max_length=200, blank=True, help_text=_("系统外人员，如陪同的部门同志")
    )
    kind = models.CharField(
        _("走访类型"), max_length=20, choices=VisitKind.choices, default=VisitKind.ROUTINE
    )
    method = models.CharField(
        _("走访方式"), max_length=20, choices=VisitMethod.choices, default=VisitMethod.ON_SITE
    )
    interviewee_name = models.CharField(_("受访人"), max_length=50, blank=True)
    interviewee_position = models.CharField(_("受访人职务"), max_length=50, blank=True)
    interviewee_phone = models.CharField(_("受访人电话"), max_length=30, blank=True)
    discussed = models.TextField(_("走访内容"))
    findings = models.TextField(_("发现问题"), blank=True)
    next_visit_on = models.DateField(_("下次走访日期"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits_recorded",
        verbose_name=_("记录人"),
    )
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    history = HistoricalRecords(m2m_fields=[visitors])

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["enterprise", "visited_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_visit_on__isnull=True)
                | Q(next_visit_on__gt=models.F("visited_on")),
                name="visit_next_after_visit",
                violation_error_message=_("下次走访日期须晚于本次走访日期"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.visited_on}"

    def get_absolute_url(self) -> str:
        return reverse("visits:visit_detail", args=[self.pk])


class VisitPhoto(TimeStamped):
    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, related_name="photos", verbose_name=_("走访记录")
    )
    image = models.FileField(_("照片"), storage=PrivateStorage(), upload_to=photo_path)
    original_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    content_type = models.CharField(_("类型"), max_length=20)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("上传人"),
    )

    class Meta:
        verbose_name = _("走访照片")
        verbose_name_plural = _("走访照片")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name or self.image.name

    def get_absolute_url(self) -> str:
        return reverse("visits:photo", args=[self.pk])


class RaisedRequest(TimeStamped):
    """A request (诉求) raised during a visit, as the visitor wrote it down.

    `_requests_from_visit` (services.py) creates these; once the service app's requests exist it
    also creates the ServiceRequest and links it here (`service_request_id`).
    """

    visit = models.ForeignKey(
        Visit, on_delete=models.PROTECT, related_name="raised_requests", verbose_name=_("走访记录")
    )
    category = models.CharField(_("诉求类别"), max_length=20, choices=RaisedCategory.choices)
    text = models.TextField(_("诉求内容"))
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="raised_requests",
        verbose_name=_("建议承办部门"),
    )
    service_request_id = models.PositiveIntegerField(_("诉求工单"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("走访诉求")
        verbose_name_plural = _("走访诉求")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.text[:30]}"


class PendingQuestion(TimeStamped):
    """A department's question for the next visit to an enterprise (待走访问题)."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="pending_questions",
        verbose_name=_("企业"),
    )
    department = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        related_name="pending_questions",
        verbose_name=_("提问部门"),
    )
    text = models.CharField(_("问题"), max_length=200)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提问人"),
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    answered_in = models.ForeignKey(
        Visit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="answered_questions",
        verbose_name=_("答复于走访"),
    )
    answer = models.TextField(_("答复"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("待走访问题")
        verbose_name_plural = _("待走访问题")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status=QuestionStatus.OPEN) & Q(answered_in__isnull=True))
                | (
                    Q(status=QuestionStatus.ANSWERED) & Q(answered_in__isnull=False) & ~Q(answer="")
                ),
                name="question_answer_with_visit",
                violation_error_message=_("已答复的问题须有答复内容和所在走访"),
            ),
        ]

    def __str__(self) -> str:
        return self.text
