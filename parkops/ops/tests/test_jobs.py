"""Long work on the queue: enqueued by a page, run by a worker, shown on its page, owned."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from parkops.conftest import DATABASE_TASKS, client_for
from parkops.evaluation import services
from parkops.evaluation.models import EvaluationRun
from parkops.evaluation.tests.factories import enterprise_with_year
from parkops.imports.choices import BatchStatus
from parkops.imports.models import ImportBatch
from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.ops.choices import JobKind, JobStatus
from parkops.ops.jobs import job_start, jobs_sweep
from parkops.ops.models import Job
from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.testing.jobs import work_off_queue

pytestmark = pytest.mark.django_db
POLL = 'hx-trigger="every 1s"'


def _five() -> None:
    for tax in (900, 300, 200, 100, 20):
        enterprise_with_year(tax=Decimal(tax))


@override_settings(TASKS=DATABASE_TASKS)
def test_it_runs_an_evaluation_through_the_database_queue_and_one_worker_pass(
    alice: User,
) -> None:
    _five()
    client = client_for(alice)
    version = services.scheme_default().pk
    response = client.post("/evaluation/", {"year": 2025, "scheme_version": version, "note": ""})
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    # Enqueued, not run: the web request held no work.
    assert job.status == JobStatus.QUEUED
    assert not EvaluationRun.objects.exists()
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"
    waiting = client.get(f"/jobs/{job.pk}/").content.decode()
    assert POLL in waiting
    assert "排队中" in waiting
    assert 'aria-valuenow="0"' in waiting
    assert client.get(f"/api/jobs/{job.pk}").json()["status"] == "queued"

    work_off_queue()

    job.refresh_from_db()
    run = EvaluationRun.objects.get()
    assert (job.status, job.result_url, job.error) == ("done", f"/evaluation/runs/{run.pk}/", "")
    assert run.results.count() == 5
    assert run.created_by == alice
    # the last step: 5 results and the 6 indicator lines of each (规上 population)
    assert (job.step, job.done, job.total) == ("store", 5 + 5 * 6, 35)
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    # The HTMX poll gets the partial: finished, no more polling, the result's link.
    partial = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert POLL not in partial
    assert "<html" not in partial
    assert 'aria-valuenow="100"' in partial
    assert f'href="/evaluation/runs/{run.pk}/"' in partial
    api = client.get(f"/api/jobs/{job.pk}").json()
    assert (api["status"], api["percent"], api["result_url"]) == (
        "done",
        100,
        run.get_absolute_url(),
    )


@override_settings(TASKS=DATABASE_TASKS)
def test_a_failing_job_is_marked_failed_with_its_message(alice: User) -> None:
    job = job_start(kind=JobKind.EVALUATION_RUN, user=alice, params={"year": 2019})
    work_off_queue()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "2019 年度没有企业年度数据，无法评价"
    assert job.finished_at is not None
    queued = DBTaskResult.objects.get(id=job.task_id)
    assert queued.status == "FAILED"
    assert queued.exception_class_path == "django.core.exceptions.ValidationError"
    page = client_for(alice).get(f"/jobs/{job.pk}/").content.decode()
    assert 'id="job-error">2019 年度没有企业年度数据，无法评价<' in page
    assert "重新运行" in page
    assert POLL not in page
    api = client_for(alice).get(f"/api/jobs/{job.pk}").json()
    assert (api["status"], api["error"]) == ("failed", "2019 年度没有企业年度数据，无法评价")


def test_the_immediate_backend_records_a_failure_the_same_way(alice: User) -> None:
    job = job_start(kind=JobKind.EVALUATION_RUN, user=alice, params={"year": 2019})
    assert (job.status, job.error) == ("failed", "2019 年度没有企业年度数据，无法评价")


def test_a_user_sees_only_his_own_jobs_and_the_park_office_sees_all(
    alice: User, lena: User, dora: User, rob: User
) -> None:
    _five()
    refused = client_for(lena).post("/evaluation/", {"year": 2025})  # lena only reads
    assert refused.status_code == 403
    assert not Job.objects.exists()
    run = services.run_publish(run=services.run_create(year=2025))  # lena reads published runs
    started = client_for(lena).post(f"/evaluation/runs/{run.pk}/handbook/")
    job = Job.objects.get(user=lena)
    assert started["Location"] == f"/jobs/{job.pk}/"
    for url in (f"/jobs/{job.pk}/", f"/jobs/{job.pk}/download/", f"/api/jobs/{job.pk}"):
        assert client_for(lena).get(url).status_code == 200, url
        assert client_for(alice).get(url).status_code == 200, url  # the park office
        # Another reader, even one who reads the whole park, does not learn the job exists.
        assert client_for(dora).get(url).status_code == 404, url
        assert client_for(rob).get(url).status_code == 404, url
    assert client_for(dora).post(f"/jobs/{job.pk}/retry/").status_code == 404


def _upload(client: Any, enterprise: Any) -> ImportBatch:
    data = xlsx([FIGURES_HEADER, [enterprise.uscc, enterprise.name, 2025, 3000, 150, 12]])
    upload = SimpleUploadedFile("年度数据.xlsx", data)
    client.post("/imports/upload/", {"kind": "figures", "file": upload})
    return ImportBatch.objects.get(status=BatchStatus.PENDING)


@override_settings(TASKS=DATABASE_TASKS)
def test_an_import_confirmed_twice_is_written_once(alice: User) -> None:
    enterprise = EnterpriseFactory()
    client = client_for(alice)
    batch = _upload(client, enterprise)
    first = client.post(f"/imports/{batch.pk}/confirm/")
    second = client.post(f"/imports/{batch.pk}/confirm/")  # a double click, a second tab
    job = Job.objects.get()
    assert first["Location"] == second["Location"] == f"/jobs/{job.pk}/"
    assert DBTaskResult.objects.count() == 1
    work_off_queue()
    third = client.post(f"/imports/{batch.pk}/confirm/")  # after the write: the same job again
    assert third["Location"] == f"/jobs/{job.pk}/"
    work_off_queue()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.summary == f"已导入批次 #{batch.pk}：新增 1 条，修改 0 条，未变 0 条"
    assert EnterpriseYear.objects.get(enterprise=enterprise).land_mu == 12
    assert EnterpriseYear.history.filter(enterprise=enterprise).count() == 1
    assert ImportBatch.objects.get().status == BatchStatus.APPLIED


def test_confirming_a_batch_that_no_longer_waits_is_refused(alice: User) -> None:
    batch = _upload(client_for(alice), EnterpriseFactory())
    ImportBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.REJECTED)
    response = client_for(alice).post(f"/imports/{batch.pk}/confirm/", follow=True)
    assert "该批次不是待确认状态" in response.content.decode()
    assert not Job.objects.exists()


@override_settings(TASKS=DATABASE_TASKS)
def test_a_job_whose_worker_was_killed_is_swept_failed_and_runs_again(
    alice: User, django_capture_on_commit_callbacks: Any
) -> None:
    _five()
    job = job_start(kind=JobKind.EVALUATION_RUN, user=alice, params={"year": 2025})
    # What a worker killed mid-job leaves: both rows 'running', no more progress.
    long_ago = timezone.now() - timedelta(hours=2)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=long_ago, heartbeat_at=long_ago
    )
    DBTaskResult.objects.filter(id=job.task_id).update(status="RUNNING", started_at=long_ago)
    fresh = job_start(kind=JobKind.EVALUATION_RUN, user=alice, params={"year": 2025})
    Job.objects.filter(pk=fresh.pk).update(status=JobStatus.RUNNING, heartbeat_at=timezone.now())

    assert jobs_sweep(stale_after=timedelta(minutes=30)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "工作进程中断：超过 30 分钟没有进度，任务未完成。可重新运行。"
    assert DBTaskResult.objects.get(id=job.task_id).status == "FAILED"
    assert Job.objects.get(pk=fresh.pk).status == JobStatus.RUNNING  # still reporting: kept
    assert not EvaluationRun.objects.exists()  # the killed job wrote nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(f"/jobs/{job.pk}/retry/")
    assert response["Location"] == f"/jobs/{job.pk}/"
    work_off_queue()
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.DONE, "")
    assert EvaluationRun.objects.count() == 1
    again = client_for(alice).post(f"/jobs/{job.pk}/retry/", follow=True)
    assert "只有失败的任务可以重新运行" in again.content.decode()


def test_a_job_reports_its_progress_as_a_percentage() -> None:
    assert Job(status=JobStatus.RUNNING, done=50, total=200).percent == 25
    assert Job(status=JobStatus.RUNNING, done=200, total=200).percent == 99
    assert Job(status=JobStatus.DONE, done=0, total=0).percent == 100
    assert Job(status=JobStatus.QUEUED).percent == 0


@override_settings(TASKS=DATABASE_TASKS)
def test_the_small_park_rating_runs_on_the_queue(alice: User) -> None:
    response = client_for(alice).post("/estates/ratings/run/", {"year": 2025})
    job = Job.objects.get(kind=JobKind.RATING_RUN)
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == JobStatus.QUEUED
    work_off_queue()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.result_url == "/estates/ratings/?year=2025"


def test_a_jobs_file_downloads_with_the_headers_of_every_generated_file(alice: User) -> None:
    stored = Path(settings.MEDIA_ROOT) / "jobs" / "评价手册.xlsx"
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(b"PK-demo")
    job = Job.objects.create(
        kind=JobKind.EVALUATION_RUN, status=JobStatus.DONE, user=alice,
        result_file="jobs/评价手册.xlsx",
    )  # fmt: skip
    response = client_for(alice).get(f"/jobs/{job.pk}/download/")
    assert b"".join(response.streaming_content) == b"PK-demo"  # type: ignore[attr-defined]
    assert response["Content-Disposition"] == (
        "attachment; filename=\"export.xlsx\"; filename*=UTF-8''"
        "%E8%AF%84%E4%BB%B7%E6%89%8B%E5%86%8C.xlsx"
    )
    assert "no-store" in response["Cache-Control"]
