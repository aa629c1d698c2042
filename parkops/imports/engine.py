"""Validation and comparison of an import file: from bytes to a Plan of what would change.

Nothing is written here. Every row is checked; each problem is an Issue with its row number (as
Excel shows it) and its column (as the file names it). Rows are compared with the stored records
field by field, so re-importing the same file plans no change. A blank cell ("—", "-", "/") means
"not reported": it never overwrites a stored value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.db import models

from parkops.core.cells import parse_column
from parkops.core.tabular import Limits, Table, TableError, normalise_unit, read_table
from parkops.imports.dbvalues import fetch_existing, plain_floats, raw_column, table_columns
from parkops.imports.issues import FILE_MESSAGES as F
from parkops.imports.issues import Issue, Severity, cell_message, file_message
from parkops.imports.kinds import ABSURD_WAN, Kind, name_key
from parkops.registry.models import Enterprise

Progress = Callable[[str, int, int], None]
EXAMPLE_PREFIX = "示例"
PROGRESS_EVERY = 10_000  # rows between two progress reports


@dataclass
class Plan:
    kind: Kind
    rows_total: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[tuple[int, dict[str, Any], tuple[Any, ...]]] = field(default_factory=list)
    update_fields: list[tuple[str, ...]] = field(default_factory=list)  # per update, in order
    unchanged: int = 0
    scope_values: list[Any] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, message: str, row: int | None = None, column: str = "") -> None:
        self.errors.append(Issue(message, row, column))

    def warn(self, message: str, row: int | None = None, column: str = "") -> None:
        self.warnings.append(Issue(message, row, column, Severity.WARNING))


def _header_issues(plan: Plan, table: Table) -> None:
    kind = plan.kind
    for spec in table.missing:
        plan.error(str(F["missing_column"]), column=spec.header)
    if kind.kind == "figures" and not {"uscc", "name"} & set(table.columns):
        plan.error(str(F["missing_enterprise_column"]))
    for text in table.unknown:
        plan.warn(str(F["unknown_column"]), column=text)
    for key, header in table.headers.items():
        spec = kind.spec(key)
        if header.unit and spec.unit and header.unit != normalise_unit(spec.unit):
            message = str(F["unit_mismatch"]) % {"found": header.unit, "expected": spec.unit}
            plan.error(message, column=header.text)


def _drop_examples(table: Table) -> None:
    keep = [
        i
        for i, row in enumerate(table.rows)
        if not str(next((c for c in row if c not in ("", None)), "")).startswith(EXAMPLE_PREFIX)
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
    report("read", 1, 1)
    _header_issues(plan, table)
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
        self.values: dict[str, list[Any]] = {}

    def fail(self, i: int, key: str, code: str, params: dict[str, Any] | None = None) -> None:
        self.bad.add(i)
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
        records = self._resolve()
        self.report("check", 2 * n // 3, n)
        self._compare(records)
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
                    if spec.required:
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

    def _lookup(self, model: type[models.Model]) -> dict[str, int]:
        rows = model._default_manager.values_list("pk", "name")
        names: dict[str, int] = {name_key(name): pk for pk, name in rows}
        if model is Enterprise:
            codes = Enterprise.objects.filter(uscc__isnull=False).values_list("uscc", "pk")
            names.update({code: pk for code, pk in codes if code})
        return names

    def _resolve(self) -> list[dict[str, Any] | None]:
        """Each row as {attname: value}; None for a row with errors."""
        kind = self.kind
        present = [k for k in self.values if k not in kind.references]
        if kind.kind == "figures":
            present = [k for k in present if k not in ("uscc", "name")]
        refs = {k: self._lookup(m) for k, m in kind.references.items() if k in self.values}
        enterprise_of = self._enterprise_ids() if kind.kind == "figures" else None
        fields = {f.attname: f for f in table_columns(kind.model)}
        columns = [raw_column(fields.get(k), self.values[k]) for k in present]
        records: list[dict[str, Any] | None] = []
        for i, row in enumerate(zip(*columns, strict=True) if columns else ()):
            record = dict(zip(present, row, strict=True))
            for key, lookup in refs.items():
                raw = self.values[key][i]
                ref = None if raw is None else lookup.get(name_key(raw), lookup.get(raw))
                if raw is not None and ref is None:
                    self.fail(i, key, "unknown_reference", {"value": raw})
                record[f"{key}_id"] = ref
            if enterprise_of is not None:
                record["enterprise_id"] = enterprise_of[i]
            records.append(None if i in self.bad else record)
        return records

    def _enterprise_ids(self) -> list[int | None]:
        by_uscc = dict(Enterprise.objects.filter(uscc__isnull=False).values_list("uscc", "pk"))
        by_name = {name_key(n): pk for pk, n in Enterprise.objects.values_list("pk", "name")}
        names = dict(Enterprise.objects.values_list("pk", "name"))
        usccs = self.values.get("uscc", [None] * len(self.numbers))
        given = self.values.get("name", [None] * len(self.numbers))
        ids: list[int | None] = []
        keys: dict[str, str] = {}  # names repeat, once per year: normalise each once
        for i, (uscc, name) in enumerate(zip(usccs, given, strict=True)):
            if name and name not in keys:
                keys[name] = name_key(name)
            pk = by_uscc.get(uscc) if uscc else None
            if uscc and pk is None:
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

    def _compare(self, records: list[dict[str, Any] | None]) -> None:
        plan, kind = self.plan, self.kind
        if kind.scope_field:
            plan.scope_values = sorted({r[kind.scope_field] for r in records if r})
        columns, existing = fetch_existing(kind, plan.scope_values)
        position = {c: j for j, c in enumerate(columns)}
        match = Matcher(kind, columns, existing)
        fields = table_columns(kind.model)
        defaults = {f.attname: f.get_default() for f in fields}
        defaults.update(kind.insert_defaults)
        defaults = {f.attname: raw_column(f, [defaults[f.attname]])[0] for f in fields}
        seen: dict[tuple[Any, ...], int] = {}
        stored: dict[tuple[str, ...], Callable[[tuple[Any, ...]], tuple[Any, ...]]] = {}
        rule_fields = ("land_basis", "rented_floor_m2", "tax", "output_value", "land_mu")
        total = len(records)
        for i, record in enumerate(records):
            if i % PROGRESS_EVERY == 0:
                self.report("check", 2 * total // 3 + i // 3, total)
            if record is None:
                continue
            for key in match.keys(record):
                first = seen.setdefault(key, self.numbers[i])
                if first != self.numbers[i]:
                    self._duplicate(i, first)
                    break
            pk, problem = match.find(record)
            if problem:
                self.fail(i, problem[0], problem[1], problem[2])
                continue
            given = (
                {k: v for k, v in record.items() if v is not None}
                if None in record.values()
                else record
            )
            if pk is None:
                merged = {**defaults, **given}
                plan.inserts.append(merged)
            else:
                old = existing[pk]
                names = tuple(given)
                pick_old = stored.get(names)
                if pick_old is None:
                    pick_old = stored[names] = _tuple_getter([position[k] for k in names])
                new, before = tuple(given.values()), pick_old(old)
                changed = (
                    {}
                    if new == before  # the row as stored: one comparison in C
                    else {k: v for k, v, o in zip(names, new, before, strict=True) if v != o}
                )
                if changed:
                    plan.updates.append((pk, changed, old))
                else:
                    plan.unchanged += 1
                merged = {k: old[position[k]] for k in rule_fields if k in position}
                merged.update(given)
            if kind.rules:
                for column, code, params, is_error in kind.rules(merged):
                    if is_error:
                        self.fail(i, column, code, params)
                    else:
                        plan.warn(cell_message(code, params), self.numbers[i], self.column(column))

    def _duplicate(self, i: int, first: int) -> None:
        key = next(iter(self.table.columns))
        self.fail(i, key, "duplicate", {"first": first})
        self.plan.errors[-1] = Issue(self.plan.errors[-1].message, self.numbers[i])


def _tuple_getter(positions: list[int]) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """itemgetter that always returns a tuple (itemgetter of one position returns the item)."""
    if len(positions) == 1:
        at = positions[0]
        return lambda row: (row[at],)
    return itemgetter(*positions)


class Matcher:
    """Finds the stored record a row updates: by the kind's key, or for enterprises by credit
    code first and by name when the row or the record has no code."""

    def __init__(self, kind: Kind, columns: list[str], existing: dict[int, tuple[Any, ...]]):
        self.kind = kind
        self._pick = itemgetter(*kind.key_fields)  # a tuple for two fields, a value for one
        self._single = len(kind.key_fields) > 1
        self.index: dict[tuple[Any, ...], int] = {}
        positions = [columns.index(f) for f in kind.key_fields]
        for pk, row in existing.items():
            self.index[tuple(row[p] for p in positions)] = pk
        self.by_name: dict[str, int] = {}
        self.uscc_of: dict[int, str | None] = {}
        if "name" in columns:
            name_at = columns.index("name")
            self.by_name = {name_key(row[name_at]): pk for pk, row in existing.items()}
        if kind.kind == "enterprises":
            uscc_at = columns.index("uscc")
            self.uscc_of = {pk: row[uscc_at] for pk, row in existing.items()}

    def key(self, record: dict[str, Any]) -> tuple[Any, ...]:
        return self._pick(record) if self._single else (self._pick(record),)

    def keys(self, record: dict[str, Any]) -> list[tuple[Any, ...]]:
        if self.kind.kind == "enterprises":
            keys = [("name", name_key(record["name"]))] if record.get("name") else []
            return keys + ([("uscc", record["uscc"])] if record.get("uscc") else [])
        return [self.key(record)]

    def find(
        self, record: dict[str, Any]
    ) -> tuple[int | None, tuple[str, str, dict[str, Any]] | None]:
        if self.kind.kind != "enterprises":
            if self.kind.key_fields == ("name",):
                return self.by_name.get(name_key(record["name"])), None
            return self.index.get(self.key(record)), None
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
