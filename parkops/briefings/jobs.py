"""Briefings and the review written on the queue: the page enqueues, a worker generates and
archives the issue, and the job's page offers its .docx. The commands still generate directly."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.briefings import services
from parkops.briefings.choices import DocumentKind
from parkops.briefings.models import Briefing
from parkops.briefings.selectors import can_generate
from parkops.briefings.snapshot import Quarter
from parkops.common.types import AnyUser
from parkops.ops.choices import JobKind
from parkops.ops.jobs import Outcome, Progress, job_file, job_handler, job_start
from parkops.ops.models import Job


def _may_generate(user: AnyUser) -> None:
    if not can_generate(user):
        raise PermissionDenied(_("只有园区办可以生成简报和总结。"))


def briefing_enqueue(*, user: AnyUser, quarter: Quarter, next_steps: str) -> Job:
    """Put the quarter's briefing on the queue (numbered when the worker writes it)."""
    _may_generate(user)
    if len(next_steps) > services.NEXT_STEPS_MAX:
        raise ValidationError(_("下一步工作不能超过 %(n)s 字") % {"n": services.NEXT_STEPS_MAX})
    params = {"document": DocumentKind.BRIEFING.value, "quarter": str(quarter)}
    return job_start(kind=JobKind.BRIEFING, user=user, params={**params, "next_steps": next_steps})


def review_enqueue(*, user: AnyUser) -> Job:
    _may_generate(user)
    return job_start(kind=JobKind.BRIEFING, user=user, params={"document": DocumentKind.REVIEW})


def _generate(job: Job, user: User) -> Briefing:
    if job.params.get("document") == DocumentKind.REVIEW:
        return services.review_generate(user=user)
    return services.briefing_generate(
        user=user,
        quarter=services.quarter_parse(str(job.params.get("quarter") or "")),
        next_steps=str(job.params.get("next_steps") or ""),
    )


@job_handler(JobKind.BRIEFING)
def _briefing(job: Job, progress: Progress) -> Outcome:
    user = User.objects.filter(pk=job.user_id or 0, is_active=True).first()
    if user is None:
        raise PermissionDenied(_("只有园区办可以生成简报和总结。"))
    progress("generate", 0, 1)
    try:
        issue = _generate(job, user)
    except (ValidationError, PermissionDenied):
        raise  # their messages are the user's to read
    except Exception as error:
        # The cause stays in the log (run_job logs the chain); the page says what failed.
        raise ValidationError(
            _("生成文档失败，未存档：%(error)s") % {"error": str(error) or type(error).__name__}
        ) from error
    path, relative = job_file(job, f"{issue.title.replace('/', '-')}.docx")
    with issue.file.open("rb") as stored:
        path.write_bytes(stored.read())
    progress("generate", 1, 1)
    page = "briefings:review" if issue.kind == DocumentKind.REVIEW else "briefings:briefing_list"
    summary = _("已生成并存档：%(title)s") % {"title": issue.title}
    return Outcome(url=reverse(page), summary=summary, file=relative)
