"""Reads of the land app: completed land for the indicators, flags, conflicts, lists by role."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from parkops.land.choices import LandActionKind, LandActionStatus
from parkops.land.models import LandAction


@dataclass(frozen=True)
class CompletedLand:
    plot_id: int | None
    label: str
    area_mu: Decimal
    action_ids: tuple[int, ...]


def land_completed(*, year: int, kind: LandActionKind) -> list[CompletedLand]:
    """Land of this kind completed in this calendar year, for indicators 7 (腾退) and 8 (提升).

    Each plot counts once, in the year of its first completed action of the kind: a plot in two
    lists, or with two actions, gives one entry listing all its actions completed that year, and
    nothing in a later year. The area that counts is the plot's own recorded area (the registry's
    LandPlot.area_mu) when it is known; when it is blank (the plan's lists disagree, as for 古岛),
    the area written on the plot's first completed action. An action with no plot is one entry
    with its own area.
    """
    actions = (
        LandAction.objects.filter(
            kind=kind, status=LandActionStatus.COMPLETED, completed_on__isnull=False
        )
        .select_related("plot")
        .order_by("completed_on", "pk")
    )
    by_plot: dict[int, list[LandAction]] = {}
    result: list[CompletedLand] = []
    for action in actions:
        if action.plot_id is not None:
            by_plot.setdefault(action.plot_id, []).append(action)
        elif action.completed_on is not None and action.completed_on.year == year:
            result.append(CompletedLand(None, action.name, action.area_mu, (action.pk,)))
    for plot_id, plot_actions in by_plot.items():
        first = plot_actions[0]
        assert first.completed_on is not None
        assert first.plot is not None
        if first.completed_on.year != year:
            continue
        in_year = tuple(
            a.pk for a in plot_actions if a.completed_on is not None and a.completed_on.year == year
        )
        area = first.plot.area_mu if first.plot.area_mu is not None else first.area_mu
        result.append(CompletedLand(plot_id, first.plot.name, area, in_year))
    result.sort(key=lambda entry: (entry.plot_id is None, entry.label))
    return result
