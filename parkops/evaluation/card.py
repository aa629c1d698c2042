"""The evaluation card of an enterprise: explanation, radar against the benchmarks, what-if.

Reads only; the what-if re-runs the engine on the run's own input snapshot and stores nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl
from django.utils.translation import gettext

from parkops.common.records import recorded_events
from parkops.common.types import AnyUser
from parkops.core.evaluation import engine
from parkops.core.evaluation.explain import IndicatorLine, explain
from parkops.core.evaluation.explain import what_if as engine_what_if
from parkops.core.evaluation.scheme import Scheme as SchemeSpec
from parkops.evaluation import selectors
from parkops.evaluation.forms import WHATIF_FIELDS, WhatIfForm
from parkops.evaluation.models import EvaluationResult, EvaluationRun
from parkops.evaluation.services import snapshot_decode
from parkops.registry.choices import LandBasis
from parkops.registry.models import Enterprise


def _events(run: EvaluationRun) -> list[engine.Event]:
    return [engine.Event(**e) for e in run.events]


def card_context(*, enterprise: Enterprise, user: AnyUser) -> dict[str, Any]:
    """The card of the enterprise's latest result `user` may see (published, unless the user
    is the park office and only a draft exists)."""
    result = selectors.enterprise_result(enterprise=enterprise, user=user)
    if result is None:
        return {"result": None, "enterprise": enterprise}
    run = result.run
    spec = SchemeSpec.from_dict(run.scheme_version.definition)
    figures = dict(result.inputs)
    stored = list(result.indicators.all())
    lines = [
        IndicatorLine(
            code=i.code,
            label=i.label,
            unit=i.unit,
            weight=i.weight,
            value=i.value,
            benchmark=i.benchmark,
            score=i.score,
            missing=i.is_missing,
            capped=i.is_capped,
        )
        for i in stored
    ]
    explanation = None
    if result.population:
        explanation = explain(
            lines,
            scheme=spec,
            population_code=result.population,
            total=result.total_score,
            cls=result.evaluation_class,
            class_before_veto=result.class_before_veto,
            figures={**figures, "land_mu": result.land_mu},
            boundaries=run.boundaries.get(result.population, {}),
            translate=gettext,
        )
    radar = {
        "indicators": [
            {"name": i.label, "max": max(3.0, (i.value or 0) / i.benchmark if i.benchmark else 0)}
            for i in stored
        ],
        "enterprise": [
            round((i.value or 0) / i.benchmark, 3) if i.benchmark and i.value else 0 for i in stored
        ],
        "benchmark": [1.0 for _ in stored],
        "names": {"enterprise": gettext("本企业"), "benchmark": gettext("基准值")},
    }
    initial = {name: figures.get(name) for name, _label in WHATIF_FIELDS}
    # The records behind the vetoes: events typed in, and those read from other apps' records.
    typed = selectors.veto_events_of(enterprise=enterprise, year=run.year)
    recorded = recorded_events(run.year, enterprise_id=enterprise.pk) if result.veto_reasons else []
    return {
        "enterprise": enterprise,
        "result": result,
        "run": run,
        "indicators": stored,
        "explanation": explanation,
        "radar": radar,
        "what_if_form": WhatIfForm(initial=initial),
        "is_rented": figures.get("land_basis") == LandBasis.RENTED,
        "veto_typed": typed if result.veto_reasons else [],
        "veto_recorded": recorded,
    }


def what_if(
    *, run: EvaluationRun, enterprise: Enterprise, figures: Mapping[str, float | None]
) -> dict[str, Any]:
    spec = SchemeSpec.from_dict(run.scheme_version.definition)
    frame = snapshot_decode(run)
    if not frame.filter(pl.col("enterprise_id") == enterprise.pk).height:
        return {"missing": True}
    outcome = engine_what_if(
        frame,
        spec,
        enterprise_id=enterprise.pk,
        changes=dict(figures),
        events=_events(run),
        previous_averages=run.previous_averages,
    )
    current: EvaluationResult | None = run.results.filter(enterprise=enterprise).first()
    return {"outcome": outcome, "current": current}
