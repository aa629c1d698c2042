"""The change history of records (django-simple-history), as rows a history partial shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from simple_history.utils import get_m2m_reverse_field_name


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
    in `related` (the foreign keys a record's name shows) are read with them. Changed foreign
    keys and many-to-many fields are shown by name: one more query per related model.
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
    pairs = []
    for record in fetched:
        before = previous.get(record.history_id)
        if before is None and cut_off and record.history_type == "~":
            before = record.prev_record
        pairs.append((record, _changes(record, before)))
    names = Names()
    for _record, changes in pairs:
        for field, old, new in changes:
            names.want(field, old)
            names.want(field, new)
    names.load()
    return [_history_row(record, changes, names, related) for record, changes in pairs]


Change = tuple[models.Field[Any, Any], Any, Any]


def _changes(record: Any, previous: Any) -> list[Change]:
    if previous is None or record.history_type != "~":
        return []
    return field_changes(record, previous)


def field_changes(record: Any, previous: Any, skip: Iterable[str] = ()) -> list[Change]:
    """What changed from `previous` to `record` (historical records): (field, old, new)."""
    model = record.instance_type
    delta = record.diff_against(previous)
    return [
        (model._meta.get_field(c.field), c.old, c.new) for c in delta.changes if c.field not in skip
    ]


class Names:
    """The names of the records that changed foreign keys and many-to-many fields point to, read
    with one query per related model for the whole history shown."""

    def __init__(self) -> None:
        self.ids: dict[type[models.Model], set[Any]] = {}
        self.names: dict[type[models.Model], dict[Any, str]] = {}

    def _ids(self, field: models.Field[Any, Any], value: Any) -> list[Any]:
        if isinstance(field, models.ManyToManyField):  # the through rows, as dicts of ids
            key = get_m2m_reverse_field_name(field)
            return [row[key] for row in value or () if row.get(key) is not None]
        if field.is_relation and value is not None:
            return [value]
        return []

    def want(self, field: models.Field[Any, Any], value: Any) -> None:
        if field.is_relation and isinstance(field.related_model, type):
            ids = self._ids(field, value)
            if ids:
                self.ids.setdefault(field.related_model, set()).update(ids)

    def load(self) -> None:
        for model, ids in self.ids.items():
            found = model._default_manager.in_bulk(ids)
            self.names[model] = {pk: str(obj) for pk, obj in found.items()}

    def text(self, field: models.Field[Any, Any], value: Any) -> str:
        """A stored value as a person reads it: a choice's label, a record's name, 是/否."""
        if field.is_relation and isinstance(field.related_model, type):
            known = self.names.get(field.related_model, {})
            names = [known.get(pk, f"#{pk}") for pk in self._ids(field, value)]
            return "、".join(names) or "—"
        if value is None or value == "":
            return "—"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.BooleanField):
            return str(_("是") if value else _("否"))
        return str(value)


def _subject(record: Any) -> Any:
    """The record as it was, for its name: the historical row's own fields. (simple-history's
    `record.instance` reads the fields kept out of the history — a derived mark like the newest
    year's — from the live row, one query per history row.)"""
    model = record.instance_type
    return model(
        **{
            field.attname: getattr(record, field.attname)
            for field in model._meta.concrete_fields
            if hasattr(record, field.attname)
        }
    )


def _history_row(
    record: Any, changes: list[Change], names: Names, related: tuple[str, ...]
) -> HistoryRow:
    shown = [
        (str(field.verbose_name), names.text(field, old), names.text(field, new))
        for field, old, new in changes
    ]
    instance = _subject(record)
    for name in related:  # the related records read with the history, not once per row
        instance._state.fields_cache[name] = getattr(record, name)
    return HistoryRow(
        when=record.history_date,
        who=str(record.history_user or _("系统")),
        action=str(_ACTIONS.get(record.history_type, record.history_type)),
        subject=str(instance),
        changes=shown,
        reason=record.history_change_reason or "",
    )
