"""Visits (走访) of the 路长制 + 微网格 service: cycles, records, photos, questions, policies.

An enterprise's road and micro-grid are read from the registry when a list is drawn (they are its
current ones); a visit keeps who went, how, what was said and found, and what was raised.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
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

__all__ = [
    "LastVisit", "PendingQuestion", "Policy", "RaisedRequest", "Visit", "VisitCycle", "VisitPhoto",
    "last_visits_mark",
]  # fmt: skip


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
        indexes = [
            models.Index(fields=["enterprise", "visited_on"]),
            # The visit list, newest first (read backwards): a road chief's first page walks it.
            models.Index(fields=["visited_on", "id"], name="visit_visited"),
        ]
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

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The enterprise it was stored under too: a visit moved to another enterprise (in the
        # admin) leaves the first one's newest visit to be worked out again.
        before = (
            Visit.objects.filter(pk=self.pk).values_list("enterprise_id", flat=True).first()
            if self.pk is not None
            else None
        )
        with transaction.atomic():
            super().save(*args, **kwargs)
            last_visits_mark(enterprise_ids={self.enterprise_id, before or self.enterprise_id})

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        enterprise_id = self.enterprise_id
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            last_visits_mark(enterprise_ids=[enterprise_id])
        return deleted


class LastVisit(models.Model):
    """An enterprise's newest visit date (none without a visit): derived from the visits, so that
    the due list reads one row per enterprise instead of looking up each enterprise's newest
    visit (100,000 enterprises, 730,000 visits: 330 → 150 ms). last_visits_mark() keeps it,
    called by Visit.save() and delete() and by every writer that bypasses them (bulk loads)."""

    enterprise = models.OneToOneField(
        "registry.Enterprise",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="last_visit_mark",
        verbose_name=_("企业"),
    )
    visited_on = models.DateField(_("最近走访日期"))

    class Meta:
        verbose_name = _("最近走访")
        verbose_name_plural = _("最近走访")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.enterprise_id} · {self.visited_on}"


def last_visits_mark(*, enterprise_ids: Collection[int] | None = None) -> None:
    """Work out LastVisit again from the visits, for the enterprises given or, with None, for all
    (one INSERT … SELECT: a bulk load of visits calls it once at the end).

    For given enterprises, their rows are locked first (FOR NO KEY UPDATE, which an insert of a
    visit's key share does not wait on), so that the newest date is read after every other
    transaction marking the same enterprise has committed: two visits of one enterprise saved
    at once, each reading only its own, left the older date marked when its transaction came
    second. SQLite lets one writer in at a time and needs no lock."""
    from parkops.registry.models import Enterprise

    table = connection.ops.quote_name(LastVisit._meta.db_table)
    visits = connection.ops.quote_name(Visit._meta.db_table)
    with transaction.atomic():
        if enterprise_ids is None:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {table}")
                cursor.execute(
                    f"INSERT INTO {table} (enterprise_id, visited_on) "
                    f"SELECT enterprise_id, MAX(visited_on) FROM {visits} GROUP BY enterprise_id"
                )
            return
        ids = sorted(set(enterprise_ids))
        if not ids:
            return
        locked = Enterprise.objects.select_for_update(no_key=True).filter(pk__in=ids)
        list(locked.order_by("pk").values_list("pk", flat=True))
        newest = (
            Visit.objects.filter(enterprise_id__in=ids)
            .order_by()
            .values("enterprise_id")
            .annotate(last=models.Max("visited_on"))
            .values_list("enterprise_id", "last")
        )
        found = dict(newest)
        LastVisit.objects.filter(enterprise_id__in=ids).delete()
        LastVisit.objects.bulk_create(
            LastVisit(enterprise_id=pk, visited_on=day) for pk, day in found.items()
        )


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
