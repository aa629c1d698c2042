"""The data rows of an import: parsed, resolved to stored records and compared with them.

Part of the import engine (`engine.plan_import` reads the table and checks its header, then
hands the rows here). Nothing is written: the outcome is the Plan's inserts and Changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models

from parkops.core.cells import parse_column
from parkops.core.tabular import Table
from parkops.imports.choices import ImportKind
from parkops.imports.dbvalues import (
    STAMPS,
    fetch_existing,
    plain_floats,
    raw_column,
    table_columns,
)
from parkops.imports.issues import Issue, cell_message
from parkops.imports.kinds import ABSURD_WAN, name_key
from parkops.imports.matching import Matcher, tuple_getter
from parkops.registry.models import Enterprise

if TYPE_CHECKING:
    from parkops.imports.engine import Plan, Progress

PROGRESS_EVERY = 10_000  # rows between two progress reports


@dataclass
class Changes:
    """The stored rows in which the same fields change: their ids, the new values and the
    stored ones (kept for undo), each a tuple in the order of `names`."""

    names: tuple[str, ...]
    pks: list[int] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # each one's row number in the file
    new: list[tuple[Any, ...]] = field(default_factory=list)
    old: list[tuple[Any, ...]] = field(default_factory=list)


class Rows:
    """Parses, resolves and compares the data rows of one table."""

    def __init__(self, plan: Plan, table: Table, report: Progress) -> None:
        self.plan, self.table, self.report = plan, table, report
        self.kind = plan.kind
        self.numbers = table.row_numbers
        self.bad: set[int] = set()
        self.bad_cells: set[tuple[int, str]] = set()  # each cell is reported once
        self.values: dict[str, list[Any]] = {}

    def fail(self, i: int, key: str, code: str, params: dict[str, Any] | None = None) -> None:
        self.bad.add(i)
        if (i, key) in self.bad_cells:
            return
        self.bad_cells.add((i, key))
        self.plan.error(cell_message(code, params or {}), self.numbers[i], self.column(key))

    def column(self, key: str) -> str:
        header = self.table.headers.get(key)
        return header.text if header else self.kind.spec(key).header

    def run(self) -> None:
        self.parse()
        self.check()

    def parse(self) -> None:
        """What the file alone says: each cell parsed and checked (no database)."""
        for key in self.table.columns:
            spec = self.kind.spec(key)
            cells = self.table.column(key)
            floats = plain_floats(spec, cells)
            if floats is not None:
                self.values[key] = floats
                continue
            values, problems = parse_column(spec, cells)
            for i, code, params in problems:
                self.fail(i, key, code, params)
            self.values[key] = values
        self._cell_rules()
        self._absurd()

    def check(self) -> None:
        """The parsed rows resolved to stored records and compared with them."""
        n = len(self.numbers)
        self.report("check", n // 3, n)
        columns = self._resolve()
        self.report("check", 2 * n // 3, n)
        self._compare(columns)
        self.report("check", n, n)

    def _cell_rules(self) -> None:
        kind = self.kind
        for spec in kind.importable:
            values = self.values.get(spec.key)
            if values is None or not (
                spec.required or spec.key in kind.positive or spec.key in kind.percent
            ):
                continue
            for i, value in enumerate(values):
                if value is None:
                    if spec.required and (i, spec.key) not in self.bad_cells:
                        self.fail(i, spec.key, "required")
                elif spec.key in self.kind.positive and value <= 0:
                    self.fail(i, spec.key, "not_positive")
                elif spec.key in self.kind.percent and value > 100:
                    self.fail(i, spec.key, "percent")

    def _absurd(self) -> None:
        """A warning for an amount above 1,000 亿元: usually a figure in 元 under a 万元 header."""
        for key in self.kind.absurd:
            values = self.values.get(key)
            numbers = [abs(v) for v in values or () if v is not None]
            if not numbers or max(numbers) <= ABSURD_WAN:
                continue
            for i, v in enumerate(values or ()):
                if v is not None and abs(v) > ABSURD_WAN:
                    message = cell_message("absurd", {"value": f"{v:.2f}", "unit": "万元"})
                    self.plan.warn(message, self.numbers[i], self.column(key))
                    self.plan.needs_confirmation = True

    def _lookup(self, model: type[models.Model]) -> dict[str, int]:
        rows = model._default_manager.values_list("pk", "name")
        names: dict[str, int] = {name_key(name): pk for pk, name in rows}
        if model is Enterprise:
            codes = Enterprise.objects.filter(uscc__isnull=False).values_list("uscc", "pk")
            names.update({code: pk for code, pk in codes if code})
        return names

    def _resolve(self) -> dict[str, list[Any]]:
        """The file's columns by field name, in the database's own forms, references resolved
        to ids; rows with errors are in `self.bad`."""
        kind = self.kind
        present = [k for k in self.values if k not in kind.references]
        if kind.kind == ImportKind.FIGURES:
            present = [k for k in present if k not in ("uscc", "name")]
        refs = {k: self._lookup(m) for k, m in kind.references.items() if k in self.values}
        fields = {f.attname: f for f in table_columns(kind.model)}
        # A column left blank throughout changes nothing (a blank never overwrites): dropping it
        # lets a row as stored compare equal in one step.
        blank = len(self.numbers)
        present = [
            k for k in present if k in kind.key_fields or self.values[k].count(None) != blank
        ]
        columns = {k: raw_column(fields.get(k), self.values[k]) for k in present}
        if kind.kind == ImportKind.FIGURES:
            columns["enterprise_id"] = self._enterprise_ids()
        ids: dict[str, list[int | None]] = {key: [] for key in refs}
        for i in range(len(self.numbers) if refs else 0):
            for key, lookup in refs.items():
                raw = self.values[key][i]
                ref = None if raw is None else lookup.get(name_key(raw), lookup.get(raw))
                if raw is not None and ref is None:
                    self.fail(i, key, "unknown_reference", {"value": raw})
                ids[key].append(ref)
        columns.update({f"{key}_id": values for key, values in ids.items()})
        return columns

    def _enterprise_ids(self) -> list[int | None]:
        by_uscc = dict(Enterprise.objects.filter(uscc__isnull=False).values_list("uscc", "pk"))
        by_name = {name_key(n): pk for pk, n in Enterprise.objects.values_list("pk", "name")}
        names = dict(Enterprise.objects.values_list("pk", "name"))
        codes = dict(Enterprise.objects.values_list("pk", "uscc"))
        usccs = self.values.get("uscc", [None] * len(self.numbers))
        given = self.values.get("name", [None] * len(self.numbers))
        ids: list[int | None] = []
        keys: dict[str, str] = {}  # names repeat, once per year: normalise each once
        for i, (uscc, name) in enumerate(zip(usccs, given, strict=True)):
            if name and name not in keys:
                keys[name] = name_key(name)
            pk = by_uscc.get(uscc) if uscc else None
            known = by_name.get(keys[name]) if name else None
            if uscc and pk is None and known is not None:  # known by name, under another code
                stored = codes.get(known)
                code, params = (
                    ("known_without_code", {"name": names[known]})
                    if not stored
                    else ("known_other_code", {"name": names[known], "uscc": stored})
                )
                self.fail(i, "uscc", code, params)
            elif uscc and pk is None:
                self.fail(i, "uscc", "unknown_enterprise", {"value": uscc})
            elif pk is None and name:
                pk = by_name.get(keys[name])
                if pk is None:
                    self.fail(i, "name", "unknown_enterprise", {"value": name})
            elif pk is not None and name and by_name.get(keys[name], pk) != pk:
                self.fail(i, "name", "uscc_name_mismatch", {"uscc": uscc, "name": names[pk]})
            elif pk is None and i not in self.bad:
                self.fail(i, "name", "required")
            ids.append(pk)
        return ids

    def _compare(self, columns: dict[str, list[Any]]) -> None:
        """Each good row is new, or matches a stored row and changes some fields or none.

        Rows are tuples of the file's fields; a row equal to the stored one is one comparison
        in C, and a changed row is filed under the tuple of fields it changes, so that the
        writer runs one statement per such tuple."""
        plan, kind = self.plan, self.kind
        good = [i for i in range(len(self.numbers)) if i not in self.bad]
        if kind.scope_field:
            scope = columns[kind.scope_field]
            plan.scope_values = sorted({scope[i] for i in good})
        stored_columns, existing = fetch_existing(kind, plan.scope_values)
        position = {c: j for j, c in enumerate(stored_columns)}
        names = tuple(columns)
        match = Matcher(kind, stored_columns, existing, names)
        rows = list(zip(*columns.values(), strict=True))
        pick_old = tuple_getter([position[k] for k in names])
        seen: dict[tuple[Any, ...], int] = {}
        inserts: list[int] = []
        checked: list[int] = []  # rows matched or new: the kind's rules read them
        olds: list[tuple[Any, ...] | None] = [None] * len(rows)  # the stored row, if any
        groups: dict[tuple[bool, ...], Changes] = {}
        for step, i in enumerate(good):
            if step % PROGRESS_EVERY == 0:
                self.report("check", 2 * len(good) // 3 + step // 3, len(good))
            new = rows[i]
            row_keys, pk, problem = match.locate(new)
            for key in row_keys:
                first = seen.setdefault(key, self.numbers[i])
                if first != self.numbers[i]:
                    self._duplicate(i, first)
                    break
            if problem:
                self.fail(i, problem[0], problem[1], problem[2])
                continue
            checked.append(i)
            if pk is None:
                inserts.append(i)
                continue
            old = existing[pk]
            olds[i] = old
            before = pick_old(old)
            if new == before:  # the row as stored: one comparison in C
                plan.unchanged += 1
                continue
            mask = tuple([v is not None and v != o for v, o in zip(new, before, strict=True)])
            if not any(mask):  # differs only where the file is blank
                plan.unchanged += 1
                continue
            group = groups.get(mask)
            if group is None:
                group = groups[mask] = Changes(
                    tuple(n for n, m in zip(names, mask, strict=True) if m)
                )
            group.pks.append(pk)
            group.rows.append(self.numbers[i])
            group.new.append(new)
            group.old.append(before)
        for mask, group in groups.items():
            pick = tuple_getter([j for j, m in enumerate(mask) if m])
            group.new = list(map(pick, group.new))
            group.old = list(map(pick, group.old))
        plan.changes = list(groups.values())
        plan.file_fields = names
        plan.insert_rows = [self.numbers[i] for i in inserts]
        defaults = self._defaults()
        plan.insert_columns = tuple(defaults)
        plan.inserts = list(
            zip(*(_filled(columns.get(c), inserts, d) for c, d in defaults.items()), strict=True)
        )
        if kind.rules:
            self._rules(columns, checked, olds, position, defaults)

    def _defaults(self) -> dict[str, Any]:
        """Every column a new row writes (not the timestamps), with its default value."""
        fields = [f for f in table_columns(self.kind.model) if f.attname not in STAMPS]
        defaults = {f.attname: f.get_default() for f in fields}
        defaults.update(self.kind.insert_defaults)
        return {f.attname: raw_column(f, [defaults[f.attname]])[0] for f in fields}

    def _rules(
        self,
        columns: dict[str, list[Any]],
        checked: list[int],
        olds: list[tuple[Any, ...] | None],
        position: dict[str, int],
        defaults: dict[str, Any],
    ) -> None:
        """The kind's rules on each checked row merged with its stored values (or, for a new
        row, the defaults): a blank cell keeps what is stored."""
        assert self.kind.rules is not None
        merged: dict[str, list[Any]] = {}
        for name in self.kind.rule_fields:  # each a column of the table
            given = columns.get(name)
            if given is not None and None not in given:  # the file gives every value
                merged[name] = [given[i] for i in checked]
                continue
            at, values = position[name], []
            for i in checked:
                value = None if given is None else given[i]
                if value is None:
                    old = olds[i]
                    value = defaults[name] if old is None else old[at]
                values.append(value)
            merged[name] = values
        for n, column, code, params, is_error in self.kind.rules(merged):
            i = checked[n]
            if is_error:
                self.fail(i, column, code, params)
            else:
                self.plan.warn(cell_message(code, params), self.numbers[i], self.column(column))

    def _duplicate(self, i: int, first: int) -> None:
        key = next(iter(self.table.columns))
        self.fail(i, key, "duplicate", {"first": first})
        self.plan.errors[-1] = Issue(self.plan.errors[-1].message, self.numbers[i])


def _filled(values: list[Any] | None, rows: list[int], default: Any) -> list[Any]:
    """The values of `rows`, the default where the file has none."""
    if values is None:
        return [default] * len(rows)
    return [default if (v := values[i]) is None else v for i in rows]
