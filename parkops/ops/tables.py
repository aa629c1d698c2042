from __future__ import annotations

import json
from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from parkops.ops.models import AuditEvent


class AuditEventTable(tables.Table):
    created_at = tables.DateTimeColumn(verbose_name=_("时间"), format="Y-m-d H:i:s")
    kind = tables.Column(verbose_name=_("类型"))
    username = tables.Column(verbose_name=_("用户名"))
    ip_address = tables.Column(verbose_name=_("IP 地址"))
    path = tables.Column(verbose_name=_("路径"))
    query = tables.Column(verbose_name=_("查询条件"))
    detail = tables.Column(verbose_name=_("详情"), orderable=False)

    class Meta:
        model = AuditEvent
        fields = ("created_at", "kind", "username", "ip_address", "path", "query", "detail")
        order_by = ("-created_at",)
        attrs = {"class": "table table-sm table-hover align-middle", "id": "audit-table"}

    def render_detail(self, value: dict[str, Any]) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""
