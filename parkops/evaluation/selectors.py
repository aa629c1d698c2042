"""Reads of the evaluation. The two functions at the top are a contract other apps code against."""

from __future__ import annotations

from django.db.models import Count

from parkops.evaluation.choices import EvaluationClass, RunStatus
from parkops.evaluation.models import EvaluationResult, EvaluationRun, VetoEvent


def published_run(*, year: int) -> EvaluationRun | None:
    """The published run of the year (the latest published if several), or None."""
    return (
        EvaluationRun.objects.filter(year=year, status=RunStatus.PUBLISHED)
        .order_by("-published_at", "-pk")
        .first()
    )


def enterprise_classes(*, year: int) -> dict[int, EvaluationClass]:
    """Enterprise id -> class from the published run of `year`; {} when none is published."""
    run = published_run(year=year)
    if run is None:
        return {}
    rows = EvaluationResult.objects.filter(run=run).values_list("enterprise_id", "evaluation_class")
    return {enterprise_id: EvaluationClass(cls) for enterprise_id, cls in rows}


def incident_counts(*, year: int) -> dict[int, int]:
    """Enterprise id -> number of recorded veto events (not voided) that occurred in `year`."""
    rows = (
        VetoEvent.objects.filter(occurred_on__year=year, is_void=False)
        .values("enterprise_id")
        .annotate(n=Count("pk"))
        .values_list("enterprise_id", "n")
    )
    return dict(rows)
