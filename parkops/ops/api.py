"""The background jobs over the API: an operation that starts work answers 202 with the job's
URL; `GET /api/jobs/{id}` tells its status, progress and, when done, where the result is."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from parkops.ops import jobs, selectors
from parkops.ops.models import Job

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: int
    kind: str
    kind_label: str
    status: str
    status_label: str
    step: str
    done: int
    total: int
    percent: int
    summary: str
    error: str
    url: str
    api_url: str
    result_url: str
    download_url: str
    result: dict[str, Any]
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_kind_label(job: Job) -> str:
        return str(job.get_kind_display())

    @staticmethod
    def resolve_status_label(job: Job) -> str:
        return str(job.get_status_display())

    @staticmethod
    def resolve_url(job: Job) -> str:
        return job.get_absolute_url()

    @staticmethod
    def resolve_api_url(job: Job) -> str:
        return job_api_url(job)

    @staticmethod
    def resolve_download_url(job: Job) -> str:
        return jobs.job_download_url(job) if job.result_file else ""


def job_api_url(job: Job) -> str:
    return f"/api/jobs/{job.pk}"


def accepted(job: Job) -> Status:
    """The answer of an operation that put work on the queue: 202, the job, and its URL."""
    return Status(202, job)


@router.get("/jobs/{pk}", response=JobOut, summary="后台任务状态")
def get_job(request: HttpRequest, pk: int) -> Any:
    """Only the user who started the job, or the park office, sees it (404 otherwise)."""
    return selectors.job_get(user=request.user, pk=pk)
