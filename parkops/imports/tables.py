from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from parkops.imports.models import ImportBatch


class BatchTable(tables.Table):
    id = tables.Column(verbose_name=_("批次"))
    kind = tables.Column(verbose_name=_("导入类型"))
    status = tables.Column(verbose_name=_("状态"))
    file_name = tables.Column(verbose_name=_("文件名"))
    user = tables.Column(verbose_name=_("导入人"))
    created_at = tables.DateTimeColumn(verbose_name=_("上传时间"), format="Y-m-d H:i")
    rows_total = tables.Column(verbose_name=_("数据行数"))
    added = tables.Column(verbose_name=_("新增"))
    changed = tables.Column(verbose_name=_("修改"))
    unchanged = tables.Column(verbose_name=_("未变"))
    error_count = tables.Column(verbose_name=_("错误数"))
    file_hash = tables.Column(verbose_name=_("文件 SHA-256"))

    class Meta:
        model = ImportBatch
        fields = (
            "id", "kind", "status", "file_name", "user", "created_at", "rows_total", "added",
            "changed", "unchanged", "error_count", "file_hash",
        )  # fmt: skip
        orderable = False
        attrs = {"class": "table table-sm table-hover align-middle", "id": "batch-table"}

    def render_file_hash(self, value: str) -> str:
        return value[:12]
