"""The two selectors other apps read: enterprise_classes and incident_counts."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from parkops.evaluation.choices import EvaluationClass, IncidentGrade, RunStatus, VetoKind
from parkops.evaluation.models import (
    EvaluationResult,
    EvaluationRun,
    Scheme,
    SchemeVersion,
    VetoEvent,
)
from parkops.evaluation.selectors import enterprise_classes, incident_counts, published_run
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def _run(
    year: int,
    status: RunStatus,
    published_at: datetime | None = None,
    superseded_at: datetime | None = None,
) -> EvaluationRun:
    scheme, _ = Scheme.objects.get_or_create(name="测试方案")
    version, _ = SchemeVersion.objects.get_or_create(scheme=scheme, number=1, definition={})
    return EvaluationRun.objects.create(
        year=year,
        scheme_version=version,
        status=status,
        published_at=published_at,
        superseded_at=superseded_at,
        input_hash="0" * 64,
        input_snapshot=b"",
    )


def test_enterprise_classes_come_from_the_current_published_run_of_the_year() -> None:
    first, second = EnterpriseFactory(), EnterpriseFactory()
    now = timezone.now()
    older = _run(2025, RunStatus.PUBLISHED, now - timedelta(days=1), superseded_at=now)
    newer = _run(2025, RunStatus.PUBLISHED, now)
    draft = _run(2025, RunStatus.DRAFT)
    EvaluationResult.objects.create(run=older, enterprise=first, evaluation_class="D")
    EvaluationResult.objects.create(run=newer, enterprise=first, evaluation_class="B")
    EvaluationResult.objects.create(run=newer, enterprise=second, evaluation_class="T")
    EvaluationResult.objects.create(run=draft, enterprise=first, evaluation_class="A")

    classes = enterprise_classes(year=2025)

    assert classes == {first.pk: EvaluationClass.B, second.pk: EvaluationClass.EXEMPT}
    assert enterprise_classes(year=2024) == {}


def test_incident_counts_count_the_events_of_the_calendar_year() -> None:
    first, second = EnterpriseFactory(), EnterpriseFactory()
    for occurred, enterprise, void in (
        (date(2025, 1, 1), first, False),
        (date(2025, 12, 31), first, False),
        (date(2024, 12, 31), first, False),
        (date(2025, 6, 1), second, True),
    ):
        VetoEvent.objects.create(
            enterprise=enterprise,
            kind=VetoKind.SAFETY_ACCIDENT,
            grade=IncidentGrade.ORDINARY,
            occurred_on=occurred,
            is_void=void,
        )

    assert incident_counts(year=2025) == {first.pk: 2}
    assert incident_counts(year=2024) == {first.pk: 1}


def test_published_run_leaves_the_input_snapshot_unread_until_asked() -> None:
    stored = _run(2025, RunStatus.PUBLISHED, published_at=timezone.now())
    EvaluationRun.objects.filter(pk=stored.pk).update(input_snapshot=b"PAR1 snapshot")
    run = published_run(year=2025)
    assert run is not None
    assert run.pk == stored.pk
    assert "input_snapshot" in run.get_deferred_fields()  # megabytes at district scale
    assert bytes(run.input_snapshot) == b"PAR1 snapshot"  # still there when read
