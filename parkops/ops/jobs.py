"""Long work as background jobs, on Django's tasks interface (the django-tasks backport).

A page, an API operation or a command calls `job_start`: it stores a `Job` and enqueues
`run_job(job_id)` on the configured backend — the database queue by default, run by
`manage.py db_worker` on this machine or any other that reaches the database. The worker calls
the handler that a domain app registered for the job's kind (`@job_handler`, in the app's
`jobs.py`, imported by its AppConfig.ready): the ops app names the kinds but imports no domain
app. A handler reports progress through its `Progress` and returns an `Outcome`.

What happens when things go wrong:
- a handler that raises marks the job failed with its message (the page shows it), and the queue's
  own row is marked failed with the traceback;
- a worker stopped by SIGTERM/SIGINT finishes its current job first (django-tasks' db_worker);
  a second signal interrupts it, which is recorded as a failure like any exception;
- a worker killed outright (SIGKILL, a lost machine) leaves its job "running" with no more
  progress: django-tasks does not notice. `jobs_sweep` marks a running job whose last progress is
  older than PARKOPS_JOB_STALE_MINUTES as failed (`make run` sweeps before the worker starts;
  production runs `manage.py sweep_jobs` from a timer). A failed job can be run again from its
  page (`job_retry`): nothing is lost silently, and a handler's own transaction means a killed
  job wrote nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from parkops.ops.choices import JobKind, JobStatus
from parkops.ops.models import Job

logger = logging.getLogger(__name__)

JOB_FILES = "jobs"  # under the private storage root: jobs/<id>/<file name>


@dataclass(frozen=True)
class Outcome:
    """What a finished job leaves: a link to its result, a line to show, a generated file."""

    url: str = ""
    summary: str = ""
    file: str = ""  # relative to the storage root, as `job_file` gave it
    data: dict[str, Any] = field(default_factory=dict)  # the job's `result`, for API clients


class JobRefused(Exception):
    """A handler's refusal with details for API clients: the job fails with the message as its
    error and `data` as its result (an import's errors by row and column)."""

    def __init__(self, message: str, data: dict[str, Any]) -> None:
        super().__init__(message)
        self.data = data


class Progress:
    """The job's progress, written to its row at most every `interval` seconds (and at each
    step's first and last item), so that a page polling it sees the work move.

    Inside a handler's transaction the row is written too, but other connections see it only at
    commit: a step that runs inside one transaction shows its start and its end."""

    def __init__(self, job: Job, interval: float = 0.5) -> None:
        self.job = job
        self.interval = interval
        self._last = 0.0

    def __call__(self, step: str, done: int, total: int) -> None:
        now = time.monotonic()
        edge = done == 0 or done >= total
        if not edge and now - self._last < self.interval:
            return
        self._last = now
        Job.objects.filter(pk=self.job.pk).update(
            step=step[:30], done=max(done, 0), total=max(total, 0), heartbeat_at=timezone.now()
        )


Handler = Callable[[Job, Progress], Outcome]
_HANDLERS: dict[str, Handler] = {}


def job_handler(kind: JobKind) -> Callable[[Handler], Handler]:
    """Register the function that does the work of `kind` (one per kind)."""

    def register(handler: Handler) -> Handler:
        _HANDLERS[kind.value] = handler
        return handler

    return register


def job_file(job: Job, name: str) -> tuple[Path, str]:
    """Where a job writes its file: the absolute path, and the path relative to the storage root
    that the Outcome records (served by the login-checked download view, never as /media/)."""
    relative = f"{JOB_FILES}/{job.pk}/{name}"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    return path, relative


def job_input(job: Job, name: str) -> Path:
    """A file given to `job_start` with the job."""
    return Path(settings.MEDIA_ROOT) / JOB_FILES / str(job.pk) / name


def job_result_path(job: Job) -> Path | None:
    if not job.result_file:
        return None
    path = Path(settings.MEDIA_ROOT) / job.result_file
    return path if path.is_file() else None


def job_start(
    *,
    kind: JobKind,
    user: AbstractBaseUser | AnonymousUser | None,
    params: dict[str, Any] | None = None,
    key: str = "",
    files: Mapping[str, bytes] | None = None,
) -> Job:
    """Store the job and put it on the queue. With a `key`, the same work started twice gives
    the first job back and enqueues nothing (an import confirmed twice is written once).
    `files` are the job's inputs (an uploaded file), written to its folder in the storage root
    before it is queued, so that a worker on another machine reads them (`job_input`)."""
    if kind.value not in _HANDLERS:
        raise ValueError(f"no handler registered for job kind {kind!r}")
    owner = user if user is not None and user.is_authenticated else None
    if key:
        existing = Job.objects.filter(kind=kind, key=key).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            # The job speaks the language of the user who started it (its file, its messages).
            language = translation.get_language() or settings.LANGUAGE_CODE
            params = {**(params or {}), "language": language}
            job = Job.objects.create(kind=kind, user=owner, params=params, key=key)  # type: ignore[misc]
    except IntegrityError:  # a concurrent start with the same key won
        return Job.objects.get(kind=kind, key=key)
    for name, content in (files or {}).items():
        job_file(job, name)[0].write_bytes(content)
    _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job: Job) -> None:
    result = run_job.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))


