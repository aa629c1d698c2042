"""Validation and comparison of an import file: from bytes to a Plan of what would change.

Nothing is written here. Every row is checked; each problem is an Issue with its row number (as
Excel shows it) and its column (as the file names it). Rows are compared with the stored records
field by field, so re-importing the same file plans no change. A blank cell ("—", "-", "/") means
"not reported": it never overwrites a stored value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from parkops.core.cells import parse_column
from parkops.core.tabular import Limits, Table, TableError, normalise_unit, read_table
from parkops.imports.choices import ImportKind
from parkops.imports.dbvalues import (
    STAMPS,
    fetch_existing,
    plain_floats,
    raw_column,
    table_columns,
)
from parkops.imports.issues import FILE_MESSAGES as F
from parkops.imports.issues import Issue, Severity, cell_message, file_message
from parkops.imports.kinds import ABSURD_WAN, Kind, name_key
from parkops.imports.matching import Matcher, tuple_getter
from parkops.registry.models import Enterprise

Progress = Callable[[str, int, int], None]
EXAMPLE_PREFIX = "示例"
PROGRESS_EVERY = 10_000  # rows between two progress reports


@dataclass
class Changes:
    """The stored rows in which the same fields change: their ids, the new values and the
    stored ones (kept for undo), each a tuple in the order of `names`."""

    names: tuple[str, ...]
    pks: list[int] = field(default_factory=list)
    new: list[tuple[Any, ...]] = field(default_factory=list)
    old: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class Plan:
    kind: Kind
    rows_total: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # New rows, each a whole row (defaults filled in) in the order of `insert_columns`.
    insert_columns: tuple[str, ...] = ()
    inserts: list[tuple[Any, ...]] = field(default_factory=list)
    changes: list[Changes] = field(default_factory=list)
    unchanged: int = 0
    scope_values: list[Any] = field(default_factory=list)
    sheet: str = ""  # the sheet read (a CSV: "csv")
    # Amounts so large that they are likely in the wrong unit: the page asks before writing,
    # and so must the CLI and the API.
    needs_confirmation: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def added(self) -> int:
        return len(self.inserts)

    @property
    def changed(self) -> int:
        return sum(len(c.pks) for c in self.changes)

    def error(self, message: str, row: int | None = None, column: str = "") -> None:
        self.errors.append(Issue(message, row, column))

    def warn(self, message: str, row: int | None = None, column: str = "") -> None:
        self.warnings.append(Issue(message, row, column, Severity.WARNING))


def _header_issues(plan: Plan, table: Table) -> None:
    """Problems of the header. A unit the file states (in the header cell, a units row, a group
    header or a title) other than the column's is refused: never stored as if it were the same."""
    kind = plan.kind
    for spec in table.missing:
        plan.error(str(F["missing_column"]), column=spec.header)
    if kind.kind == ImportKind.FIGURES and not {"uscc", "name"} & set(table.columns):
        plan.error(str(F["missing_enterprise_column"]))
    for text in table.unknown:
        plan.warn(str(F["unknown_column"]), column=text)
    for headers in table.doubled.values():
        plan.error(str(F["doubled_column"]) % {"columns": "」「".join(headers)})
    for key, header in table.headers.items():
        spec = kind.spec(key)
        if header.unit and spec.unit and header.unit != normalise_unit(spec.unit):
            message = str(F["unit_mismatch"]) % {"found": header.unit, "expected": spec.unit}
            plan.error(message, column=header.text)


def _table_notes(plan: Plan, table: Table) -> None:
    """Cells the reader could not give and rows it left out, by row and column."""
    for row, key, code, params, is_error in table.notes:
        column = table.headers[key].text if key in table.headers else ""
        message = cell_message(code, params)
        if is_error:
            plan.error(message, row, column)
        else:
            plan.warn(message, row, column)


def _first_text(row: Sequence[Any]) -> str:
    """The row's first filled cell, as text."""
    if row and row[0] not in ("", None):  # the usual case: the first cell
        return str(row[0])
    return str(next((c for c in row if c not in ("", None)), ""))


def _drop_examples(table: Table) -> None:
    keep = [
        i for i, row in enumerate(table.rows) if not _first_text(row).startswith(EXAMPLE_PREFIX)
    ]
    table.rows = [table.rows[i] for i in keep]
    table.row_numbers = [table.row_numbers[i] for i in keep]


def plan_import(
    kind: Kind,
    data: bytes,
    filename: str,
    *,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> Plan:
    plan = Plan(kind)
    report = progress or (lambda stage, done, total: None)
    report("read", 0, 1)
    try:
        table = read_table(data, filename, kind.columns, limits)
    except TableError as error:
        plan.error(file_message(error))
        return plan
    for key in [k for k in table.columns if kind.spec(k).export_only]:
        del table.columns[key], table.headers[key]  # what our own exports add: ignored quietly
    _drop_examples(table)
    plan.rows_total = len(table.rows)
    plan.sheet = table.sheet
    report("read", 1, 1)
    _header_issues(plan, table)
    _table_notes(plan, table)
    if not table.rows:
        plan.error(str(F["no_rows"]))
    if plan.errors:
        return plan
    Rows(plan, table, report).run()
    return plan


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
        n = len(self.numbers)
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
            group.new.append(new)
            group.old.append(before)
        for mask, group in groups.items():
            pick = tuple_getter([j for j, m in enumerate(mask) if m])
            group.new = list(map(pick, group.new))
            group.old = list(map(pick, group.old))
        plan.changes = list(groups.values())
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
