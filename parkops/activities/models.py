"""Activities (企业家座谈会, 产业沙龙, 供需对接会, 政策宣讲会) with their invited enterprises and
attendance. The requests raised at an activity are service requests that point back at it
(ServiceRequest.activity), created in one go by `activity_requests_raise`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.activities.choices import ActivityKind, ActivityStatus, Attendance
from parkops.common.models import TimeStamped


class Activity(TimeStamped):
    """An activity organised by the park office (organiser blank) or by a department."""

    kind = models.CharField(_("活动类型"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("活动名称"), max_length=100)
    starts_at = models.DateTimeField(_("活动时间"))
    place = models.CharField(_("地点"), max_length=100)
    organiser = models.ForeignKey(
        "accounts.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("主办部门"),
        help_text=_("留空为园区办主办"),
    )
    topics = models.TextField(_("主题"))
    summary = models.TextField(_("活动纪要"), blank=True)
    status = models.CharField(
        _("状态"), max_length=12, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
        editable=False,
    )
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("企业活动")
        verbose_name_plural = _("企业活动")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["organiser", "status"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.starts_at:%Y-%m-%d}）"

    def get_absolute_url(self) -> str:
        return reverse("activities:activity_detail", args=[self.pk])


class Invitation(TimeStamped):
    """An enterprise invited to an activity, whether it came and who came."""

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("活动")
    )
    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="activity_invitations",
        verbose_name=_("企业"),
    )
    attended = models.CharField(
        _("出席"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    attendees = models.CharField(
        _("出席人员"), max_length=200, blank=True, help_text=_("姓名及职务，多人用顿号分隔")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("活动邀请")
        verbose_name_plural = _("活动邀请")
        ordering = ["activity", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "enterprise"],
                name="invitation_unique_enterprise",
                violation_error_message=_("该企业已在邀请名单中"),
            ),
            models.CheckConstraint(
                condition=Q(attended=Attendance.YES) | Q(attendees=""),
                name="invitation_attendees_only_if_attended",
                violation_error_message=_("只有出席的企业才能填写出席人员"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id} · {self.enterprise_id}"
