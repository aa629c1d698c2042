"""Pages of the background jobs: a job's progress (polled by HTMX), its file, a retry."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkops.common.types import AuthedHttpRequest
from parkops.common.xlsx import download_headers
from parkops.ops import jobs, selectors


def job_detail(request: AuthedHttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get(user=request.user, pk=pk)
    context = {"job": job, "download": jobs.job_download_url(job) if job.result_file else ""}
    template = "ops/_job_progress.html" if request.htmx else "ops/job_detail.html"
    return render(request, template, context)


def job_download(request: HttpRequest, pk: int) -> FileResponse:
    """The job's generated file, to its owner and the park office only (never a /media/ URL)."""
    job = selectors.job_get(user=request.user, pk=pk)
    path = jobs.job_result_path(job)
    if path is None:
        raise Http404
    # A stored file, streamed; the headers are those of every generated download (no-store).
    return download_headers(
        FileResponse(path.open("rb"), as_attachment=True, filename=path.name), path.name
    )


@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get(user=request.user, pk=pk)
    try:
        jobs.job_retry(job=job)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已重新提交"))
    return HttpResponseRedirect(job.get_absolute_url())