@transaction.atomic
def job_retry(*, job: Job) -> Job:
    """Put a failed job back on the queue, as it was first submitted."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.status != JobStatus.FAILED:
        raise ValidationError(_("只有失败的任务可以重新运行"))
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.QUEUED,
        error="",
        result={},
        step="",
        done=0,
        total=0,
        started_at=None,
        finished_at=None,
        heartbeat_at=None,
    )
    transaction.on_commit(lambda: _enqueue(job))
    return job


def error_message(error: BaseException) -> str:
    """The message a user reads on the job's page."""
    if isinstance(error, ValidationError):
        return "；".join(error.messages)
    text = str(error).strip()
    return text if text else type(error).__name__


def memory_release() -> None:
    """Give back to the system what a finished job freed. A year-end job on 100,000 enterprises
    allocates hundreds of MB (frames, rows, the handbook's cells); once it is freed, glibc keeps
    most of it in the worker's heap unless asked to trim it, so an idle worker would go on holding
    it. Collecting first frees any cycles the job left."""
    gc.collect()
    # Not glibc (no libc.so.6 or no malloc_trim): its allocator keeps what it keeps.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


@task()
def run_job(job_id: int) -> str:
    """The queue's one task: claim the job, run its handler, record the outcome."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, heartbeat_at=now
    )
    job = Job.objects.get(pk=job_id)
    if not claimed:  # delivered twice, or already swept: the first delivery owns it
        return str(job.status)
    progress = Progress(job)
    try:
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            outcome = _HANDLERS[job.kind](job, progress)
        memory_release()
    except BaseException as error:
        memory_release()
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED,
            error=error_message(error)[:5000],
            result=error.data if isinstance(error, JobRefused) else {},
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
        raise
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        result_url=outcome.url,
        summary=outcome.summary,
        result_file=outcome.file,
        result=outcome.data,
        finished_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    return outcome.url


def jobs_sweep(*, stale_after: timedelta | None = None, now: datetime | None = None) -> int:
    """Mark running jobs with no progress for `stale_after` as failed (their worker is gone), and
    their queue rows with them. Returns how many were marked."""
    now = now or timezone.now()
    stale_after = stale_after or timedelta(minutes=settings.PARKOPS_JOB_STALE_MINUTES)
    cutoff = now - stale_after
    stale = Job.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff)
    task_ids = [t for t in stale.values_list("task_id", flat=True) if t]
    minutes = int(stale_after.total_seconds() // 60)
    message = _("工作进程中断：超过 %(minutes)s 分钟没有进度，任务未完成。可重新运行。") % {
        "minutes": minutes
    }
    count = stale.update(status=JobStatus.FAILED, error=message, finished_at=now)
    if task_ids:
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.filter(id__in=task_ids, status="RUNNING").update(
            status="FAILED",
            finished_at=now,
            exception_class_path="parkops.ops.jobs.WorkerLost",
            traceback=message,
        )
    return count


def job_download_url(job: Job) -> str:
    return reverse("jobs:download", args=[job.pk])
