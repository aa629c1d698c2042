"""What the pages say about scores: the scale of a population's total score, and the indicator
that pulled an enterprise's score down most. Plain Python, read from a scheme or stored lines.

Scale. An indicator scored by ratio earns its weight at the benchmark (value ÷ benchmark ×
weight) and at most cap_multiple × weight when capped; one scored min–max earns at most its
weight (the population's best value). So a population's total is "Σ weights" for an enterprise
at every benchmark, and its maximum is Σ(weight × cap) over ratio indicators plus Σ weight over
min–max ones; with one ratio indicator uncapped there is no maximum.

Largest shortfall. An indicator's shortfall is the points it fell short of its weight:
max(0, weight − score), i.e. weight × (1 − value ÷ benchmark) for a ratio indicator below its
benchmark. The indicator that pulled the score down most is the one with the largest shortfall;
ties go to the indicator listed first in the scheme; none when no indicator falls short.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from parkops.core.evaluation.scheme import Population, Scheme, ScoringMode


@dataclass(frozen=True)
class PopulationScale:
    code: str
    label: str
    at_benchmark: float  # every indicator at its benchmark (min–max: the best value)
    maximum: float | None  # None: some ratio indicator is uncapped
    uncapped: tuple[str, ...]  # labels of the uncapped ratio indicators


def population_scale(population: Population) -> PopulationScale:
    at_benchmark = 0.0
    maximum = 0.0
    uncapped: list[str] = []
    for ind in population.indicators:
        at_benchmark += ind.weight
        if ind.mode == ScoringMode.MINMAX:
            maximum += ind.weight
        elif ind.cap_multiple is None:
            uncapped.append(ind.label)
        else:
            maximum += ind.weight * ind.cap_multiple
    return PopulationScale(
        code=population.code,
        label=population.label,
        at_benchmark=at_benchmark,
        maximum=None if uncapped else maximum,
        uncapped=tuple(uncapped),
    )


def scheme_scale(scheme: Scheme) -> list[PopulationScale]:
    return [population_scale(p) for p in scheme.populations]


@dataclass(frozen=True)
class ScoreLine:
    """One stored indicator score of an enterprise (as IndicatorResult keeps it)."""

    position: int
    code: str
    label: str
    weight: float
    score: float
    missing: bool = False


@dataclass(frozen=True)
class Shortfall:
    code: str
    label: str
    points: float  # weight − score, > 0
    missing: bool  # the value was missing; the points came from the scheme's missing-data rule


def largest_shortfall(lines: Iterable[ScoreLine]) -> Shortfall | None:
    best: Shortfall | None = None
    for line in sorted(lines, key=lambda line: line.position):
        points = line.weight - line.score
        if points > 1e-9 and (best is None or points > best.points + 1e-9):
            best = Shortfall(line.code, line.label, points, line.missing)
    return best
