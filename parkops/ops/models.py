"""The audit log: who logged in (or failed to), who exported what, who changed whose rights."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkops.ops.choices import AuditKind, JobKind, JobStatus


class AuditEvent(models.Model):
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    kind = models.CharField(_("类型"), max_length=32, choices=AuditKind.choices, db_index=True)
    # The acting user; kept as a name too, so the row outlives the account (and a failed login
    # names the account that was tried).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("用户名"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    path = models.CharField(_("路径"), max_length=500, blank=True)
    query = models.TextField(_("查询条件"), blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        indexes = [models.Index(fields=["username", "created_at"], name="ops_audit_user_time")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.username}"


class Job(models.Model):
    """One piece of long work run by a queue worker: its owner, its progress and its outcome.

    The queue (django-tasks) only carries the job's id; everything a page shows is here, so a job
    can be read from any app server. `key` makes a start idempotent: a second start of the same
    work (the same import confirmed twice) finds the first job instead of adding one."""

    kind = models.CharField(_("任务类型"), max_length=32, choices=JobKind.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    params = models.JSONField(_("参数"), default=dict, blank=True)
    key = models.CharField(_("去重键"), max_length=100, blank=True)
    task_id = models.CharField(_("队列任务编号"), max_length=64, blank=True)
    step = models.CharField(_("当前步骤"), max_length=30, blank=True)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    total = models.PositiveIntegerField(_("总数"), default=0)
    summary = models.TextField(_("结果摘要"), blank=True)
    result_url = models.CharField(_("结果链接"), max_length=500, blank=True)
    # A generated file, relative to the private storage root (PARKOPS_MEDIA_DIR).
    result_file = models.CharField(_("结果文件"), max_length=500, blank=True)
    error = models.TextField(_("错误"), blank=True)
    # What an API client reads besides the summary: an import's counts, or its errors by row.
    result = models.JSONField(_("结果数据"), default=dict, blank=True)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近进度时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="ops_job_status_beat")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"],
                condition=~models.Q(key=""),
                name="ops_job_unique_key",
                violation_error_message=_("该任务已提交"),
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, int(self.done * 100 / self.total))
