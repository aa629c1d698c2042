"""Control events from .xlsx (or .xls/.csv), in the shape a registry or court notice list comes in:
one row per event, the enterprise named by its USCC. All or nothing: every row is checked first
and every error is reported by row and column; only a file without errors is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from parkops.common.versioning import record_reason
from parkops.core.cells import CellKind, ColumnSpec, parse_column
from parkops.core.tablebase import Limits, TableError
from parkops.core.tabular import read_table
from parkops.enforcement.choices import ControlEventType, ControlMeasure
from parkops.enforcement.models import ControlEvent
from parkops.imports.issues import cell_message, file_message
from parkops.registry.models import Enterprise

SPECS = (
    ColumnSpec("uscc", "统一社会信用代码", kind=CellKind.USCC, required=True),
    ColumnSpec("kind", "事项类型", kind=CellKind.CHOICE, required=True,
               choices={str(c.label): c.value for c in ControlEventType}),
    ColumnSpec("occurred_on", "发生日期", kind=CellKind.DATE, required=True),
    ColumnSpec("source_document", "来源文书", required=True, max_length=200),
    ColumnSpec("measure", "管控措施", kind=CellKind.CHOICE, required=True,
               choices={str(c.label): c.value for c in ControlMeasure}),
    ColumnSpec("note", "说明", max_length=2000),
)  # fmt: skip


@dataclass(frozen=True)
class ImportOutcome:
    created: int
    skipped: int  # rows already recorded (same enterprise, type, date and document)
    errors: list[str]


def control_events_import(*, user: Any, data: bytes, filename: str) -> ImportOutcome:
    limits = Limits(max_bytes=settings.PARKOPS_IMPORT_MAX_MB * 1024 * 1024)
    try:
        table = read_table(data, filename, SPECS, limits)
    except TableError as error:
        return ImportOutcome(0, 0, [file_message(error)])
    errors = [_("缺少列「%(c)s」") % {"c": spec.header} for spec in table.missing]
    if errors:
        return ImportOutcome(0, 0, errors)
    values: dict[str, list[Any]] = {}
    for spec in SPECS:
        if spec.key not in table.columns:
            values[spec.key] = [None] * len(table.rows)
            continue
        parsed, problems = parse_column(spec, table.column(spec.key))
        values[spec.key] = parsed
        for index, code, params in problems:
            errors.append(_row_error(table.row_numbers[index], spec, cell_message(code, params)))
    usccs = {u for u in values["uscc"] if u}
    enterprises = {e.uscc: e for e in Enterprise.objects.filter(uscc__in=usccs)}
    rows: list[ControlEvent] = []
    for n, row_number in enumerate(table.row_numbers):
        row = {key: values[key][n] for key in values}
        for spec in SPECS:
            if spec.required and row[spec.key] is None:
                errors.append(_row_error(row_number, spec, _("必填")))
        enterprise = enterprises.get(row["uscc"]) if row["uscc"] else None
        if row["uscc"] and enterprise is None:
            errors.append(_row_error(row_number, SPECS[0], _("园区企业中没有这个代码")))
        if enterprise is not None and all(row[s.key] is not None for s in SPECS if s.required):
            rows.append(ControlEvent(enterprise=enterprise, created_by=user, note=row["note"] or "",
                                     **{k: row[k] for k in ("kind", "occurred_on",
                                                            "source_document", "measure")}))  # fmt: skip
    if errors:
        return ImportOutcome(0, 0, errors)
    created = skipped = 0
    with transaction.atomic():
        for event in rows:
            if ControlEvent.objects.filter(
                enterprise=event.enterprise, kind=event.kind, occurred_on=event.occurred_on,
                source_document=event.source_document,
            ).exists():  # fmt: skip
                skipped += 1
                continue
            event.full_clean()
            record_reason(event, _("导入管控事项：%(f)s") % {"f": filename})
            event.save()
            created += 1
    return ImportOutcome(created, skipped, [])


def _row_error(row: int, spec: ColumnSpec, message: str) -> str:
    return _("第 %(row)s 行「%(column)s」：%(message)s") % {
        "row": row, "column": spec.label, "message": message,
    }  # fmt: skip
