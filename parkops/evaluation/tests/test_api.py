from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.evaluation import services
from parkops.evaluation.models import EvaluationRun
from parkops.evaluation.tests.factories import enterprise_with_year

pytestmark = pytest.mark.django_db


def test_runs_results_bottom_and_card(alice: User, lena: User) -> None:
    firms = [enterprise_with_year(tax=Decimal(t)) for t in (900, 300, 200, 100, 20)]
    created = client_for(alice).post(
        "/api/evaluation/runs", {"year": 2025}, content_type="application/json"
    )
    # The run is made on the queue (at once in tests): 202 with the job, whose result is the run.
    assert created.status_code == 202
    job = client_for(alice).get(created.json()["api_url"]).json()
    assert job["status"] == "done"
    assert job["summary"] == "已完成 2025 年度评价（草稿），共 5 家企业"
    run_id = EvaluationRun.objects.get().pk
    assert job["result_url"] == f"/evaluation/runs/{run_id}/"
    client = client_for(lena)
    assert client.get(f"/api/evaluation/runs/{run_id}/results").status_code == 404  # a draft
    assert client_for(alice).post(f"/api/evaluation/runs/{run_id}/publish").status_code == 200
    results = client.get(f"/api/evaluation/runs/{run_id}/results", {"evaluation_class": "A"}).json()
    assert [r["enterprise_id"] for r in results["items"]] == [firms[0].pk]
    bottom = client.get(f"/api/evaluation/runs/{run_id}/bottom").json()
    assert bottom[0]["enterprise_id"] == firms[4].pk
    assert bottom[0]["park_position"] == 1
    card = client.get(f"/api/evaluation/enterprises/{firms[3].pk}/evaluation").json()
    assert card["lines"][0].startswith("亩均税收（权重 30）：10.00 万元/亩")
    what_if = client.post(
        f"/api/evaluation/runs/{run_id}/what-if/{firms[3].pk}",
        {"tax": 5000},
        content_type="application/json",
    ).json()
    assert (what_if["rank"], what_if["evaluation_class"]) == (1, "A")


def test_publishing_twice_is_a_422_and_readers_get_403(alice: User, lena: User) -> None:
    enterprise_with_year()
    run = services.run_create(year=2025)
    assert client_for(lena).post(f"/api/evaluation/runs/{run.pk}/publish").status_code == 403
    assert client_for(alice).post(f"/api/evaluation/runs/{run.pk}/publish").status_code == 200
    again = client_for(alice).post(f"/api/evaluation/runs/{run.pk}/publish")
    assert again.status_code == 422
    assert again.json() == {
        "detail": "数据有误，未保存",
        "errors": {"__all__": ["2025 年度的评价已发布，结果不能再修改"]},
    }


def test_a_year_without_data_is_a_422(alice: User) -> None:
    response = client_for(alice).post(
        "/api/evaluation/runs", {"year": 2019}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"__all__": ["2019 年度没有企业年度数据，无法评价"]}


def test_veto_events_api(alice: User) -> None:
    firm = enterprise_with_year()
    response = client_for(alice).post(
        "/api/evaluation/veto-events",
        {
            "enterprise_id": firm.pk,
            "kind": "environmental_incident",
            "grade": "3_major",
            "occurred_on": "2025-07-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    bad = client_for(alice).post(
        "/api/evaluation/veto-events",
        {"enterprise_id": firm.pk, "kind": "fire", "occurred_on": "2025-07-01"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == {"kind": ["值 'fire' 不是有效选项。"]}
    listed = client_for(alice).get("/api/evaluation/veto-events", {"year": 2025}).json()
    assert listed["count"] == 1
