"""One check for every list export: small, it is written in the request; past the limit, a job.

    def test_it_defers_a_large_export(alice, lena, charlie, two_leads):
        book = export_deferred(alice, "/attraction/leads/export.xlsx", stranger=lena, refused=charlie)
        assert column(book, "企业（项目）名称") == [...]

The export is asked once at the default limit (answered at once, no job) and once with
PARKOPS_EXPORT_INLINE_ROWS at 1: the request only enqueues a job (database queue), one worker pass
writes the file, and its sheets are those of the inline file, cell for cell. The job's download is
refused to another user (404), and a user the export refuses gets 403 before any job exists.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.test.utils import override_settings
from python_calamine import CalamineWorkbook

from parkops.ops.choices import JobKind, JobStatus
from parkops.ops.models import Job
from parkops.testing.jobs import work_off_queue

Book = dict[str, list[list[Any]]]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sheets(body: bytes) -> Book:
    """Every sheet of an .xlsx as rows of cell values, by sheet name."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(body))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def column(book: Book, header: str, sheet: str = "") -> list[Any]:
    """The values under `header` in the first sheet (or `sheet`), below the header row."""
    rows = book[sheet or next(iter(book))]
    for index, row in enumerate(rows):
        if header in row:
            at = row.index(header)
            return [r[at] for r in rows[index + 1 :] if any(c != "" for c in r)]
    raise AssertionError(f"no column {header!r} in {rows[:3]!r}")


def export_deferred(
    owner: User,
    url: str,
    params: Mapping[str, Any] | None = None,
    *,
    stranger: User,
    refused: User,
) -> Book:
    """The export at `url` as `owner` asks it: checked inline and deferred (see the module)."""
    query = dict(params or {})
    client = client_for(owner)
    before = Job.objects.count()
    inline = client.get(url, query)
    assert inline.status_code == 200, inline.status_code
    assert Job.objects.count() == before  # small: written in the request
    inline_book = sheets(inline.content)

    with override_settings(PARKOPS_EXPORT_INLINE_ROWS=1, TASKS=DATABASE_TASKS):
        assert client_for(refused).get(url, query).status_code == 403
        assert Job.objects.count() == before  # refused before any job is created
        response = client.get(url, query)
        job = Job.objects.order_by("-pk").first()
        assert job is not None
        assert Job.objects.count() == before + 1
        assert response.status_code == 302, response.status_code
        assert response["Location"] == f"/jobs/{job.pk}/"
        assert (job.kind, job.status, job.user) == (JobKind.EXPORT, JobStatus.QUEUED, owner)
        work_off_queue()  # the request held no work: one worker pass writes the file
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.DONE, "")
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert sheets(b"".join(download.streaming_content)) == inline_book  # type: ignore[attr-defined]
    assert client_for(stranger).get(f"/jobs/{job.pk}/download/").status_code == 404
    return inline_book
