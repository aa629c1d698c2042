"""Infrastructure (附件 4) on the project's page: status and dates with a reason, and a spend on a
project still marked 未开工 asks whether it has started."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.common.versioning import version_of
from parkops.conftest import client_for
from parkops.execution.choices import InfraStatus
from parkops.execution.models import InfraProject, InfraSpend
from parkops.execution.services import infra_project_update

pytestmark = pytest.mark.django_db

QUESTION = "该项目仍标记为“未开工”。这笔支出是否说明项目已开工？"


@pytest.fixture
def road(db: None) -> InfraProject:
    return InfraProject.objects.create(
        name="道路修复工程", investment_wan=Decimal("60"), content="道路修复",
        start_year=2024, finish_year=2025,
    )  # fmt: skip


def _spend(**extra: str) -> dict[str, str]:
    return {"spent_on": "2025-03-10", "amount_wan": "12.5", "note": "一期", **extra}


def test_a_spend_on_a_project_not_started_asks_first_and_writes_nothing(
    alice: User, road: InfraProject
) -> None:
    client = client_for(alice)
    assert QUESTION not in client.get(road.get_absolute_url()).content.decode()
    response = client.post(road.get_absolute_url(), _spend())
    page = response.content.decode()
    assert response.status_code == 200
    assert QUESTION in page
    assert "请先确认项目是否已开工，再保存支出。" in page
    assert InfraSpend.objects.count() == 0


def test_answering_started_records_the_spend_and_sets_the_project_started(
    alice: User, road: InfraProject
) -> None:
    response = client_for(alice).post(road.get_absolute_url(), _spend(started="yes"))
    assert response.status_code == 302
    road.refresh_from_db()
    assert (road.status, road.started_on) == (InfraStatus.IN_PROGRESS, date(2025, 3, 10))
    assert InfraSpend.objects.get().amount_wan == Decimal("12.50")
    assert road.history.filter(history_change_reason="录入支出时确认已开工").exists()
    # Started now: the next spend is recorded without the question.
    assert client_for(alice).post(road.get_absolute_url(), _spend()).status_code == 302
    assert InfraSpend.objects.count() == 2


def test_a_start_date_given_with_the_answer_is_kept(alice: User, road: InfraProject) -> None:
    client_for(alice).post(road.get_absolute_url(), _spend(started="yes", started_on="2025-02-01"))
    road.refresh_from_db()
    assert road.started_on == date(2025, 2, 1)


def test_answering_not_started_keeps_the_status(alice: User, road: InfraProject) -> None:
    assert client_for(alice).post(road.get_absolute_url(), _spend(started="no")).status_code == 302
    road.refresh_from_db()
    assert (road.status, road.started_on) == (InfraStatus.PLANNED, None)
    assert InfraSpend.objects.count() == 1


def _status(project: InfraProject, **changes: str) -> dict[str, str]:
    return {"status": InfraStatus.COMPLETED, "started_on": "2024-09-01",
            "completed_on": "2025-10-31", "note": "", "reason": "竣工验收",
            "version": version_of(project), **changes}  # fmt: skip


def test_the_park_office_records_a_completion_with_its_reason(
    alice: User, road: InfraProject
) -> None:
    response = client_for(alice).post(f"/infrastructure/{road.pk}/edit/", _status(road))
    assert response.status_code == 302
    road.refresh_from_db()
    assert (road.status, road.started_on, road.completed_on) == (
        InfraStatus.COMPLETED, date(2024, 9, 1), date(2025, 10, 31),
    )  # fmt: skip
    assert road.history.filter(history_change_reason="竣工验收").exists()
    page = client_for(alice).get(road.get_absolute_url()).content.decode()
    assert "2024-09-01 / 2025-10-31" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason": ""}, "修改项目状态或日期须说明修改原因"),
        ({"started_on": ""}, "实施中或已完工的项目须填写开工日期。"),
        ({"completed_on": "2024-08-01"}, "完工日期不能早于开工日期。"),
        ({"status": InfraStatus.PLANNED, "completed_on": ""}, "未开工的项目不能填写开工日期。"),
    ],
)
def test_a_wrong_status_or_date_is_refused_in_chinese(
    alice: User, road: InfraProject, changes: dict[str, str], message: str
) -> None:
    response = client_for(alice).post(f"/infrastructure/{road.pk}/edit/", _status(road, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    road.refresh_from_db()
    assert road.status == InfraStatus.PLANNED


def test_a_stale_status_edit_is_refused(alice: User, road: InfraProject) -> None:
    opened = version_of(road)
    infra_project_update(
        project=road, data={"status": InfraStatus.IN_PROGRESS, "started_on": date(2024, 8, 1)},
        reason="已开工",
    )  # fmt: skip
    response = client_for(alice).post(
        f"/infrastructure/{road.pk}/edit/", _status(road, version=opened)
    )
    assert "此记录在您打开后已被他人修改" in response.content.decode()
    road.refresh_from_db()
    assert road.status == InfraStatus.IN_PROGRESS


def test_a_reader_cannot_change_the_status(lena: User, road: InfraProject) -> None:
    assert client_for(lena).get(f"/infrastructure/{road.pk}/edit/").status_code == 403
    assert 'id="infra-edit"' not in client_for(lena).get(road.get_absolute_url()).content.decode()
