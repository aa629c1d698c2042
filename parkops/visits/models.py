"""Visits (走访) of the 路长制 + 微网格 service: cycles, records, photos, questions, policies.

An enterprise's road and micro-grid are read from the registry when a list is drawn (they are its
current ones); a visit keeps who went, how, what was said and found, and what was raised.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
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

    # The enterprise and date as read from the database (None for a visit not read from it).
    _stored: tuple[Any, Any] | None = None

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Visit:
        visit = super().from_db(db, field_names, values)
        visit._stored = (visit.__dict__.get("enterprise_id"), visit.__dict__.get("visited_on"))
        return visit

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save, and keep the enterprise's newest visit (LastVisit): a new visit, or one whose
        date moved later, raises it; a date moved earlier or to another enterprise works it out
        again; any other edit leaves it alone."""
        stored = self._stored
        adding = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            now = (self.enterprise_id, self.visited_on)
            if adding or (stored is not None and stored[0] == now[0] and _later(now, stored)):
                last_visit_raise(enterprise_id=self.enterprise_id, day=self.visited_on)
            elif stored != now:  # earlier, moved, or an instance not read from the database
                moved = {self.enterprise_id} | ({stored[0]} if stored and stored[0] else set())
                last_visits_mark(enterprise_ids=moved)
        self._stored = now

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        enterprise_id = self.enterprise_id
        with transaction.atomic():
            deleted = super().delete(*args, **kwargs)
            last_visits_mark(enterprise_ids=[enterprise_id])
        return deleted


def _later(now: tuple[Any, Any], stored: tuple[Any, Any]) -> bool:
    return now[1] is not None and (stored[1] is None or now[1] > stored[1])


class LastVisit(models.Model):
    """An enterprise's newest visit date (none without a visit): derived from the visits, so that
    the due list reads one row per enterprise instead of looking up each enterprise's newest
    visit (100,000 enterprises, 730,000 visits: 330 → 200 ms). Kept by Visit.save() and delete()
    (last_visit_raise, last_visits_mark) and by every writer that bypasses them (bulk loads call
    last_visits_mark())."""

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


ONE = "VALUES (%s, %s)"  # one (enterprise, date) row for _upsert


def _upsert(rows: str, *, keep_newer: bool) -> str:
    """INSERT of (enterprise, date) `rows` (VALUES, or a SELECT with a WHERE, as SQLite's upsert
    needs); on an enterprise already marked, the newer of the two dates (`keep_newer`) or the new
    one. Both databases: GREATEST / max()."""
    table = connection.ops.quote_name(LastVisit._meta.db_table)
    newer = "GREATEST" if connection.vendor == "postgresql" else "max"
    value = (
        f"{newer}({table}.visited_on, excluded.visited_on)" if keep_newer else "excluded.visited_on"
    )
    return (
        f"INSERT INTO {table} (enterprise_id, visited_on) {rows} "
        f"ON CONFLICT (enterprise_id) DO UPDATE SET visited_on = {value}"
    )


def last_visit_raise(*, enterprise_id: int, day: date) -> None:
    """A visit of `day` was added (or moved later): the enterprise's mark becomes the later of
    the two. One upsert, no lock beforehand: two visits of one enterprise saved at once meet on
    the mark's row, and the second keeps the newer date when the first commits."""
    adapt = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.execute(_upsert(ONE, keep_newer=True), [enterprise_id, adapt(day)])


def last_visits_mark(*, enterprise_ids: Collection[int] | None = None) -> None:
    """Work out LastVisit again from the visits, for the enterprises given or, with None, for all
    (one INSERT … SELECT and one DELETE: a bulk load of visits calls it once at the end).

    For given enterprises (a visit deleted, moved earlier or to another enterprise) their marks
    are locked first, so that the newest date is read after any other transaction raising them
    has committed; a visit added meanwhile raises the result when it commits (last_visit_raise
    keeps the newer date). Nothing else is locked: a visit's save no longer waits on an import
    or an edit of the enterprise. SQLite lets one writer in at a time."""
    table = connection.ops.quote_name(LastVisit._meta.db_table)
    visits = connection.ops.quote_name(Visit._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if enterprise_ids is None:
            # An upsert, not DELETE and INSERT: a visit saved meanwhile meets no missing row.
            newest = f"SELECT enterprise_id, MAX(visited_on) FROM {visits} WHERE 1 = 1 "
            cursor.execute(_upsert(newest + "GROUP BY enterprise_id", keep_newer=False))
            cursor.execute(
                f"DELETE FROM {table} WHERE enterprise_id NOT IN "
                f"(SELECT enterprise_id FROM {visits})"
            )
            return
        ids = sorted(set(enterprise_ids))
        if not ids:
            return
        marks = LastVisit.objects.select_for_update().filter(enterprise_id__in=ids)
        locked = set(marks.order_by("pk").values_list("pk", flat=True))
        found = dict(
            Visit.objects.filter(enterprise_id__in=ids)
            .order_by()
            .values("enterprise_id")
            .annotate(last=models.Max("visited_on"))
            .values_list("enterprise_id", "last")
        )
        LastVisit.objects.filter(enterprise_id__in=locked - found.keys()).delete()
        for pk in ids:
            if pk in found:
                # A mark locked here is set; one that did not exist may have been raised since
                # (its row could not be locked): keep the newer.
                cursor.execute(
                    _upsert(ONE, keep_newer=pk not in locked),
                    [pk, connection.ops.adapt_datefield_value(found[pk])],
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
