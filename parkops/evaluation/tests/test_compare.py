"""The class comparison, computed in SQL, equals the plain reading of two runs' classes."""

from __future__ import annotations

import random

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parkops.evaluation import run_figures, services
from parkops.evaluation.choices import EvaluationClass
from parkops.evaluation.models import EvaluationResult, EvaluationRun

pytestmark = pytest.mark.django_db
CLASSES = [c.value for c in EvaluationClass]


def _reference(run: EvaluationRun, previous: EvaluationRun, movers: int = 10) -> tuple:  # type: ignore[type-arg]
    """The comparison as the page computed it before: every result loaded, counted in Python."""
    before = dict(
        EvaluationResult.objects.filter(run=previous).values_list(
            "enterprise_id", "evaluation_class"
        )
    )
    now = EvaluationResult.objects.filter(run=run, enterprise_id__in=before)
    matrix = {c: [0] * len(CLASSES) for c in CLASSES}
    order = {c: n for n, c in enumerate(CLASSES)}
    moves = []
    for r in now:
        old = before[r.enterprise_id]
        matrix[old][order[r.evaluation_class]] += 1
        if old in "ABCD" and r.evaluation_class in "ABCD":
            moves.append((order[old] - order[r.evaluation_class], r.enterprise_id, old))
    moves.sort(key=lambda m: (-m[0], m[1]))
    up = [(e, old) for d, e, old in moves if d > 0][:movers]
    down = [(e, old) for d, e, old in reversed(moves) if d < 0][:movers]
    return [(c, matrix[c]) for c in CLASSES], up, down


def test_the_sql_comparison_equals_the_plain_one(alice: User) -> None:
    from parkops.evaluation.tests.factories import enterprise_with_year

    for _ in range(40):
        enterprise_with_year(year=2024)
    last = services.run_publish(run=services.run_create(year=2024))
    this = services.run_create(year=2024)  # the same enterprises; classes shuffled below
    shuffle = random.Random(7)
    for result in EvaluationResult.objects.filter(run__in=[last, this]):
        result.evaluation_class = shuffle.choice(CLASSES)
        result.save(update_fields=["evaluation_class"])
    EvaluationRun.objects.filter(pk=this.pk).update(year=2025)
    this.refresh_from_db()

    with CaptureQueriesContext(connection) as queries:
        comparison = run_figures.compare(user=alice, run=this)
    matrix, up, down = _reference(this, last)
    assert comparison.previous == last
    assert comparison.matrix == matrix
    assert sum(sum(row) for _, row in matrix) == 40
    assert [(r.enterprise_id, old) for r, old, _ in comparison.up] == up
    assert [(r.enterprise_id, old) for r, old, _ in comparison.down] == down
    assert up
    assert down
    # the previous run, the matrix, the movers up and down (the user's roles are cached)
    assert len(queries) <= 6
