"""Matching the rows of an import file with the stored records they update."""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from parkops.imports.choices import ImportKind
from parkops.imports.kinds import Kind, name_key

Problem = tuple[str, str, dict[str, Any]]  # column key, message code, params


def tuple_getter(positions: list[int]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """itemgetter that always returns a tuple (itemgetter of one position returns the item)."""
    if len(positions) == 1:
        at = positions[0]
        return lambda row: (row[at],)
    return itemgetter(*positions)


class Matcher:
    """Finds the stored record a row updates: by the kind's key, or for enterprises by credit
    code first and by name when the row or the record has no code."""

    def __init__(
        self,
        kind: Kind,
        columns: list[str],
        existing: dict[int, tuple[Any, ...]],
        names: tuple[str, ...],
    ):
        """`columns` name the stored rows' values, `names` the file rows' values."""
        self.kind = kind
        self.names = names
        self._enterprises = kind.kind == ImportKind.ENTERPRISES
        self._by_name = kind.key_fields == ("name",)
        self._key = (
            None if self._enterprises else tuple_getter([names.index(f) for f in kind.key_fields])
        )
        self.index: dict[tuple[Any, ...], int] = {}
        positions = [columns.index(f) for f in kind.key_fields]
        for pk, row in existing.items():
            self.index[tuple(row[p] for p in positions)] = pk
        self.by_name: dict[str, int] = {}
        self.uscc_of: dict[int, str | None] = {}
        if "name" in columns:
            name_at = columns.index("name")
            self.by_name = {name_key(row[name_at]): pk for pk, row in existing.items()}
        if kind.kind == ImportKind.ENTERPRISES:
            uscc_at = columns.index("uscc")
            self.uscc_of = {pk: row[uscc_at] for pk, row in existing.items()}

    def locate(self, row: tuple[Any, ...]) -> tuple[list[Any], int | None, Problem | None]:
        """The keys by which the row is a duplicate of another, the id of the stored record it
        updates (None: a new record), and a problem that stops the row."""
        if self._key is None:
            record = dict(zip(self.names, row, strict=True))
            return self._keys(record), *self._find(record)
        key = self._key(row)
        pk = self.by_name.get(name_key(key[0])) if self._by_name else self.index.get(key)
        return [key], pk, None

    @staticmethod
    def _keys(record: dict[str, Any]) -> list[tuple[str, Any]]:
        keys = [("name", name_key(record["name"]))] if record.get("name") else []
        return keys + ([("uscc", record["uscc"])] if record.get("uscc") else [])

    def _find(self, record: dict[str, Any]) -> tuple[int | None, Problem | None]:
        """An enterprise: by its credit code first, by name when the row or the record has
        none; a name held by another code is a problem."""
        uscc, name = record.get("uscc"), name_key(record["name"])
        by_code = self.index.get((uscc,)) if uscc else None
        by_name = self.by_name.get(name)
        if by_code is not None and by_name not in (None, by_code):
            taken = self.uscc_of.get(by_name) or "—"  # type: ignore[arg-type]
            return None, ("name", "name_taken", {"value": record["name"], "uscc": taken})
        if by_code is None and by_name is not None and uscc and self.uscc_of[by_name]:
            taken = self.uscc_of[by_name] or "—"
            return None, ("name", "name_taken", {"value": record["name"], "uscc": taken})
        return (by_code if by_code is not None else by_name), None
