"""Writing a Plan set-wise: inserts and updates by executemany, history rows by INSERT … SELECT.

Django's bulk_update takes 15 s for 100,000 rows on SQLite and longer on PostgreSQL, and
simple_history's bulk helpers build a model instance per row; here every statement is prepared
once and run for all rows. The historical rows are copied from the table itself, selected by the
timestamp this batch wrote (created_at for added rows, updated_at for changed ones), with the
batch as their reason. Runs inside the caller's transaction.
"""

from __future__ import annotations

import json
import zlib
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from typing import Any

from django.db import connection, models

from parkops.imports.dbvalues import table_columns
from parkops.imports.engine import Plan

CHUNK = 500
_HISTORY_FIELDS = ("history_date", "history_change_reason", "history_type", "history_user_id")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _adapt_now(now: datetime) -> Any:
    return connection.ops.adapt_datetimefield_value(now)


def copy_to_history(
    model: type[models.Model],
    where: str,
    params: list[Any],
    *,
    history_type: str,
    reason: str,
    user_id: int | None,
    now: datetime,
) -> None:
    """Copy the rows `where` selects into the model's historical table, in one statement."""
    history = model.history.model  # type: ignore[attr-defined]
    columns = [
        f.column
        for f in history._meta.concrete_fields
        if f.name != "history_id"
        and f.column not in _HISTORY_FIELDS
        and not getattr(f, "generated", False)
    ]
    target = ", ".join(_q(c) for c in (*columns, *_HISTORY_FIELDS))
    source = ", ".join(_q(c) for c in columns)
    sql = (
        f"INSERT INTO {_q(history._meta.db_table)} ({target}) "
        f"SELECT {source}, %s, %s, %s, %s FROM {_q(model._meta.db_table)} WHERE {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_adapt_now(now), reason[:100], history_type, user_id, *params])


# Both drivers (with Django's SQLite adapters) take these as they are.
_PASS = frozenset({type(None), str, int, float, bool, Decimal, date})


def _insert(cursor: Any, table: str, columns: str, marks: str, rows: list[Any]) -> None:
    if connection.vendor != "postgresql":  # SQLite reuses one prepared statement: fastest
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
        return
    # PostgreSQL: COPY streams every row in one statement.
    with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _update(
    cursor: Any, table: str, fields: list[models.Field[Any, Any]], rows: list[list[Any]]
) -> None:
    """Set `fields` from each row (their values, then the id) — set-wise on PostgreSQL."""
    if connection.vendor != "postgresql":
        sets = ", ".join(f"{_q(f.column)} = %s" for f in fields)
        cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s", rows)
        return
    # PostgreSQL: COPY the new values into a temporary table, then one UPDATE … FROM.
    staging = _q("parkops_import_staging")
    columns = [*(f.column for f in fields), "id"]
    types = [*(f.db_type(connection) for f in fields), "bigint"]
    definition = ", ".join(f"{_q(c)} {t}" for c, t in zip(columns, types, strict=True))
    cursor.execute(f"DROP TABLE IF EXISTS {staging}")
    cursor.execute(f"CREATE TEMPORARY TABLE {staging} ({definition}) ON COMMIT DROP")
    names = ", ".join(_q(c) for c in columns)
    with cursor.cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    sets = ", ".join(f"{_q(f.column)} = s.{_q(f.column)}" for f in fields)
    cursor.execute(f"UPDATE {table} AS t SET {sets} FROM {staging} AS s WHERE t.id = s.id")
    cursor.execute(f"DROP TABLE {staging}")


def _prepare(field: models.Field[Any, Any], value: Any) -> Any:
    if type(value) in _PASS:
        return value
    return field.get_db_prep_save(value, connection)


def apply_plan(plan: Plan, *, now: datetime, reason: str, user_id: int | None) -> bytes:
    """Write the plan; return the undo data (zlib-compressed JSON)."""
    model = plan.kind.model
    table = _q(model._meta.db_table)
    fields = {f.attname: f for f in table_columns(model)}
    stamp = _adapt_now(now)
    added: list[int] = []
    changed: dict[str, list[list[Any]]] = {}
    with connection.cursor() as cursor:
        if plan.inserts:
            names = plan.insert_columns
            columns = ", ".join(_q(fields[n].column) for n in (*names, "created_at", "updated_at"))
            marks = ", ".join(["%s"] * (len(names) + 2))
            # Each row holds every column (the engine filled in the defaults), in the database's
            # own types.
            rows = [(*r, stamp, stamp) for r in plan.inserts]
            _insert(cursor, table, columns, marks, rows)
            cursor.execute(f"SELECT id FROM {table} WHERE {_q('created_at')} = %s", [stamp])
            added = [row[0] for row in cursor.fetchall()]
        for change in plan.changes:
            pairs = zip(change.new, change.pks, strict=True)
            if set(map(type, chain.from_iterable(change.new))) <= _PASS:  # usually: as they are
                params = [[*values, stamp, pk] for values, pk in pairs]
            else:
                targets = [fields[n] for n in change.names]
                params = [
                    [*map(_prepare, targets, values), stamp, pk] for values, pk in pairs
                ]  # fmt: skip
            _update(cursor, table, [fields[n] for n in (*change.names, "updated_at")], params)
            changed[",".join(change.names)] = [
                [pk, *old] for pk, old in zip(change.pks, change.old, strict=True)
            ]
    if plan.inserts:
        copy_to_history(
            model,
            f"{_q('created_at')} = %s",
            [stamp],
            history_type="+",
            reason=reason,
            user_id=user_id,
            now=now,
        )
    if plan.changes:
        copy_to_history(
            model,
            f"{_q('updated_at')} = %s AND {_q('created_at')} <> %s",
            [stamp, stamp],
            history_type="~",
            reason=reason,
            user_id=user_id,
            now=now,
        )
    undo = {"added": added, "changed": changed}
    return zlib.compress(json.dumps(undo, default=str, separators=(",", ":")).encode(), 1)


def _chunks(ids: list[int]) -> list[list[int]]:
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


def _in(ids: list[int]) -> str:
    return f"id IN ({', '.join(['%s'] * len(ids))})"


def undo_changes(
    model: type[models.Model], undo: bytes, *, now: datetime, reason: str, user_id: int | None
) -> tuple[int, int]:
    """Delete the added rows and restore the changed ones; (deleted, restored)."""
    data = json.loads(zlib.decompress(undo))
    table = _q(model._meta.db_table)
    fields = {f.attname: f for f in table_columns(model)}
    stamp = _adapt_now(now)
    added: list[int] = data["added"]
    history = {"reason": reason, "user_id": user_id, "now": now}
    for ids in _chunks(added):
        copy_to_history(model, _in(ids), ids, history_type="-", **history)  # type: ignore[arg-type]
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {_in(ids)}", ids)
    restored = 0
    with connection.cursor() as cursor:
        for joined, rows in data["changed"].items():
            names = joined.split(",")
            params = [[*row[1:], stamp, row[0]] for row in rows]
            _update(cursor, table, [fields[n] for n in (*names, "updated_at")], params)
            restored += len(rows)
    if restored:
        copy_to_history(
            model,
            f"{_q('updated_at')} = %s",
            [stamp],
            history_type="~",
            **history,  # type: ignore[arg-type]
        )
    return len(added), restored


def touched_ids(undo: bytes) -> set[int]:
    data = json.loads(zlib.decompress(undo))
    ids = set(data["added"])
    for rows in data["changed"].values():
        ids.update(row[0] for row in rows)
    return ids
