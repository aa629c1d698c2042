"""Reads of the evaluation. The two functions at the top are a contract other apps code against."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
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
    QuerySet,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from parkops.accounts.roles import sees_whole_park
from parkops.common.types import AnyUser
from parkops.core.evaluation.default import default_definition
from parkops.core.evaluation.summary import ScoreLine, Shortfall, largest_shortfall
from parkops.core.units import DEFAULT_FLOOR_M2_PER_MU
from parkops.evaluation.choices import EvaluationClass, RunStatus
from parkops.evaluation.filtersets import NO_POPULATION
from parkops.evaluation.models import (
    EvaluationResult,
    EvaluationRun,
    IndicatorResult,
    SchemeVersion,
    VetoEvent,
)
from parkops.evaluation.run_cache import per_run

# The registry read into the engine's input lives in selectors_input; its names are given here.
from parkops.evaluation.selectors_input import events_for as events_for
from parkops.evaluation.selectors_input import has_figures as has_figures
from parkops.evaluation.selectors_input import input_frame as input_frame
from parkops.evaluation.selectors_input import landlords as landlords
from parkops.registry.models import Enterprise
from parkops.registry.selectors import enterprises_visible_to


def published_run(*, year: int) -> EvaluationRun | None:
    """The current published run of the year (a republication supersedes the earlier one).

    Without its input snapshot (3.6 MB at district scale, 20–30 ms to fetch): the pages that ask
    read its year, scheme and counts; the what-if reads the snapshot of a run it fetches itself."""
    return (
        EvaluationRun.objects.filter(
            year=year, status=RunStatus.PUBLISHED, superseded_at__isnull=True
        )
        .defer("input_snapshot")
        .order_by("-published_at", "-pk")
        .first()
    )


def enterprise_classes(*, year: int) -> dict[int, EvaluationClass]:
    """Enterprise id -> class from the published run of `year`; {} when none is published."""
    run = published_run(year=year)
    if run is None:
        return {}
    rows = (
        EvaluationResult.objects.filter(run=run)
        .order_by()
        .values_list("enterprise_id", "evaluation_class")
    )
    return {enterprise_id: EvaluationClass(cls) for enterprise_id, cls in rows}


def _latest_published_run() -> EvaluationRun | None:
    """The latest published run, without its input snapshot (see published_run)."""
    return (
        EvaluationRun.objects.filter(status=RunStatus.PUBLISHED, superseded_at__isnull=True)
        .defer("input_snapshot")
        .order_by("-year", "-published_at", "-pk")
        .first()
    )


def latest_results() -> QuerySet[EvaluationResult]:
    """The results of the run latest_standing reads (none when no run is published), unordered,
    for a caller that narrows them in SQL (the visit due list asks which are D or bottom 30)."""
    run = _latest_published_run()
    if run is None:
        return EvaluationResult.objects.none()
    return EvaluationResult.objects.filter(run=run).order_by()


def latest_standing(
    *, enterprises: QuerySet[Enterprise] | None = None
) -> tuple[int | None, dict[int, tuple[EvaluationClass, int | None]]]:
    """The latest published run's year, and each enterprise's class and park position in it
    (position 1 is the lowest-ranked, as on the bottom-30 list); (None, {}) when none is published.
    `enterprises`: only theirs (one enterprise's page read all 100,000 results at district scale)."""
    run = _latest_published_run()
    if run is None:
        return None, {}
    # No ordering: the model's default one joined the runs to sort rows nobody reads in order.
    results = EvaluationResult.objects.filter(run=run).order_by()
    if enterprises is not None:
        results = results.filter(enterprise__in=enterprises.order_by().values("pk"))
    rows = results.values_list("enterprise_id", "evaluation_class", "park_position")
    return run.year, {e: (EvaluationClass(c), p) for e, c, p in rows}


def floor_m2_per_mu(*, year: int) -> Decimal:
    """The floor space counted as 1 亩 of a tenant's land in `year`: the published run's scheme's,
    else the default scheme's."""
    run = published_run(year=year)
    definition = run.scheme_version.definition if run is not None else default_definition()
    return Decimal(str(definition.get("floor_m2_per_mu") or DEFAULT_FLOOR_M2_PER_MU))


def incident_counts(*, year: int) -> dict[int, int]:
    """Enterprise id -> number of recorded veto events (not voided) that occurred in `year`."""
    rows = (
        VetoEvent.objects.filter(occurred_on__year=year, is_void=False)
        .values("enterprise_id")
        .annotate(n=Count("pk"))
        .values_list("enterprise_id", "n")
    )
    return dict(rows)


def veto_events_of(*, enterprise: Enterprise, year: int) -> list[VetoEvent]:
    """The veto events typed in for the enterprise in `year` (not voided)."""
    return list(
        VetoEvent.objects.filter(enterprise=enterprise, occurred_on__year=year, is_void=False)
    )


# --- runs and results, scoped to what the user may see -----------------------------------------


def sees_drafts(user: AnyUser) -> bool:
    """Only the park office (who runs and publishes evaluations) sees drafts; every other role
    sees published results only, superseded editions included."""
    return bool(user.has_perm("evaluation.change_evaluationrun"))  # type: ignore[union-attr]


def run_list(*, user: AnyUser | None = None) -> QuerySet[EvaluationRun]:
    """The runs `user` may see (all of them when no user is given: a job, a command)."""
    runs = EvaluationRun.objects.select_related(
        "scheme_version__scheme", "created_by", "superseded_by"
    ).defer("input_snapshot", "superseded_by__input_snapshot")
    if user is not None and not sees_drafts(user):
        runs = runs.filter(status=RunStatus.PUBLISHED)
    return runs


def run_get(*, pk: int, user: AnyUser | None = None) -> EvaluationRun:
    """The run if `user` may see it; Http404 otherwise (a draft, for all but the park office)."""
    return get_object_or_404(run_list(user=user), pk=pk)


def current_run(run: EvaluationRun, *, user: AnyUser) -> EvaluationRun | None:
    """The run of the same year and kind the user should read instead of a superseded one."""
    if not run.is_superseded:
        return None
    current = run.superseded_by
    if current is None or current.is_superseded:
        current = (
            run_list(user=user)
            .filter(year=run.year, status=run.status, superseded_at__isnull=True)
            .first()
        )
    return current


def previous_run(run: EvaluationRun) -> EvaluationRun | None:
    """The run to compare with: last year's current published run; a draft (seen only by the
    park office) falls back to last year's current draft, a published run never does."""
    found = published_run(year=run.year - 1)
    if found is None and not run.is_published:
        found = (
            run_list()
            .filter(year=run.year - 1, superseded_at__isnull=True)
            .order_by("-created_at", "-pk")
            .first()
        )
    return found


def results_visible(*, user: AnyUser, run: EvaluationRun) -> QuerySet[EvaluationResult]:
    qs = EvaluationResult.objects.filter(run=run)
    if not sees_whole_park(user):
        qs = qs.filter(enterprise__in=enterprises_visible_to(user))
    return qs.select_related("enterprise", "enterprise__small_park", "enterprise__road")


def run_populations(run: EvaluationRun) -> list[tuple[str, str]]:
    """The run's populations as (code, label), in its scheme's order."""
    populations = run.scheme_version.definition.get("populations") or []
    return [(str(p["code"]), str(p["label"])) for p in populations]


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


def enterprise_result(
    *, enterprise: Enterprise, user: AnyUser | None = None, run: EvaluationRun | None = None
) -> EvaluationResult | None:
    """The enterprise's result in `run`, or in the latest current published run; for the park
    office (or no user), else in the latest current draft."""
    # The result carries the enterprise's inputs: the run's whole snapshot stays unread.
    qs = (
        EvaluationResult.objects.filter(enterprise=enterprise)
        .select_related("run__scheme_version__scheme", "inherited_from")
        .defer("run__input_snapshot")
    )
    if run is not None:
        return qs.filter(run=run).first()
    current = qs.filter(run__superseded_at__isnull=True)
    published = current.filter(run__status=RunStatus.PUBLISHED).order_by(
        "-run__year", "-run__published_at"
    )
    found = published.first()
    if found is None and (user is None or sees_drafts(user)):
        found = current.order_by("-run__year", "-run__created_at").first()
    return found


def scheme_versions() -> QuerySet[SchemeVersion]:
    return SchemeVersion.objects.select_related("scheme", "created_by").annotate(
        run_count=Count("runs")
    )


def veto_events(*, user: AnyUser) -> QuerySet[VetoEvent]:
    return VetoEvent.objects.filter(enterprise__in=enterprises_visible_to(user)).select_related(
        "enterprise"
    )


def veto_event_get(*, user: AnyUser, pk: int) -> VetoEvent:
    """The event if the user may see its enterprise; Http404 otherwise."""
    return get_object_or_404(veto_events(user=user), pk=pk)
