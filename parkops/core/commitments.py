"""Commitments after signing (履约): what a signed project committed to, against its enterprise's
reported figures of each year once it is due. No Django.

A project is due from the year it reached full production (达产), or the year of its committed
full-production date once that date has passed, to the last closed year. Each figure of each due
year is compared in the units both are stored in (万元, 吨标准煤, 人); nothing is converted:

- output, tax, jobs: a commitment is a floor; below it is behind (未达承诺);
- energy: a commitment is a ceiling; above it is behind;
- a year with no reported figure is 待报送 (awaiting the report), never behind;
- the committed investment has no annual actual in the enterprise's figures: it is not compared.

Equal to the commitment is met. The percentage is actual ÷ committed × 100, to one decimal.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from parkops.core.thresholds import above, below, shown


class Figure(enum.StrEnum):
    OUTPUT = "output"
    TAX = "tax"
    ENERGY = "energy"
    JOBS = "jobs"


class Status(enum.StrEnum):
    MET = "met"
    BEHIND = "behind"
    PENDING = "pending"


# Energy is a ceiling; the others are floors.
CEILINGS = frozenset({Figure.ENERGY})


@dataclass(frozen=True)
class Check:
    year: int
    figure: Figure
    committed: Decimal
    actual: Decimal | None
    pct: Decimal | None  # actual ÷ committed × 100, one decimal; None when not reported
    status: Status


def due_years(*, full_on: date | None, reached_on: date | None, today: date) -> list[int]:
    """The closed years to compare: from the year of full production (reached, else the
    committed date once passed) to the year before `today`."""
    start = reached_on
    if start is None and full_on is not None and full_on <= today:
        start = full_on
    if start is None:
        return []
    return list(range(start.year, today.year))


def check(figure: Figure, year: int, committed: Decimal, actual: Decimal | None) -> Check:
    if actual is None:
        return Check(year, figure, committed, None, None, Status.PENDING)
    pct = shown(actual * 100 / committed, 1) if committed else None
    worse = above(actual, committed) if figure in CEILINGS else below(actual, committed)
    return Check(year, figure, committed, actual, pct, Status.BEHIND if worse else Status.MET)


def compare(
    committed: dict[Figure, Decimal | None],
    actuals: dict[int, dict[Figure, Decimal | None]],
    years: list[int],
) -> list[Check]:
    """Each committed figure (a blank or zero commitment is not compared) in each due year."""
    checks = []
    for year in years:
        reported = actuals.get(year, {})
        for figure in Figure:
            promised = committed.get(figure)
            if not promised:
                continue
            checks.append(check(figure, year, promised, reported.get(figure)))
    return checks
