"""The change history of records (django-simple-history), as rows a history partial shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class HistoryRow:
    when: datetime
    who: str
    action: str
    subject: str
    changes: list[tuple[str, str, str]]  # (field label, old, new)
    reason: str


_ACTIONS = {"+": _("创建"), "~": _("修改"), "-": _("删除")}


def history_of(*objects_or_querysets: Any, limit: int = 200) -> list[HistoryRow]:
    """The change history of the given records, newest first, each change with its diff."""
    rows: list[HistoryRow] = []
    for source in objects_or_querysets:
        records = (
            source.model.history.filter(id__in=source.values("pk"))
            if isinstance(source, QuerySet)
            else source.history.all()
        )
        for record in records.select_related("history_user").order_by("-history_date")[:limit]:
            rows.append(_history_row(record))
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows[:limit]


def _history_row(record: Any) -> HistoryRow:
    changes: list[tuple[str, str, str]] = []
    previous = record.prev_record
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous)
        model = record.instance_type
        for change in delta.changes:
            label = str(model._meta.get_field(change.field).verbose_name)
            changes.append((label, _display(change.old), _display(change.new)))
    return HistoryRow(
        when=record.history_date,
        who=str(record.history_user or _("系统")),
        action=str(_ACTIONS.get(record.history_type, record.history_type)),
        subject=str(record.instance),
        changes=changes,
        reason=record.history_change_reason or "",
    )


def _display(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):  # many-to-many changes come as lists of through-rows
        return "、".join(str(v) for v in value) or "—"
    return str(value)


def history_rows(records: QuerySet[Any], limit: int = 200) -> list[HistoryRow]:
    """History rows from a historical-records queryset: includes records deleted since."""
    return [
        _history_row(r)
        for r in records.select_related("history_user").order_by("-history_date")[:limit]
    ]
