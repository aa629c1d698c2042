"""What a checked file will write, as the preview shows it: the rows it adds, and for each row it
changes, every changed field's stored and new value, page by page.

The Plan holds values in the database's own forms (codes, ids, floats); here they become what a
user reads: a choice's label, a referenced record's name, 是/否, an amount with the field's
places, each under the column's Chinese header with its unit. Only the page shown is looked up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models
from django.utils.translation import gettext as _

from parkops.imports.engine import Plan
from parkops.imports.kinds import Kind
from parkops.registry.models import EnterpriseYear

PER_PAGE = 50
BLANK = "—"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ChangedRow:
    row: int  # as Excel numbers it
    record: str
    fields: list[FieldChange]


@dataclass(frozen=True)
class AddedRow:
    row: int
    values: list[str]


def _attname(kind: Kind, key: str) -> str:
    return f"{key}_id" if key in kind.references else key


def field_labels(kind: Kind) -> dict[str, str]:
    """Each field the file may fill, by its database name: the column's header with its unit."""
    labels = {"enterprise_id": _("企业名称")}
    labels.update({_attname(kind, c.key): c.header for c in kind.importable})
    return labels


class Display:
    """Stored-form values of one kind's fields as text; references are looked up once per page."""

    def __init__(self, kind: Kind) -> None:
        self.fields = {f.attname: f for f in kind.model._meta.concrete_fields}
        self.names: dict[str, dict[Any, str]] = {}

    def load(self, values: Iterable[tuple[str, Any]]) -> None:
        """Fetch the names of the referenced records among `values` (field name, stored value)."""
        wanted: dict[str, set[Any]] = {}
        for name, value in values:
            field = self.fields.get(name)
            if value is not None and isinstance(field, models.ForeignKey):
                wanted.setdefault(name, set()).add(value)
        for name, ids in wanted.items():
            related = self.fields[name].related_model
            assert isinstance(related, type)
            found = related._default_manager.in_bulk(ids)
            self.names[name] = {pk: str(obj) for pk, obj in found.items()}

    def text(self, name: str, value: Any) -> str:
        if value is None or value == "":
            return BLANK
        field = self.fields.get(name)
        if isinstance(field, models.ForeignKey):
            return self.names.get(name, {}).get(value, f"#{value}")
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.BooleanField) or isinstance(value, bool):
            return _("是") if value else _("否")
        if isinstance(field, models.DecimalField):
            return f"{float(value):,.{field.decimal_places}f}"
        if isinstance(value, date):
            return value.isoformat()
        return str(value)


def _order(kind: Kind, names: Sequence[str]) -> list[str]:
    """The file's fields in the kind's column order, the enterprise first."""
    position = {_attname(kind, c.key): n for n, c in enumerate(kind.columns)}
    position["enterprise_id"] = -1
    return sorted(names, key=lambda name: position.get(name, len(position)))


def _page(count: int, number: Any) -> Page[int]:
    return Paginator(range(count), PER_PAGE).get_page(number)


def added_page(plan: Plan, number: Any) -> tuple[list[str], Page[int], list[AddedRow]]:
    """The headers, the page and its added rows, in the file's row order."""
    kind = plan.kind
    shown = _order(kind, [n for n in plan.file_fields if n in plan.insert_columns])
    at = [plan.insert_columns.index(n) for n in shown]
    page = _page(len(plan.inserts), number)
    inserts = [plan.inserts[i] for i in page.object_list]
    display = Display(kind)
    display.load((n, row[j]) for row in inserts for n, j in zip(shown, at, strict=True))
    rows = [
        AddedRow(
            plan.insert_rows[i],
            [display.text(n, row[j]) for n, j in zip(shown, at, strict=True)],
        )
        for i, row in zip(page.object_list, inserts, strict=True)
    ]
    labels = field_labels(kind)
    return [labels.get(n, n) for n in shown], page, rows


def _changes_in_row_order(plan: Plan) -> list[tuple[int, int, int]]:
    """(row number, group, index in the group) of every changed row."""
    found = [(row, g, j) for g, c in enumerate(plan.changes) for j, row in enumerate(c.rows)]
    found.sort()
    return found


def _records(kind: Kind, pks: list[int]) -> dict[int, str]:
    rows = kind.model._default_manager.all()
    if kind.model is EnterpriseYear:
        rows = rows.select_related("enterprise")
    return {pk: str(obj) for pk, obj in rows.in_bulk(pks).items()}


def changed_page(plan: Plan, number: Any) -> tuple[Page[int], list[ChangedRow]]:
    """The page and its changed rows: each changed field with its stored and its new value."""
    kind = plan.kind
    order = _changes_in_row_order(plan)
    page = _page(len(order), number)
    picked = [order[i] for i in page.object_list]
    display = Display(kind)
    values: list[tuple[str, Any]] = []
    for _row, g, j in picked:
        group = plan.changes[g]
        for stored in (group.old[j], group.new[j]):
            values += zip(group.names, stored, strict=True)
    display.load(values)
    records = _records(kind, [plan.changes[g].pks[j] for _row, g, j in picked])
    labels = field_labels(kind)
    rows = []
    for row, g, j in picked:
        group = plan.changes[g]
        given = {n: (o, v) for n, o, v in zip(group.names, group.old[j], group.new[j], strict=True)}
        fields = [
            FieldChange(
                labels.get(n, n), display.text(n, given[n][0]), display.text(n, given[n][1])
            )
            for n in _order(kind, group.names)
        ]
        rows.append(ChangedRow(row, records.get(group.pks[j], ""), fields))
    return page, rows
