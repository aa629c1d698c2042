"""One current run per year: a new draft supersedes the last, a published run is frozen, a
republication is a new edition with a reason and the earlier edition stays readable."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from parkops.conftest import client_for
from parkops.evaluation import selectors, services
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import EvaluationResult, EvaluationRun
from parkops.evaluation.tests.factories import enterprise_with_year

pytestmark = pytest.mark.django_db


def _firms() -> list[int]:
    return [enterprise_with_year(tax=Decimal(t)).pk for t in (900, 300, 20)]


def test_it_keeps_one_current_draft_a_new_draft_supersedes_the_last() -> None:
    _firms()
    first = services.run_create(year=2025)
    second = services.run_create(year=2025)
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert first.superseded_by == second
    assert second.superseded_at is None
    # kept, with its results, not deleted
    assert EvaluationResult.objects.filter(run=first).count() == 3
    assert first.history.latest().history_change_reason == "被新的评价草稿取代"
    with pytest.raises(ValidationError, match="这份 2025 年度的评价草稿已被更新的草稿取代"):
        services.run_publish(run=first)


def test_the_database_refuses_a_second_current_draft_or_publication_of_a_year() -> None:
    _firms()
    run = services.run_create(year=2025)
    twin = {
        "year": 2025,
        "scheme_version": run.scheme_version,
        "input_hash": "0" * 64,
        "input_snapshot": b"",
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationRun.objects.create(**twin)
    services.run_publish(run=run)
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationRun.objects.create(
            **twin, status=RunStatus.PUBLISHED, published_at=run.published_at, edition=1
        )


def test_a_published_run_is_frozen_and_a_republication_needs_a_reason(alice: User) -> None:
    _firms()
    first = services.run_publish(run=services.run_create(year=2025), user=alice)
    assert (first.edition, first.republish_reason) == (1, "")
    with pytest.raises(ValidationError, match="2025 年度的评价已发布，结果不能再修改"):
        services.run_publish(run=first, reason="再发一次")
    with pytest.raises(ValidationError, match="2025 年度的评价已发布，结果不能再修改"):
        services.run_delete(run=first)

    draft = services.run_create(year=2025)  # the published run stays current meanwhile
    assert selectors.published_run(year=2025) == first
    with pytest.raises(ValidationError) as refused:
        services.run_publish(run=draft, user=alice)
    assert refused.value.messages == ["2025 年度的评价已发布（第 1 版）；重新发布须说明原因"]
    draft.refresh_from_db()
    assert draft.status == RunStatus.DRAFT

    second = services.run_publish(run=draft, user=alice, reason="补录两家企业的税收")
    first.refresh_from_db()
    assert (second.edition, second.republish_reason) == (2, "补录两家企业的税收")
    assert (first.status, first.superseded_by) == (RunStatus.PUBLISHED, second)
    assert first.superseded_at == second.published_at
    assert selectors.published_run(year=2025) == second
    assert str(second).endswith("已发布（第 2 版）")
    assert (
        first.history.latest().history_change_reason == "被重新发布的评价取代：补录两家企业的税收"
    )


def test_the_superseded_edition_stays_readable_and_points_to_the_current(lena: User) -> None:
    _firms()
    first = services.run_publish(run=services.run_create(year=2025))
    second = services.run_publish(run=services.run_create(year=2025), reason="更正")
    client = client_for(lena)
    old = client.get(f"/evaluation/runs/{first.pk}/").content.decode()
    assert "此版本已被重新发布的评价取代，仅供查阅。" in old
    assert f'href="/evaluation/runs/{second.pk}/"' in old
    new = client.get(f"/evaluation/runs/{second.pk}/").content.decode()
    assert "已发布（第 2 版）" in new
    assert "更正" in new


def test_the_park_office_republishes_from_the_page_with_a_reason(alice: User) -> None:
    _firms()
    first = services.run_publish(run=services.run_create(year=2025))
    draft = services.run_create(year=2025)
    client = client_for(alice)
    page = client.get(f"/evaluation/runs/{draft.pk}/").content.decode()
    assert 'id="republish-form"' in page
    assert 'id="publish"' not in page  # a plain publication would be refused
    refused = client.post(f"/evaluation/runs/{draft.pk}/publish/", follow=True)
    assert "重新发布须说明原因" in refused.content.decode()
    client.post(f"/evaluation/runs/{draft.pk}/publish/", {"reason": "方案更新"})
    draft.refresh_from_db()
    first.refresh_from_db()
    assert (draft.status, draft.edition, first.superseded_by) == (RunStatus.PUBLISHED, 2, draft)


def test_the_api_republishes_with_a_reason(alice: User) -> None:
    _firms()
    services.run_publish(run=services.run_create(year=2025))
    draft = services.run_create(year=2025)
    client = client_for(alice)
    refused = client.post(
        f"/api/evaluation/runs/{draft.pk}/publish", content_type="application/json"
    )
    assert refused.status_code == 422
    assert refused.json()["errors"] == {
        "reason": ["2025 年度的评价已发布（第 1 版）；重新发布须说明原因"]
    }
    done = client.post(
        f"/api/evaluation/runs/{draft.pk}/publish",
        {"reason": "方案更新"},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert (done.json()["edition"], done.json()["republish_reason"]) == (2, "方案更新")
