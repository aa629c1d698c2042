"""Generation on the queue: the page only enqueues; a worker writes and archives the issue, and the
job offers its file; a generation that fails marks the job failed with a message in Chinese."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test.utils import override_settings

from parkops.briefings.models import Briefing
from parkops.common.docx import document_text
from parkops.common.docx_check import check_docx
from parkops.conftest import DATABASE_TASKS, client_for
from parkops.ops.choices import JobKind, JobStatus
from parkops.ops.jobs import job_start
from parkops.ops.models import Job
from parkops.testing.jobs import work_off_queue

pytestmark = pytest.mark.django_db


@override_settings(TASKS=DATABASE_TASKS)
def test_the_job_archives_the_issue_and_offers_its_file(alice: User, plan: None) -> None:
    client = client_for(alice)
    response = client.post("/briefings/", {"quarter": "2026Q3", "next_steps": "做好年度总结"})
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.status) == (JobKind.BRIEFING, JobStatus.QUEUED)
    assert not Briefing.objects.exists()  # the request held no work

    work_off_queue()

    job.refresh_from_db()
    issue = Briefing.objects.get()
    assert (job.status, job.error, job.result_url) == ("done", "", "/briefings/")
    assert (issue.year, issue.number, issue.quarter, issue.created_by) == (2026, 1, 3, alice)
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    content = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    with issue.file.open("rb") as stored:
        assert content == stored.read()  # the job's file is the archived one
    assert "做好年度总结" in document_text(content)
    assert check_docx(content) == []
    assert job.result_file.endswith(f"/{issue.title}.docx")


@override_settings(TASKS=DATABASE_TASKS)
def test_the_review_job_archives_the_review(alice: User, plan: None) -> None:
    client_for(alice).post("/briefings/review/")
    work_off_queue()
    job = Job.objects.get()
    assert (job.status, job.result_url) == ("done", "/briefings/review/")
    assert Briefing.objects.get().kind == "review"


def test_a_quarter_outside_the_plan_fails_the_job_in_chinese(alice: User) -> None:
    job = job_start(
        kind=JobKind.BRIEFING, user=alice, params={"document": "briefing", "quarter": "2023Q4"}
    )
    assert (job.status, job.error) == ("failed", "季度须在规划期 2024—2026 年内")
    assert not Briefing.objects.exists()


def test_a_failing_generation_fails_the_job_and_archives_nothing(
    alice: User, plan: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(snapshot: object) -> bytes:
        raise OSError("模板文件损坏")

    monkeypatch.setattr("parkops.briefings.services.briefing_docx", broken)
    response = client_for(alice).post("/briefings/", {"quarter": "2026Q4"})
    job = Job.objects.get()
    assert (job.status, job.error) == ("failed", "生成文档失败，未存档：模板文件损坏")
    assert not Briefing.objects.exists()
    page = client_for(alice).get(response["Location"]).content.decode()
    assert 'id="job-error">生成文档失败，未存档：模板文件损坏<' in page


def test_a_user_who_may_no_longer_generate_fails_the_job(alice: User, lena: User) -> None:
    job = job_start(kind=JobKind.BRIEFING, user=lena, params={"document": "review"})
    assert (job.status, job.error) == ("failed", "只有园区办可以生成简报和总结。")
    assert not Briefing.objects.exists()
