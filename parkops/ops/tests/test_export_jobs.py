"""A list export past PARKOPS_EXPORT_INLINE_ROWS rows is written by a worker, replaying the same
view as the same user: the same filters, the same scope, the same columns."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.test.utils import override_settings
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.ops.choices import JobKind, JobStatus
from parkops.ops.models import Job
from parkops.registry.models import Road
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db
URL = "/enterprises/export.xlsx"


def _names(body: bytes) -> list[str]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(body))
    rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    column = rows[0].index("企业名称")
    return [str(row[column]) for row in rows[1:] if row[column]]


@pytest.fixture
def firms(pingye: Road) -> None:
    for name in ("上海甲化工有限公司", "上海乙材料有限公司", "上海丙科技有限公司"):
        EnterpriseFactory(name=name, road=pingye)
    EnterpriseFactory(name="上海别路企业有限公司")


def test_a_small_export_is_answered_at_once(alice: User, firms: None) -> None:
    response = client_for(alice).get(URL)
    assert response.status_code == 200
    assert len(_names(response.content)) == 4
    assert not Job.objects.exists()


@override_settings(PARKOPS_EXPORT_INLINE_ROWS=2)
def test_a_large_export_goes_to_a_job_with_the_same_filter(alice: User, firms: None) -> None:
    client = client_for(alice)
    response = client.get(URL, {"q": "上海", "sort": "name", "road": Road.objects.get().pk})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.status, job.user) == (JobKind.EXPORT, JobStatus.DONE, alice)
    assert job.summary.startswith("已导出：企业-")
    download = client.get(f"/jobs/{job.pk}/download/")
    body = b"".join(download.streaming_content)
    assert sorted(_names(body)) == [
        "上海丙科技有限公司",
        "上海乙材料有限公司",
        "上海甲化工有限公司",
    ]
    assert "导出的行数较多，已转为后台任务" in client.get(response["Location"]).content.decode()


@override_settings(PARKOPS_EXPORT_INLINE_ROWS=2)
def test_the_worker_exports_only_what_the_user_may_see(rob: User, olga: User, firms: None) -> None:
    client_for(rob).get(URL)
    job = Job.objects.get(user=rob)
    body = b"".join(client_for(rob).get(f"/jobs/{job.pk}/download/").streaming_content)
    assert "上海别路企业有限公司" not in _names(body)
    assert len(_names(body)) == 3
    # Another user's job file is not theirs to fetch.
    assert client_for(olga).get(f"/jobs/{job.pk}/download/").status_code == 404
