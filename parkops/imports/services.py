"""The one import service: the web page, the CLI and the API all call these functions.

All or nothing: the file is checked whole inside one transaction; a file with any error writes
nothing. Every applied file is a batch (user, time, file name, SHA-256, counts), every change is
in the history with the batch as its reason, and the last applied batch can be undone.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.core.tabular import Limits
from parkops.imports.choices import BatchStatus
from parkops.imports.engine import Plan, Progress, plan_import, plan_parsed
from parkops.imports.kinds import KINDS, Kind
from parkops.imports.models import ImportBatch
from parkops.imports.parsed import parsed_decode, parsed_encode
from parkops.imports.writer import apply_plan, touched_ids, undo_changes

MB = 1024 * 1024
P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is checked and written.

    A 100,000-row file makes millions of small objects (cells, rows, values) that live until the
    import ends; each automatic collection walks all of them again, which cost about a third of
    an import's time. They are freed by reference counting when the import ends; nothing the
    import makes is cyclic garbage, so pausing changes nothing but the time. The collector's
    previous state is restored (a nested pause leaves it paused)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _gc_pausing(fn: Callable[P, R]) -> Callable[P, R]:
    @wraps(fn)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        with _gc_paused():
            return fn(*args, **kwargs)

    return paused


class ImportRefused(Exception):
    """The batch cannot be confirmed or undone; the message says why, in the user's language."""


def import_limits() -> Limits:
    return Limits(
        max_bytes=settings.PARKOPS_IMPORT_MAX_MB * MB,
        max_uncompressed_bytes=settings.PARKOPS_IMPORT_MAX_UNCOMPRESSED_MB * MB,
        max_rows=settings.PARKOPS_IMPORT_MAX_ROWS,
    )


def kind_get(kind: str) -> Kind:
    try:
        return KINDS[kind]
    except KeyError:
        raise ValueError(f"unknown import kind {kind!r}; one of {sorted(KINDS)}") from None


def import_check(
    *, kind: str, data: bytes, file_name: str, progress: Progress | None = None
) -> Plan:
    """Validate and compare the file; write nothing."""
    return plan_import(kind_get(kind), data, file_name, limits=import_limits(), progress=progress)


def _batch(kind: str, data: bytes, file_name: str, user: Any, plan: Plan) -> ImportBatch:
    return ImportBatch(
        kind=kind,
        file_name=file_name[:255],
        file_hash=hashlib.sha256(data).hexdigest(),
        file_size=len(data),
        user=user if user is not None and user.is_authenticated else None,
        rows_total=plan.rows_total,
        added=plan.added,
        changed=plan.changed,
        unchanged=plan.unchanged,
        error_count=len(plan.errors),
        warning_count=len(plan.warnings),
    )


def _apply(batch: ImportBatch, plan: Plan, progress: Progress | None) -> None:
    now = timezone.now()
    batch.status = BatchStatus.APPLIED
    batch.applied_at = now
    batch.content = None
    batch.parsed = None
    batch.save()
    if progress:
        progress("write", 0, 1)
    batch.undo_data = apply_plan(plan, now=now, reason=batch.reason, user_id=batch.user_id)
    if plan.kind.after_write is not None:
        plan.kind.after_write()
    batch.save(update_fields=["undo_data"])
    if progress:
        progress("write", 1, 1)


@_gc_pausing
@transaction.atomic
def import_file(
    *,
    kind: str,
    data: bytes,
    file_name: str,
    user: Any = None,
    dry_run: bool = False,
    confirmed: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportBatch | None, Plan]:
    """Check the file and, when it has no error and this is not a dry run, apply it. Amounts
    that are likely in the wrong unit are written only when `confirmed`, as the page asks."""
    plan = import_check(kind=kind, data=data, file_name=file_name, progress=progress)
    if dry_run or not plan.ok or (plan.needs_confirmation and not confirmed):
        return None, plan
    batch = _batch(kind, data, file_name, user, plan)
    _apply(batch, plan, progress)
    return batch, plan


