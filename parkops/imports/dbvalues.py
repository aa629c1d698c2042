"""Values in the database's own forms, for comparing file rows with stored rows and writing them.

A decimal column is compared and written as floats on every backend: SQLite keeps it as REAL,
and PostgreSQL's numeric is read as double precision here (each stored value has at most 14
significant digits, so its float is the nearest one, and writing the float's shortest repr
back gives the same numeric). Both backends return a date as a date (Django's SQLite
connection parses declared date columns). Converting a file's parsed
values to those forms once per column lets a stored row and a file row compare with a plain
`==` and be written without per-value adapters or Decimal arithmetic.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl
from django.db import connection, models

from parkops.core.cells import CellKind, ColumnSpec, clean_text
from parkops.imports.kinds import Kind

STAMPS = ("created_at", "updated_at")


def table_columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The columns an import may write: concrete, stored, not the primary key."""
    return [
        f
        for f in model._meta.concrete_fields
        if not f.primary_key and not getattr(f, "generated", False)
    ]


def raw_column(field: models.Field[Any, Any] | None, values: list[Any]) -> list[Any]:
    """Parsed values in the form `fetch_existing` reads them, so that a stored row and a file row
    compare with a plain `==` and are written without per-value adapters: a decimal as a float
    (see the module)."""
    if field is None:
        return values
    if isinstance(field, models.DecimalField):
        if set(map(type, values)) <= {float}:  # from plain_floats: already raw
            return values
        return [None if v is None else float(v) for v in values]
    return values


def plain_floats(spec: ColumnSpec, values: list[Any]) -> list[float] | None:
    """A decimal column of plain numbers, rounded as floats to the column's places.

    parse_decimals makes each a Decimal rounded half up from its shortest repr, which
    `raw_column` turns back into a float. Polars' `round(places)` scales each value, rounds it
    to an integer and divides back element by element (a correctly rounded division, as
    Python's `round` gives: the tests compare the two paths on many thousands of values), so
    this is that same float except where the scaled value is near a tie (x.5), where the
    multiplication's last-bit error or the rule for ties (half up from the shortest repr)
    decides. Values near a tie are therefore rounded the Decimal way. The range checks of parse_decimals are made on the
    rounded floats. Blank cells (None, "", "—" …) are None, as parse_decimals gives them; any
    other column (text, NaN, out of range) returns None and goes through parse_decimals, which reports
    the problems."""
    if spec.kind != CellKind.DECIMAL or not values:
        return None
    types = set(map(type, values))
    if types != {float}:
        return _with_blanks(spec, values, types)
    places = spec.places
    given = pl.Series(values, dtype=pl.Float64)
    done = given.round(places)
    limit = 10.0 ** (spec.max_digits - places)
    if done.is_nan().any() or not (-limit < done.min() and done.max() < limit):  # type: ignore[operator]
        return None  # infinities fail too
    if spec.non_negative and done.min() < 0:  # type: ignore[operator]
        return None
    rounded = done.to_list()
    near = ((given.abs() * 10.0**places % 1 - 0.5).abs() < 0.1).arg_true()
    quantum = Decimal(1).scaleb(-places)
    for i in near.to_list():
        rounded[i] = float(Decimal(repr(values[i])).quantize(quantum, ROUND_HALF_UP))
    return rounded


def _with_blanks(spec: ColumnSpec, values: list[Any], types: set[type]) -> list[Any] | None:
    """Plain floats among blank cells (None, or a text that `clean_text` reads as missing: "",
    "—", "/" …): the floats as `plain_floats` gives them, each blank None, as parse_decimals
    leaves it. Anything else (a text that is not blank) returns None."""
    if float not in types or not types <= {float, str, type(None)}:
        return None
    texts = {v for v in values if v.__class__ is str}
    if any(clean_text(t) is not None for t in texts):
        return None
    given = plain_floats(spec, [v for v in values if v.__class__ is float])
    if given is None:
        return None
    filled = iter(given)
    return [next(filled) if v.__class__ is float else None for v in values]


def fetch_existing(
    kind: Kind, scope_values: list[Any]
) -> tuple[list[str], dict[int, tuple[Any, ...]]]:
    """Every stored row in scope, as raw tuples by pk (no per-value conversion: it is fast)."""
    # The timestamps are left out: SQLite's driver would parse each into a datetime, and the
    # history rows are copied in SQL.
    fields = [f for f in table_columns(kind.model) if f.attname not in STAMPS]
    columns = ["id", *(f.attname for f in fields)]
    quote = connection.ops.quote_name
    selected = [quote("id")]
    for f in fields:
        name = quote(f.column)
        as_float = isinstance(f, models.DecimalField) and connection.vendor != "sqlite"
        selected.append(f"CAST({name} AS double precision)" if as_float else name)
    sql = f"SELECT {', '.join(selected)} FROM {quote(kind.model._meta.db_table)}"
    params: list[Any] = []
    if kind.scope_field:
        if not scope_values:
            return columns, {}
        sql += f" WHERE {quote(kind.scope_field)} IN ({', '.join(['%s'] * len(scope_values))})"
        params = scope_values
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return columns, {row[0]: row for row in cursor.fetchall()}
