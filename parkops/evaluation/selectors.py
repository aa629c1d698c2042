"""Reads of the evaluation. The two functions at the top are a contract other apps code against."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    Count,
    QuerySet,
)
from django.shortcuts import get_object_or_404

from parkops.accounts.roles import sees_whole_park
from parkops.common.types import AnyUser
from parkops.core.evaluation.default import default_definition
from parkops.core.units import DEFAULT_FLOOR_M2_PER_MU
from parkops.evaluation.choices import EvaluationClass, RunStatus
from parkops.evaluation.models import (
    EvaluationResult,
    EvaluationRun,
    SchemeVersion,
    VetoEvent,
)

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
