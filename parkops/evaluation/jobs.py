"""The evaluation's long work on the queue: a yearly run, and the handbook (评价结果手册)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parkops.common.types import AnyUser
from parkops.evaluation import selectors, services
from parkops.evaluation.exports import handbook_xlsx
from parkops.evaluation.models import EvaluationRun, SchemeVersion
from parkops.ops.choices import JobKind
from parkops.ops.jobs import Outcome, Progress, job_file, job_handler, job_start
from parkops.ops.models import Job


def run_enqueue(*, year: int, version: SchemeVersion | None, note: str, user: AnyUser) -> Job:
    """Put a yearly evaluation on the queue; the job's result is the new run's page. A year
    without figures is refused at once, as the run itself would refuse it."""
    if not selectors.has_figures(year=year):
        raise ValidationError(_("%(year)s 年度没有企业年度数据，无法评价") % {"year": year})
    params = {"year": year, "version": version.pk if version else None, "note": note}
    return job_start(kind=JobKind.EVALUATION_RUN, user=user, params=params)


@job_handler(JobKind.EVALUATION_RUN)
def _run(job: Job, progress: Progress) -> Outcome:
    version_pk = job.params.get("version")
    version = SchemeVersion.objects.get(pk=version_pk) if version_pk else None
    user = User.objects.filter(pk=job.user_id).first() if job.user_id else None
    run = services.run_create(
        year=int(job.params["year"]),
        version=version,
        note=str(job.params.get("note") or ""),
        user=user,
        progress=progress,
    )
    summary = _("已完成 %(year)s 年度评价（草稿），共 %(n)s 家企业") % {
        "year": run.year,
        "n": run.enterprise_count,
    }
    return Outcome(url=run.get_absolute_url(), summary=summary)


def handbook_enqueue(*, run: EvaluationRun, user: AnyUser) -> Job:
    """The handbook is written by a worker into the private storage root, for the user's scope."""
    return job_start(kind=JobKind.HANDBOOK, user=user, params={"run": run.pk})


@job_handler(JobKind.HANDBOOK)
def _handbook(job: Job, progress: Progress) -> Outcome:
    user = User.objects.get(pk=job.user_id or 0)  # a handbook is always someone's
    run = selectors.run_get(pk=int(job.params["run"]), user=user)
    progress("handbook", 0, 1)
    content = handbook_xlsx(run=run, user=user)
    path, relative = job_file(job, _("评价结果手册-%(year)s.xlsx") % {"year": run.year})
    path.write_bytes(content.getbuffer())
    progress("handbook", 1, 1)
    return Outcome(url=run.get_absolute_url(), file=relative)
