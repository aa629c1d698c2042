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
        rows += history_rows(records, limit)
    rows.sort(key=lambda r: r.when, reverse=True)
    return rows[:limit]


def history_rows(
    records: QuerySet[Any], limit: int = 200, related: tuple[str, ...] = ()
) -> list[HistoryRow]:
    """History rows from a historical-records queryset: includes records deleted since.

    Two queries whatever the number of rows: each record's previous version is found among the
    records read (only the oldest rows of a cut-off list ask for theirs), and the records named
    in `related` (the foreign keys a record's name shows) are read with them.
    """
    fetched = list(
        records.select_related("history_user", *related).order_by("-history_date")[:limit]
    )
    cut_off = len(fetched) == limit
    previous: dict[int, Any] = {}  # history_id -> the same object's previous record
    newer: dict[Any, Any] = {}  # object id -> its oldest record seen so far (newest first)
    for record in fetched:
        object_id = getattr(record, record.instance_type._meta.pk.attname)
        if object_id in newer:
            previous[newer[object_id].history_id] = record
        newer[object_id] = record
    rows = []
    for record in fetched:
        before = previous.get(record.history_id)
        if before is None and cut_off and record.history_type == "~":
            before = record.prev_record
        rows.append(_history_row(record, before, related))
    return rows


def _history_row(record: Any, previous: Any, related: tuple[str, ...]) -> HistoryRow:
    changes: list[tuple[str, str, str]] = []
    if previous is not None and record.history_type == "~":
        delta = record.diff_against(previous)
        model = record.instance_type
        for change in delta.changes:
            label = str(model._meta.get_field(change.field).verbose_name)
            changes.append((label, _display(change.old), _display(change.new)))
    instance = record.instance
    for name in related:  # the related records read with the history, not once per row
        instance._state.fields_cache[name] = getattr(record, name)
    return HistoryRow(
        when=record.history_date,
        who=str(record.history_user or _("系统")),
        action=str(_ACTIONS.get(record.history_type, record.history_type)),
        subject=str(instance),
        changes=changes,
        reason=record.history_change_reason or "",
    )


def _display(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):  # many-to-many changes come as lists of through-rows
        return "、".join(str(v) for v in value) or "—"
    return str(value)
