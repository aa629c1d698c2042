"""Imports on the queue: the page's confirm step, and a whole import sent through the API.

Idempotent: the confirm job's key is the batch (the preview's id), so the same file confirmed
twice starts one job, and `import_confirm` itself refuses a batch that is no longer pending. An
API import's key is the file's content hash (with its kind, the confirmation flag and how often
the imported data moved since): the same file sent twice gives the first job back and is written
once."""

from __future__ import annotations

import hashlib
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.common.types import AnyUser
from parkops.imports.choices import BatchStatus, ImportKind
from parkops.imports.engine import Plan
from parkops.imports.models import ImportBatch
from parkops.imports.services import (
    ImportRefused,
    import_confirm,
    import_file,
)
from parkops.ops.choices import JobKind
from parkops.ops.jobs import JobRefused, Outcome, Progress, job_handler, job_input, job_start
from parkops.ops.models import Job


def confirm_enqueue(*, batch: ImportBatch, user: AnyUser) -> Job:
    """The batch's write job: the one already started for it, else a new one for a batch that
    waits for confirmation (ImportRefused otherwise)."""
    key = f"batch:{batch.pk}"
    existing = Job.objects.filter(kind=JobKind.IMPORT_CONFIRM, key=key).first()
    if existing is not None:
        return existing
    if batch.status != BatchStatus.PENDING:
        raise ImportRefused(_("该批次不是待确认状态"))
    return job_start(kind=JobKind.IMPORT_CONFIRM, user=user, params={"batch": batch.pk}, key=key)


@job_handler(JobKind.IMPORT_CONFIRM)
def _confirm(job: Job, progress: Progress) -> Outcome:
    batch = ImportBatch.objects.get(pk=int(job.params["batch"]))
    progress("write", 0, 1)
    plan = import_confirm(batch=batch)
    if not plan.ok:
        raise ImportRefused(
            _("文件有 %(count)s 处错误，未写入任何数据；请修改后重新上传")
            % {"count": len(plan.errors)}
        )
    progress("write", 1, 1)
    batch.refresh_from_db()
    summary = _(
        "已导入批次 #%(id)s：新增 %(added)s 条，修改 %(changed)s 条，未变 %(unchanged)s 条"
    ) % {
        "id": batch.pk,
        "added": batch.added,
        "changed": batch.changed,
        "unchanged": batch.unchanged,
    }
    return Outcome(url=reverse("imports:home"), summary=summary)


UPLOAD = "upload"  # the file's name in the job's folder


def import_enqueue(
    *, kind: ImportKind, data: bytes, file_name: str, user: AnyUser, confirmed: bool = False
) -> Job:
    """Put a whole import (check, then write all or nothing) on the queue.

    The same content of the same kind sent again gives the job started for it, queued, running
    or done, as long as the data has not moved since: the key counts the batches applied or
    undone besides this file's own applied ones. After another batch, or an undo of this one,
    the file is imported again (that write is wanted)."""
    digest = hashlib.sha256(data).hexdigest()
    moved = (
        ImportBatch.objects.filter(status__in=(BatchStatus.APPLIED, BatchStatus.UNDONE))
        .exclude(status=BatchStatus.APPLIED, kind=kind, file_hash=digest)
        .count()
    )
    key = f"{kind.value}:{digest}:{moved}:{int(confirmed)}"
    params = {"kind": kind.value, "file_name": file_name[:255], "confirmed": confirmed}
    return job_start(
        kind=JobKind.IMPORT_FILE, user=user, params=params, key=key, files={UPLOAD: data}
    )


def _issues(plan: Plan) -> dict[str, list[dict[str, Any]]]:
    return {
        "errors": [e.as_dict() for e in plan.errors],
        "warnings": [w.as_dict() for w in plan.warnings],
    }


@job_handler(JobKind.IMPORT_FILE)
def _import(job: Job, progress: Progress) -> Outcome:
    params = job.params
    path = job_input(job, UPLOAD)
    batch, plan = import_file(
        kind=str(params["kind"]),
        data=path.read_bytes(),
        file_name=str(params["file_name"]),
        user=job.user,
        confirmed=bool(params["confirmed"]),
        progress=progress,
    )
    if not plan.ok:
        detail = _("文件有 %(count)s 处错误，未写入任何数据") % {"count": len(plan.errors)}
        raise JobRefused(detail, {"batch": None, "rows": plan.rows_total, **_issues(plan)})
    if batch is None:
        detail = _("有数值异常大，未写入任何数据；核对单位无误后以 confirm=true 再导入")
        raise JobRefused(detail, {"batch": None, "rows": plan.rows_total, **_issues(plan)})
    path.unlink(missing_ok=True)  # written: the batch keeps its hash, the file is not needed
    summary = _(
        "已导入批次 #%(id)s：新增 %(added)s 条，修改 %(changed)s 条，未变 %(unchanged)s 条"
    ) % {"id": batch.pk, "added": plan.added, "changed": plan.changed, "unchanged": plan.unchanged}
    data = {
        "batch": batch.pk,
        "rows": plan.rows_total,
        "added": plan.added,
        "changed": plan.changed,
        "unchanged": plan.unchanged,
        **_issues(plan),
    }
    return Outcome(url=reverse("imports:home"), summary=summary, data=data)
