"""A run's figures as its page shows them: the class counts with their links, the score
histogram, the bottom 30 with last year's place and the largest shortfall, and the comparison
with last year's run. The whole-park figures of a published run are kept in the cache (run_cache)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    Q,
    Value,
    When,
)
from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.common.types import AnyUser
from parkops.core.evaluation.summary import ScoreLine, Shortfall, largest_shortfall
from parkops.evaluation.choices import EvaluationClass
from parkops.evaluation.filtersets import NO_POPULATION
from parkops.evaluation.models import (
    EvaluationResult,
    EvaluationRun,
    IndicatorResult,
)
from parkops.evaluation.run_cache import per_run
from parkops.evaluation.selectors import previous_run, results_visible

# The registry read into the engine's input lives in selectors_input; its names are given here.
from parkops.evaluation.selectors_input import events_for as events_for
from parkops.evaluation.selectors_input import has_figures as has_figures
from parkops.evaluation.selectors_input import input_frame as input_frame
from parkops.evaluation.selectors_input import landlords as landlords


def results_url(run: EvaluationRun, *, population: str = "", klass: str = "") -> str:
    """The run's results list filtered to a population's code ("" for none: NO_POPULATION) and
    a class: the link behind each class count."""
    query = {"population": population or NO_POPULATION}
    if klass:
        query["klass"] = klass
    return f"{reverse('evaluation:run_results', args=[run.pk])}?{urlencode(query)}"


def class_counts(*, user: AnyUser, run: EvaluationRun) -> list[dict[str, Any]]:
    """Per population: the count of each class; the excluded classes on a line of their own.
    Each count comes with the link to the results it counts (`cells`, `total_url`)."""
    return per_run("classes", user, (run,), lambda: _class_counts(user, run))


def _class_counts(user: AnyUser, run: EvaluationRun) -> list[dict[str, Any]]:
    rows = (
        results_visible(user=user, run=run)
        .values("population", "population_label", "evaluation_class")
        .annotate(n=Count("pk"))
        .order_by("population_label", "population")
    )
    table: dict[tuple[str, str], dict[str, int]] = {}
    for r in rows:
        label = r["population_label"] or str(_("未归类"))
        table.setdefault((r["population"], label), {})[r["evaluation_class"]] = r["n"]
    return [
        {
            "population": label,
            "counts": [counts.get(c.value, 0) for c in EvaluationClass],
            "cells": [
                {"n": counts.get(c.value, 0), "url": results_url(run, population=code, klass=c)}
                for c in EvaluationClass
            ],
            "total": sum(counts.values()),
            "total_url": results_url(run, population=code),
        }
        for (code, label), counts in table.items()
    ]


def score_histogram(
    *, user: AnyUser, run: EvaluationRun, bins: int = 20
) -> dict[str, dict[str, list[Any]]]:
    """Per population, the count of total scores in `bins` equal bins (for the chart)."""
    return per_run(f"histogram-{bins}", user, (run,), lambda: _histogram(user, run, bins))


def _histogram(user: AnyUser, run: EvaluationRun, bins: int) -> dict[str, dict[str, list[Any]]]:
    # No ordering: the model's sorted every result by its run's year (a join) first.
    rows = results_visible(user=user, run=run).filter(total_score__isnull=False).order_by()
    scores: dict[str, list[float]] = {}
    for label, score in rows.values_list("population_label", "total_score"):
        if score is not None:
            scores.setdefault(label, []).append(score)
    out: dict[str, dict[str, list[Any]]] = {}
    for label, values in scores.items():
        lo, hi = min(values), max(values)
        width = (hi - lo) / bins or 1.0
        counts = [0] * bins
        for v in values:
            counts[min(int((v - lo) / width), bins - 1)] += 1
        edges = [f"{lo + k * width:.0f}" for k in range(bins)]
        out[label] = {"edges": edges, "counts": counts}
    return out


@dataclass(frozen=True)
class BottomRow:
    result: EvaluationResult
    last_position: int | None
    last_class: str | None
    shortfall: Shortfall | None = None  # the indicator that pulled the score down most


def shortfalls(result_ids: list[int]) -> dict[int, Shortfall | None]:
    """Result id -> its indicator with the largest shortfall (core.evaluation.summary), from
    the stored indicator scores, in one query."""
    lines: dict[int, list[ScoreLine]] = {pk: [] for pk in result_ids}
    # Ordered by the columns themselves: the model's ordering by `result` joined the results and
    # their runs to sort 30 results' lines (about 400 ms at district scale).
    rows = (
        IndicatorResult.objects.filter(result_id__in=result_ids)
        .order_by("result_id", "position")
        .values_list("result_id", "position", "code", "label", "weight", "score", "is_missing")
    )
    for result_id, position, code, label, weight, score, missing in rows:
        lines[result_id].append(ScoreLine(position, code, label, weight, score, missing))
    return {pk: largest_shortfall(found) for pk, found in lines.items()}


def bottom(*, user: AnyUser, run: EvaluationRun, limit: int = 30) -> list[BottomRow]:
    """The `limit` lowest-ranked enterprises of the park after vetoes, with last year's place."""
    rows = list(
        results_visible(user=user, run=run)
        .filter(park_position__isnull=False, park_position__lte=limit)
        .order_by("park_position")
    )
    previous = previous_run(run)
    last: dict[int, tuple[int | None, str]] = {}
    if previous is not None:
        last = {
            e: (p, c)
            for e, p, c in EvaluationResult.objects.filter(
                run=previous, enterprise_id__in=[r.enterprise_id for r in rows]
            ).values_list("enterprise_id", "park_position", "evaluation_class")
        }
    short = shortfalls([r.pk for r in rows])
    return [
        BottomRow(
            r,
            last.get(r.enterprise_id, (None, None))[0],
            last.get(r.enterprise_id, (None, None))[1],
            short.get(r.pk),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Comparison:
    previous: EvaluationRun | None
    classes: list[str]
    matrix: list[tuple[str, list[int]]]  # (last year's class, counts by this year's class)
    up: list[tuple[EvaluationResult, str, str]]
    down: list[tuple[EvaluationResult, str, str]]


def compare(*, user: AnyUser, run: EvaluationRun, movers: int = 10) -> Comparison:
    """The class migration matrix against last year's run, and the biggest movers.

    The matrix is one GROUP BY over this year's results joined to last year's, and the movers
    are two ordered, limited queries: at district scale the page loaded 270,000 objects here."""
    classes = [c.value for c in EvaluationClass]
    previous = previous_run(run)
    if previous is None:
        return Comparison(None, classes, [], [], [])
    return per_run(
        f"compare-{movers}", user, (run, previous), lambda: _compare(user, run, previous, movers)
    )


def _compare(user: AnyUser, run: EvaluationRun, previous: EvaluationRun, movers: int) -> Comparison:
    classes = [c.value for c in EvaluationClass]
    order = {c: n for n, c in enumerate(classes)}
    paired = (
        results_visible(user=user, run=run)
        .annotate(
            last=FilteredRelation(
                "enterprise__evaluation_results",
                condition=Q(enterprise__evaluation_results__run=previous),
            )
        )
        .filter(last__isnull=False)
        .annotate(old_class=F("last__evaluation_class"))
    )
    matrix = {c: [0] * len(classes) for c in classes}
    counts = (
        paired.order_by()
        .values_list("old_class", "evaluation_class")
        .annotate(n=Count("pk"))
        .values_list("old_class", "evaluation_class", "n")
    )
    for old, new, n in counts:
        matrix[old][order[new]] += n
    rank = Case(*[When(evaluation_class=c, then=Value(n)) for c, n in order.items()])
    old_rank = Case(*[When(old_class=c, then=Value(n)) for c, n in order.items()])
    moved = paired.filter(old_class__in=list("ABCD"), evaluation_class__in=list("ABCD")).annotate(
        step=ExpressionWrapper(old_rank - rank, output_field=IntegerField())
    )
    up_rows = moved.filter(step__gt=0).order_by("-step", "enterprise_id")[:movers]
    down_rows = moved.filter(step__lt=0).order_by("step", "-enterprise_id")[:movers]
    up: list[tuple[EvaluationResult, str, str]] = [
        (r, r.old_class, r.evaluation_class) for r in up_rows
    ]
    down: list[tuple[EvaluationResult, str, str]] = [
        (r, r.old_class, r.evaluation_class) for r in down_rows
    ]
    return Comparison(previous, classes, [(c, matrix[c]) for c in classes], up, down)
