"""The import over the API: the same service as the page and the CLI."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.responses import Status

from parkops.accounts.roles import sees_whole_park
from parkops.common.api import require
from parkops.imports.choices import ImportKind
from parkops.imports.jobs import import_enqueue
from parkops.imports.models import ImportBatch
from parkops.imports.selectors import batch_list
from parkops.imports.services import ImportRefused, import_file, import_limits, import_undo
from parkops.ops.api import JobOut, accepted

router = Router(tags=["imports"])


class IssueOut(Schema):
    row: int | None
    column: str
    message: str


class ImportOut(Schema):
    batch: int | None
    rows: int
    added: int
    changed: int
    unchanged: int
    warnings: list[IssueOut]


class ImportErrorOut(Schema):
    detail: str
    errors: list[IssueOut]
    warnings: list[IssueOut] = []


class BatchOut(Schema):
    id: int
    kind: str
    status: str
    file_name: str
    file_hash: str
    user: str | None
    created_at: datetime
    applied_at: datetime | None
    rows_total: int
    added: int
    changed: int
    unchanged: int

    @staticmethod
    def resolve_user(batch: ImportBatch) -> str | None:
        return batch.user.get_username() if batch.user else None


def _too_large(file: UploadedFile) -> Status | None:
    limit = import_limits().max_bytes
    if file.size is None or file.size <= limit:
        return None
    message = _("文件大小 %(size_mb)s MB，超过上限 %(limit_mb)s MB") % {
        "size_mb": round(file.size / 1024 / 1024, 1),
        "limit_mb": round(limit / 1024 / 1024, 1),
    }
    return Status(422, {"detail": message, "errors": []})


@router.post(
    "/imports/{kind}",
    response={200: ImportOut, 422: ImportErrorOut},
    summary="导入 Excel / CSV 文件（全部写入或全不写入）",
)
def post_import(
    request: HttpRequest,
    kind: ImportKind,
    file: File[UploadedFile],
    dry_run: bool = False,
    confirm: bool = False,
) -> Any:
    """kind: enterprises, figures, small_parks, plots (any other is a 422). `dry_run=true` checks
    and compares only; `confirm=true` writes amounts flagged as unusually large (the page asks
    the same)."""
    require(request, "imports.add_importbatch")
    too_large = _too_large(file)
    if too_large is not None:
        return too_large
    batch, plan = import_file(
        kind=kind,
        data=file.read(),
        file_name=file.name or "upload",
        user=request.user,
        dry_run=dry_run,
        confirmed=confirm,
    )
    warnings = [w.as_dict() for w in plan.warnings]
    if not plan.ok:
        detail = _("文件有 %(count)s 处错误，未写入任何数据") % {"count": len(plan.errors)}
        errors = [e.as_dict() for e in plan.errors]
        return Status(422, {"detail": detail, "errors": errors, "warnings": warnings})
    if batch is None and not dry_run:
        detail = _("有数值异常大，未写入任何数据；核对单位无误后以 confirm=true 再导入")
        return Status(422, {"detail": detail, "errors": [], "warnings": warnings})
    return Status(
        200,
        {
            "batch": batch.pk if batch else None,
            "rows": plan.rows_total,
            "added": plan.added,
            "changed": plan.changed,
            "unchanged": plan.unchanged,
            "warnings": warnings,
        },
    )


@router.post(
    "/imports/{kind}/jobs",
    response={202: JobOut, 422: ImportErrorOut},
    summary="导入 Excel / CSV 文件（后台任务）",
)
def post_import_job(
    request: HttpRequest, kind: ImportKind, file: File[UploadedFile], confirm: bool = False
) -> Any:
    """The import as a queue job: the answer is 202 with the job; `GET /api/jobs/{id}` (its
    `api_url`) tells its status and progress, and when it ends its `result`: `batch`, `rows`,
    `added`, `changed`, `unchanged` and `warnings`, or, when it fails, `errors` by row and
    column (nothing written). The same file sent again gives the same job and is written once.
    `confirm=true` writes amounts flagged as unusually large."""
    require(request, "imports.add_importbatch")
    too_large = _too_large(file)
    if too_large is not None:
        return too_large
    job = import_enqueue(
        kind=kind,
        data=file.read(),
        file_name=file.name or "upload",
        user=request.user,
        confirmed=confirm,
    )
    return accepted(job)


@router.get("/imports", response=list[BatchOut], summary="导入批次")
def list_batches(request: HttpRequest) -> Any:
    require(request, "imports.view_importbatch")
    # The import log covers the whole park: refused to a road chief or a small-park owner, as the
    # page /imports/ refuses them.
    if not sees_whole_park(request.user):
        raise HttpError(403, _("您没有执行此操作的权限"))
    return batch_list()[:200]


@router.post(
    "/imports/batches/{pk}/undo", response={200: BatchOut, 422: ImportErrorOut}, summary="撤销批次"
)
def undo_batch(request: HttpRequest, pk: int) -> Any:
    require(request, "imports.change_importbatch")
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        batch = import_undo(batch=batch, user=request.user)
    except ImportRefused as refused:
        return Status(422, {"detail": str(refused), "errors": []})
    return Status(200, batch)