@_gc_pausing
def import_upload(*, kind: str, data: bytes, file_name: str, user: Any) -> tuple[ImportBatch, Plan]:
    """The web's first step: check the file and keep it, waiting for confirmation."""
    plan = import_check(kind=kind, data=data, file_name=file_name)
    batch = _batch(kind, data, file_name, user, plan)
    batch.status = BatchStatus.PENDING if plan.ok else BatchStatus.REJECTED
    batch.content = data if plan.ok else None
    if plan.ok and plan.parsed is not None:
        batch.parsed = parsed_encode(plan.parsed, kind=kind, file_hash=batch.file_hash)
    # An earlier upload left unconfirmed by the same user is dropped with its file.
    ImportBatch.objects.filter(user=batch.user, status=BatchStatus.PENDING).update(
        status=BatchStatus.REJECTED, content=None, parsed=None
    )
    batch.save()
    return batch, plan


@_gc_pausing
@transaction.atomic
def import_confirm(*, batch: ImportBatch) -> Plan:
    """The web's second step: check the kept file again (the data may have changed since the
    preview) and apply it. With an error nothing is written and the batch is marked rejected.

    The file's cells as the upload checked them are compared with the database again; the file
    is read again only when the batch kept none for this very file (imports/parsed.py)."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != BatchStatus.PENDING or batch.content is None:
        raise ImportRefused(_("该批次不是待确认状态"))
    data = bytes(batch.content)
    file_hash = hashlib.sha256(data).hexdigest()
    parsed = parsed_decode(
        None if batch.parsed is None else bytes(batch.parsed), kind=batch.kind, file_hash=file_hash
    )
    if parsed is not None:
        plan = plan_parsed(kind_get(batch.kind), parsed)
    else:
        plan = import_check(kind=batch.kind, data=data, file_name=batch.file_name)
    fresh = _batch(batch.kind, data, batch.file_name, batch.user, plan)
    for name in ("rows_total", "added", "changed", "unchanged", "error_count", "warning_count"):
        setattr(batch, name, getattr(fresh, name))
    if not plan.ok:
        batch.status = BatchStatus.REJECTED
        batch.content = None
        batch.parsed = None
        batch.save()
        return plan
    _apply(batch, plan, None)
    return plan


def last_applied_batch() -> ImportBatch | None:
    return ImportBatch.objects.filter(status=BatchStatus.APPLIED).order_by("-applied_at").first()


@transaction.atomic
def import_undo(*, batch: ImportBatch, user: Any) -> ImportBatch:
    """Undo the last applied batch: delete the rows it added, restore the values it changed."""
    last = last_applied_batch()
    if last is None or last.pk != batch.pk:
        raise ImportRefused(_("只能撤销最近一次导入的批次"))
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    kind = kind_get(batch.kind)
    model = kind.model
    undo = bytes(batch.undo_data or b"")
    if undo:
        touched = touched_ids(undo)
        later = model._default_manager.filter(updated_at__gt=batch.applied_at)
        edited = touched & set(later.values_list("pk", flat=True))
        if edited:
            raise ImportRefused(
                _("导入后已有 %(count)s 条记录被修改，不能撤销；请手工更正")
                % {"count": len(edited)}
            )
        now = timezone.now()
        reason = f"撤销导入批次 #{batch.pk}"
        try:
            with transaction.atomic():
                undo_changes(model, undo, now=now, reason=reason, user_id=user.pk)
                if kind.after_write is not None:
                    kind.after_write()
        except IntegrityError:
            raise ImportRefused(
                _("本批次新增的记录已被其他数据引用（如年度数据、地块），不能撤销")
            ) from None
    batch.status = BatchStatus.UNDONE
    batch.undone_at = timezone.now()
    batch.undone_by = user
    batch.save()
    return batch
