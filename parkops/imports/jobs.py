"""The import's write on the queue: the page's confirm step enqueues it.

Idempotent: the job's key is the batch (the preview's id), so the same file confirmed twice
starts one job, and `import_confirm` itself refuses a batch that is no longer pending."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.common.types import AnyUser
from parkops.imports.choices import BatchStatus
from parkops.imports.models import ImportBatch
from parkops.imports.services import ImportRefused, import_confirm
from parkops.ops.choices import JobKind
from parkops.ops.jobs import Outcome, Progress, job_handler, job_start
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
