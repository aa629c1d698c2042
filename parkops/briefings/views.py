"""The archive of briefings and reviews: list, generate (park office, as a job on the queue: the
page lands on the job's page), download (and the leader)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from parkops.briefings import jobs, selectors, services
from parkops.briefings.choices import DocumentKind
from parkops.briefings.forms import BriefingForm
from parkops.common.types import AuthedHttpRequest
from parkops.common.xlsx import download_headers


def _readable(request: AuthedHttpRequest) -> None:
    if not selectors.can_read(request.user):
        raise PermissionDenied(_("简报与总结只向园区办和镇领导展示。"))


def briefing_list(request: AuthedHttpRequest) -> HttpResponse:
    _readable(request)
    form = BriefingForm(initial={"quarter": str(services.current_quarter())})
    if request.method == "POST":
        if not selectors.can_generate(request.user):
            raise PermissionDenied(_("只有园区办可以生成简报和总结。"))
        form = BriefingForm(request.POST)
        if form.is_valid():
            try:
                job = jobs.briefing_enqueue(
                    user=request.user,
                    quarter=form.cleaned_data["quarter"],
                    next_steps=form.cleaned_data["next_steps"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return HttpResponseRedirect(job.get_absolute_url())
    issues = selectors.briefing_list(user=request.user, kind=DocumentKind.BRIEFING)
    return render(
        request,
        "briefings/briefing_list.html",
        {"form": form, "issues": issues, "may_generate": selectors.can_generate(request.user)},
    )


def review_page(request: AuthedHttpRequest) -> HttpResponse:
    _readable(request)
    if request.method == "POST":
        if not selectors.can_generate(request.user):
            raise PermissionDenied(_("只有园区办可以生成简报和总结。"))
        return HttpResponseRedirect(jobs.review_enqueue(user=request.user).get_absolute_url())
    issues = selectors.briefing_list(user=request.user, kind=DocumentKind.REVIEW)
    return render(
        request,
        "briefings/review.html",
        {"issues": issues, "may_generate": selectors.can_generate(request.user)},
    )


def briefing_download(request: AuthedHttpRequest, pk: int) -> FileResponse:
    _readable(request)
    issue = selectors.briefing_get(user=request.user, pk=pk)
    response = FileResponse(
        issue.file.open("rb"),
        content_type=("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    )
    return download_headers(response, f"{issue.title}.docx")
