from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from parkops.common.tables import FULL_PAGE_LINK
from parkops.enforcement.models import Accident, ControlEvent, Inspection, Penalty

ATTRS = {"class": "table table-sm table-hover align-middle"}


class InspectionTable(tables.Table):
    number = tables.Column(
        verbose_name=_("编号"), linkify=True, attrs=FULL_PAGE_LINK, accessor="pk", order_by="pk"
    )
    enterprise = tables.Column(verbose_name=_("检查对象"))
    inspected_on = tables.Column(verbose_name=_("检查日期"))
    kind = tables.Column(verbose_name=_("检查类型"))
    lead_department = tables.Column(verbose_name=_("牵头部门"))
    others = tables.Column(verbose_name=_("参加部门"), empty_values=(), orderable=False)
    result = tables.Column(verbose_name=_("检查结果"))
    findings = tables.Column(verbose_name=_("问题数"), empty_values=(), orderable=False)

    class Meta:
        model = Inspection
        fields = ("inspected_on", "enterprise", "kind", "lead_department", "result")
        sequence = ("number", "inspected_on", "enterprise", "kind", "lead_department",
                    "others", "result", "findings")  # fmt: skip
        order_by = ("-inspected_on",)
        attrs = {**ATTRS, "id": "inspection-table"}

    def render_number(self, record: Inspection) -> str:
        return record.number

    def render_others(self, record: Inspection) -> str:
        return "、".join(str(d) for d in record.departments.all()) or "—"

    def render_findings(self, record: Inspection) -> int:
        return len(record.findings.all())


class PenaltyTable(tables.Table):
    amount = tables.Column(verbose_name=_("金额"), accessor="amount_text", orderable=False)

    class Meta:
        model = Penalty
        fields = ("decision_number", "enterprise", "kind", "amount", "decided_on", "department",
                  "document_title")  # fmt: skip
        order_by = ("-decided_on",)
        attrs = {**ATTRS, "id": "penalty-table"}


class AccidentTable(tables.Table):
    occurred_on = tables.DateColumn(linkify=True, attrs=FULL_PAGE_LINK)

    class Meta:
        model = Accident
        fields = ("occurred_on", "kind", "enterprise", "description", "deaths", "serious_injuries",
                  "evacuated", "direct_loss_wan", "grade", "department", "source")  # fmt: skip
        order_by = ("-occurred_on",)
        attrs = {**ATTRS, "id": "accident-table"}


class ControlEventTable(tables.Table):
    class Meta:
        model = ControlEvent
        fields = ("occurred_on", "enterprise", "kind", "source_document", "measure",
                  "handled_on", "note")  # fmt: skip
        order_by = ("-occurred_on",)
        attrs = {**ATTRS, "id": "control-event-table"}
        row_attrs = {"class": lambda record: "" if record.handled_on else "table-warning"}

    def render_handled_on(self, value: Any) -> Any:
        return value or _("待处置")
