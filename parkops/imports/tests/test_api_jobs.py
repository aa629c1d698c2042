"""An import through the API as a queue job: 202 and the job's URL, the result on the job, the
same file written once, refused to whoever may not import."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.utils import override_settings
from django_tasks_db.models import DBTaskResult

from parkops.conftest import DATABASE_TASKS, client_for
from parkops.imports.choices import BatchStatus
from parkops.imports.models import ImportBatch
from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.ops.choices import JobKind, JobStatus
from parkops.ops.jobs import job_input
from parkops.ops.models import Job
from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.testing.jobs import work_off_queue

pytestmark = pytest.mark.django_db


def _post(client: Client, content: bytes, query: str = "") -> Any:
    file = SimpleUploadedFile("figures.xlsx", content)
    return client.post(f"/api/imports/figures/jobs{query}", {"file": file})


@override_settings(TASKS=DATABASE_TASKS)
def test_it_answers_202_with_the_job_and_the_job_reports_what_was_written(alice: User) -> None:
    e = EnterpriseFactory()
    client = client_for(alice)
    response = _post(client, xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, 10, 1, 12]]))
    assert response.status_code == 202
    job = Job.objects.get()
    assert response.json()["api_url"] == f"/api/jobs/{job.pk}"
    assert response.json()["status"] == "queued"
    # Enqueued, not run: the request wrote nothing.
    assert not EnterpriseYear.objects.exists()
    work_off_queue()
    done = client.get(f"/api/jobs/{job.pk}").json()
    batch = ImportBatch.objects.get()
    assert done["status"] == "done"
    assert done["percent"] == 100
    assert done["summary"] == f"已导入批次 #{batch.pk}：新增 1 条，修改 0 条，未变 0 条"
    assert done["result"] == {
        "batch": batch.pk, "rows": 1, "added": 1, "changed": 0, "unchanged": 0,
        "errors": [], "warnings": [],
    }  # fmt: skip
    assert batch.status == BatchStatus.APPLIED
    assert batch.user == alice
    assert EnterpriseYear.objects.get(enterprise=e).land_mu == 12
    assert not job_input(job, "upload").exists()  # written: the kept upload is removed


@override_settings(TASKS=DATABASE_TASKS)
def test_the_same_file_sent_twice_is_one_job_and_written_once(alice: User) -> None:
    e = EnterpriseFactory()
    client = client_for(alice)
    content = xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, 10, 1, 12]])
    first = _post(client, content)
    second = _post(client, content)  # a retry of a request whose answer was lost
    assert first.json()["id"] == second.json()["id"]
    assert DBTaskResult.objects.count() == 1
    work_off_queue()
    third = _post(client, content)  # after the write: still that job, nothing queued
    assert third.json()["id"] == first.json()["id"]
    assert third.json()["status"] == "done"
    work_off_queue()
    assert ImportBatch.objects.count() == 1
    assert EnterpriseYear.history.filter(enterprise=e).count() == 1
    # Another file is another job.
    other = _post(client, xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, 11, 1, 12]]))
    assert other.json()["id"] != first.json()["id"]


def test_a_file_with_errors_fails_with_each_error_by_row_and_column(alice: User) -> None:
    e = EnterpriseFactory()
    client = client_for(alice)
    response = _post(client, xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, "abc", 1, 1]]))
    assert response.status_code == 202
    job = client.get(response.json()["api_url"]).json()
    assert job["status"] == "failed"
    assert job["error"] == "文件有 1 处错误，未写入任何数据"
    assert job["result"]["errors"] == [
        {
            "row": 2,
            "column": "工业产值（万元）",
            "message": "第 2 行「工业产值（万元）」不是数字：“abc”",
        }
    ]
    assert job["result"]["batch"] is None
    assert not EnterpriseYear.objects.exists()
    assert not ImportBatch.objects.exists()


def test_an_amount_in_the_wrong_unit_waits_for_confirm(alice: User) -> None:
    e = EnterpriseFactory()
    client = client_for(alice)
    content = xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, 820800000, 1, 1]])
    refused = client.get(_post(client, content).json()["api_url"]).json()
    assert refused["status"] == "failed"
    assert refused["error"] == (
        "有数值异常大，未写入任何数据；核对单位无误后以 confirm=true 再导入"
    )
    assert [w["column"] for w in refused["result"]["warnings"]] == ["工业产值（万元）"]
    assert not EnterpriseYear.objects.exists()
    confirmed = client.get(_post(client, content, "?confirm=true").json()["api_url"]).json()
    assert confirmed["status"] == "done"
    assert EnterpriseYear.objects.count() == 1


def test_only_who_may_import_starts_one_and_only_they_read_it(
    alice: User, lena: User, rob: User, olga: User
) -> None:
    e = EnterpriseFactory()
    content = xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, 10, 1, 12]])
    for reader in (lena, rob, olga):
        assert _post(client_for(reader), content).status_code == 403
    assert not Job.objects.exists()
    assert _post(Client(), content).status_code == 401
    job_id = _post(client_for(alice), content).json()["id"]
    assert Job.objects.get().kind == JobKind.IMPORT_FILE
    for other in (lena, rob, olga):
        assert client_for(other).get(f"/api/jobs/{job_id}").status_code == 404
    assert Job.objects.get().status == JobStatus.DONE


def test_after_an_undo_the_same_file_is_imported_again(alice: User) -> None:
    e = EnterpriseFactory()
    client = client_for(alice)
    content = xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, 10, 1, 12]])
    first = _post(client, content).json()
    client.post(f"/api/imports/batches/{first['result']['batch']}/undo")
    assert not EnterpriseYear.objects.exists()
    again = _post(client, content).json()
    assert again["id"] != first["id"]
    assert again["status"] == "done"
    assert EnterpriseYear.objects.get(enterprise=e).land_mu == 12
