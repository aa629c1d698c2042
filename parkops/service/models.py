"""Enterprise requests (诉求) to closure, and the data their rules read (limits, reason codes).

The working-day calendar lives in calendar.py. A request's deadlines are stored when the clock
changes (acceptance, dispatch, extension, pause, resume, reopening), computed by the engine in
parkops/core/workdays.py from the category's limit, so lists can sort and filter by them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.accounts.models import Department
from parkops.common.models import TimeStamped
from parkops.registry.models import Enterprise
from parkops.service.calendar import CalendarDay, CalendarYear
from parkops.service.choices import (
    Category,
    Channel,
    DissatisfactionCause,
    EventKind,
    Rating,
    ReasonKind,
    RequestState,
)

__all__ = [
    "Attachment",
    "CalendarDay",
    "CalendarYear",
    "CategoryLimit",
    "Pause",
    "ReasonCode",
    "RequestEvent",
    "Satisfaction",
    "ServiceRequest",
]


class CategoryLimit(TimeStamped):
    """A category's time limits in working days, and when its requests escalate."""

    category = models.CharField(_("诉求类别"), max_length=20, choices=Category.choices, unique=True)
    limit_days = models.PositiveSmallIntegerField(_("办结时限（工作日）"))
    contact_days = models.PositiveSmallIntegerField(_("联系企业时限（工作日）"), default=1)
    interim_days = models.PositiveSmallIntegerField(_("阶段性答复时限（工作日）"), default=3)
    warn_percent = models.PositiveSmallIntegerField(
        _("临期提醒（已用时限 %）"), default=80, help_text=_("用去时限的这一比例时提示临期")
    )
    supervise_on = models.PositiveSmallIntegerField(_("督办（超期第几个工作日）"), default=1)
    bulletin_after = models.PositiveSmallIntegerField(_("通报（督办后再超期工作日）"), default=5)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("诉求办理时限")
        verbose_name_plural = _("诉求办理时限")
        ordering = ["category"]
        constraints = [
            models.CheckConstraint(
                condition=Q(limit_days__gte=1) & Q(contact_days__gte=1) & Q(interim_days__gte=1),
                name="categorylimit_days_positive",
                violation_error_message=_("时限须至少 1 个工作日"),
            ),
            models.CheckConstraint(
                condition=Q(warn_percent__gte=1, warn_percent__lte=100) & Q(supervise_on__gte=1),
                name="categorylimit_escalation_range",
                violation_error_message=_("临期比例须在 1–100 之间，督办至少在超期第 1 个工作日"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} · {self.limit_days}"


class ReasonCode(TimeStamped):
    """A reason the park office allows for sending back, extending or closing a request."""

    kind = models.CharField(_("用于"), max_length=10, choices=ReasonKind.choices)
    code = models.SlugField(_("代码"), max_length=30)
    label = models.CharField(_("原因"), max_length=100)
    is_active = models.BooleanField(_("在用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("原因代码")
        verbose_name_plural = _("原因代码")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"],
                name="reasoncode_unique",
                violation_error_message=_("同一用途下的原因代码不能重复"),
            )
        ]

    def __str__(self) -> str:
        return self.label


class ServiceRequest(TimeStamped):
    """An enterprise's request (诉求), from acceptance to closure."""

    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="service_requests",
        verbose_name=_("企业"),
    )
    title = models.CharField(_("标题"), max_length=100)
    text = models.TextField(_("诉求内容"))
    contact = models.CharField(_("企业联系人及电话"), max_length=100, blank=True)
    state = models.CharField(
        _("状态"), max_length=12, choices=RequestState.choices, default=RequestState.ACCEPTED
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests_held",
        verbose_name=_("承办部门"),
        help_text=_("当前主办并持有诉求的部门"),
    )
    co_departments = models.ManyToManyField(
        Department, blank=True, related_name="requests_co_handled", verbose_name=_("联办部门")
    )
    received_at = models.DateTimeField(_("受理时间"))
    clock_started_at = models.DateTimeField(
        _("计时起点"), help_text=_("受理时间；重新办理时为重新办理的时间")
    )
    limit_days = models.PositiveSmallIntegerField(_("办结时限（工作日）"))
    contact_due = models.DateTimeField(_("联系企业期限"))
    interim_due = models.DateTimeField(_("阶段性答复期限"))
    warn_at = models.DateTimeField(_("临期时间"))
    due_at = models.DateTimeField(_("办结期限"))
    contacted_at = models.DateTimeField(_("签收（联系企业）时间"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answer = models.TextField(_("答复内容"), blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    supervision_count = models.PositiveSmallIntegerField(_("督办次数"), default=0)
    reopen_count = models.PositiveSmallIntegerField(_("重新办理次数"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    activity = models.ForeignKey(
        "activities.Activity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("提出于活动"),
        editable=False,
    )
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    history = HistoricalRecords(m2m_fields=[co_departments])

    class Meta:
        verbose_name = _("企业诉求")
        verbose_name_plural = _("企业诉求")
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["department", "state"]),
            models.Index(fields=["received_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"SQ{self.received_at:%Y}-{self.pk:05d}" if self.pk else ""

    def get_absolute_url(self) -> str:
        return reverse("service:request_detail", args=[self.pk])


class RequestEvent(models.Model):
    """One transition: who, when, from which state to which, the department, reason and text."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="events", verbose_name=_("诉求")
    )
    kind = models.CharField(_("环节"), max_length=12, choices=EventKind.choices)
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("操作人"),
    )
    from_state = models.CharField(_("原状态"), max_length=12, choices=RequestState.choices)
    to_state = models.CharField(_("新状态"), max_length=12, choices=RequestState.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("部门"),
    )
    reason = models.ForeignKey(
        ReasonCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("原因代码"),
    )
    text = models.TextField(_("说明"), blank=True)

    class Meta:
        verbose_name = _("诉求办理记录")
        verbose_name_plural = _("诉求办理记录")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["request", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"


class Pause(models.Model):
    """The clock stopped while waiting for the enterprise's materials."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="pauses", verbose_name=_("诉求")
    )
    started_at = models.DateTimeField(_("暂停时间"))
    ended_at = models.DateTimeField(_("恢复时间"), null=True, blank=True)
    reason = models.CharField(_("等待的材料"), max_length=200)

    class Meta:
        verbose_name = _("暂停计时")
        verbose_name_plural = _("暂停计时")
        ordering = ["started_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="pause_ends_after_start",
                violation_error_message=_("恢复时间不能早于暂停时间"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.reason}"


class Satisfaction(models.Model):
    """The enterprise's rating at the follow-up visit (回访), recorded by someone who did not
    handle the request."""

    request = models.ForeignKey(
        ServiceRequest,
        on_delete=models.CASCADE,
        related_name="ratings",
        verbose_name=_("诉求"),
    )
    efficiency = models.CharField(_("效率"), max_length=12, choices=Rating.choices)
    attitude = models.CharField(_("态度"), max_length=12, choices=Rating.choices)
    result = models.CharField(_("结果"), max_length=12, choices=Rating.choices)
    cause = models.CharField(
        _("不满意原因"), max_length=12, choices=DissatisfactionCause.choices, blank=True
    )
    note = models.TextField(_("企业意见"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("记录人"),
    )
    recorded_at = models.DateTimeField(_("回访时间"))

    class Meta:
        verbose_name = _("满意度评价")
        verbose_name_plural = _("满意度评价")
        ordering = ["recorded_at"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.recorded_at:%Y-%m-%d}"

    @property
    def items(self) -> tuple[str, str, str]:
        return (self.efficiency, self.attitude, self.result)


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"service/requests/{instance.request_id}/{filename}"


class Attachment(models.Model):
    """A file on a request, kept in private storage and served only to those who see it."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("诉求")
    )
    # The default storage is rooted at PARKOPS_MEDIA_DIR, which no URL serves: a file is read
    # only through the download view, which checks that the user may see the request.
    file = models.FileField(_("文件"), upload_to=_attachment_path, max_length=255)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name
