"""An import batch: one uploaded file, what it changed, and what undoing it needs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from parkops.imports.choices import BatchStatus, ImportKind


class ImportBatch(models.Model):
    kind = models.CharField(_("导入类型"), max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        _("状态"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.PENDING
    )
    file_name = models.CharField(_("文件名"), max_length=255)
    file_hash = models.CharField(_("文件 SHA-256"), max_length=64)
    file_size = models.PositiveIntegerField(_("文件大小（字节）"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="import_batches",
        verbose_name=_("导入人"),
    )
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    applied_at = models.DateTimeField(_("导入时间"), null=True, blank=True)
    undone_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("撤销人"),
    )
    rows_total = models.PositiveIntegerField(_("数据行数"), default=0)
    added = models.PositiveIntegerField(_("新增"), default=0)
    changed = models.PositiveIntegerField(_("修改"), default=0)
    unchanged = models.PositiveIntegerField(_("未变"), default=0)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    warning_count = models.PositiveIntegerField(_("提示数"), default=0)
    # The uploaded file, kept while the batch waits for confirmation.
    content = models.BinaryField(_("文件内容"), null=True, blank=True, editable=False)
    # Its checked cells, signed and keyed by the file's hash (imports/parsed.py), kept with it:
    # the confirmation compares them with the database again without reading the file again.
    parsed = models.BinaryField(_("已校验的单元格"), null=True, blank=True, editable=False)
    # zlib-compressed JSON: the ids of added rows and the previous values of changed rows.
    undo_data = models.BinaryField(_("撤销数据"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("导入批次")
        verbose_name_plural = _("导入批次")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "applied_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()} · {self.file_name}"

    @property
    def reason(self) -> str:
        """The history reason of every change this batch makes."""
        return f"导入批次 #{self.pk}（{self.file_name}）"
