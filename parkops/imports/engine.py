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

from parkops.core.tabular import Limits, Table, TableError, normalise_unit, read_table
from parkops.imports.choices import ImportKind
from parkops.imports.issues import FILE_MESSAGES as F
from parkops.imports.issues import Issue, Severity, cell_message, file_message
from parkops.imports.kinds import Kind
from parkops.imports.parsed import Parsed
from parkops.imports.rows import Changes, Rows

Progress = Callable[[str, int, int], None]
EXAMPLE_PREFIX = "示例"


@dataclass
class Plan:
    kind: Kind
    rows_total: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # New rows, each a whole row (defaults filled in) in the order of `insert_columns`.
    insert_columns: tuple[str, ...] = ()
    inserts: list[tuple[Any, ...]] = field(default_factory=list)
    insert_rows: list[int] = field(default_factory=list)  # each insert's row number in the file
    file_fields: tuple[str, ...] = ()  # the fields the file gives, as the database names them
    changes: list[Changes] = field(default_factory=list)
    unchanged: int = 0
    scope_values: list[Any] = field(default_factory=list)
    sheet: str = ""  # the sheet read (a CSV: "csv")
    # Amounts so large that they are likely in the wrong unit: the page asks before writing,
    # and so must the CLI and the API.
    needs_confirmation: bool = False
    # The file's checked cells, when they hold no error: a batch keeps them for its confirmation.
    parsed: Parsed | None = None

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
    if not plan.errors:
        rows = Rows(plan, table, report)
        rows.parse()
        if not plan.errors:
            plan.parsed = Parsed(
                rows_total=plan.rows_total,
                sheet=plan.sheet,
                warnings=list(plan.warnings),
                needs_confirmation=plan.needs_confirmation,
                columns=table.columns,
                headers=table.headers,
                row_numbers=table.row_numbers,
                values=rows.values,
            )
        rows.check()
    _in_row_order(plan)
    return plan


def plan_parsed(kind: Kind, parsed: Parsed, *, progress: Progress | None = None) -> Plan:
    """The plan of a file read and checked before (`Plan.parsed`): its rows compared with the
    database as it is now. The same plan as `plan_import` of the same file gives."""
    report = progress or (lambda stage, done, total: None)
    plan = Plan(
        kind,
        rows_total=parsed.rows_total,
        sheet=parsed.sheet,
        warnings=list(parsed.warnings),
        needs_confirmation=parsed.needs_confirmation,
        parsed=parsed,
    )
    table = Table(
        sheet=parsed.sheet,
        header_rows=(),
        columns=parsed.columns,
        headers=parsed.headers,
        unknown=[],
        missing=[],
        row_numbers=parsed.row_numbers,
    )
    rows = Rows(plan, table, report)
    rows.values = parsed.values
    rows.check()
    _in_row_order(plan)
    return plan


def _in_row_order(plan: Plan) -> None:
    """Issues of the whole file first, then by row; within a row, in the order found."""
    for issues in (plan.errors, plan.warnings):
        issues.sort(key=lambda issue: (issue.row is not None, issue.row or 0))
