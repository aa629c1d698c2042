"""Large list exports on the job queue.

A list's export link asks for the .xlsx of the rows the list shows. Past
PARKOPS_EXPORT_INLINE_ROWS rows, `common.lists.export_xlsx` (which every list export goes through)
hands the request here (this app registers `export_defer` at start-up): a job records who asked for which path with which query
string and language, and the user lands on the job's page. The worker replays the same export view
as that user — the same permission checks, the same role-scoped selectors and filters, the same
columns — marked as running in a job so that it writes the file instead of deferring again, and
stores the file for the job's download link.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import resolve
from django.utils.translation import gettext as _

from parkops.core.xlsx import XLSX_CONTENT_TYPE
from parkops.ops.choices import JobKind
from parkops.ops.jobs import Outcome, Progress, job_file, job_handler, job_start
from parkops.ops.models import Job

_FILENAME = re.compile(r"filename\*=UTF-8''([^;]+)")


def export_defer(request: HttpRequest) -> HttpResponse:
    params = {
        "path": request.path,
        "query": request.META.get("QUERY_STRING", ""),
        # An export that writes links (数据待补's) writes them to the host the user asked.
        "host": request.get_host(),
        "scheme": request.scheme,
    }
    job = job_start(kind=JobKind.EXPORT, user=request.user, params=params)
    messages.info(request, _("导出的行数较多，已转为后台任务；完成后在本页下载。"))
    return HttpResponseRedirect(job.get_absolute_url())


class _Replayed(HttpRequest):
    def __init__(self, scheme: str) -> None:
        super().__init__()
        self._scheme = scheme

    def _get_scheme(self) -> str:
        return self._scheme


def _replayed_request(job: Job, user: User) -> HttpRequest:
    request = _Replayed(str(job.params.get("scheme") or "http"))
    request.method = "GET"
    request.path = request.path_info = str(job.params["path"])
    query = str(job.params.get("query") or "")
    request.GET = QueryDict(query)
    request.META = {"QUERY_STRING": query, "SERVER_NAME": "worker", "SERVER_PORT": "80"}
    if job.params.get("host"):
        request.META["HTTP_HOST"] = str(job.params["host"])
    # A view may leave a message (a corrected filter); in a job nobody reads it.
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    request.user = user
    request.parkops_in_job = True  # type: ignore[attr-defined]
    return request


@job_handler(JobKind.EXPORT)
def _export(job: Job, progress: Progress) -> Outcome:
    user = User.objects.get(pk=job.user_id or 0)  # an export is always someone's
    request = _replayed_request(job, user)
    match = resolve(request.path_info)
    progress("export", 0, 1)
    response = match.func(request, *match.args, **match.kwargs)
    if response.status_code != 200 or response.get("Content-Type") != XLSX_CONTENT_TYPE:
        raise ValueError(_("导出失败（%(status)s）") % {"status": response.status_code})
    found = _FILENAME.search(response.get("Content-Disposition", ""))
    name = unquote(found.group(1)) if found else "export.xlsx"
    path, relative = job_file(job, name)
    path.write_bytes(response.content)
    progress("export", 1, 1)
    rows = _("已导出：%(name)s") % {"name": name}
    return Outcome(summary=rows, file=relative)
