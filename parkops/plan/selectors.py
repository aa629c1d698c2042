"""Reads of what the plan says, and where its lists disagree with each other."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from parkops.common.types import AnyUser
from parkops.plan.caojing import COMPARED_PLOT_FACTS
from parkops.plan.choices import FACT_LABELS
from parkops.plan.models import PlanMention
from parkops.registry.models import Enterprise, LandPlot
from parkops.registry.selectors import plots_visible_to


@dataclass(frozen=True)
class Conflict:
    fact: str
    # (value as the plan writes it, the list it comes from, row number)
    values: list[tuple[str, str, int]]


def mentions_of(subject: Enterprise | LandPlot) -> QuerySet[PlanMention]:
    if isinstance(subject, LandPlot):
        return PlanMention.objects.filter(plot=subject)
    return PlanMention.objects.filter(enterprise=subject)


def plot_conflicts(mentions: list[PlanMention]) -> list[Conflict]:
    """The facts on which the given mentions of one plot disagree, with every value shown."""
    conflicts = []
    for fact in COMPARED_PLOT_FACTS:
        stated = [
            (str(m.facts[fact]), m.get_source_display(), m.row) for m in mentions if fact in m.facts
        ]
        if len({value for value, _source, _row in stated}) > 1:
            conflicts.append(Conflict(fact=fact, values=stated))
    return conflicts


def plots_in_conflict(*, user: AnyUser) -> list[tuple[LandPlot, list[Conflict]]]:
    """The plots the user may see on which the plan's lists disagree."""
    mentions = (
        PlanMention.objects.filter(plot__in=plots_visible_to(user))
        .select_related("plot")
        .order_by("plot", "source")
    )
    by_plot: dict[LandPlot, list[PlanMention]] = {}
    for mention in mentions:
        assert mention.plot is not None
        by_plot.setdefault(mention.plot, []).append(mention)
    result = []
    for plot, plot_mentions in by_plot.items():
        conflicts = plot_conflicts(plot_mentions)
        if conflicts:
            result.append((plot, conflicts))
    return result


def fact_label(fact: str) -> str:
    return str(FACT_LABELS.get(fact, fact))
