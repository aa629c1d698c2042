"""The plan's sections on the registry's record pages: what the plan says of the enterprise or
the plot, and where its lists disagree about a plot."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, PanelSlot, panel_register
from parkops.plan.selectors import fact_label, mentions_of, plot_conflicts
from parkops.registry.models import Enterprise, LandPlot


def _mentions(request: HttpRequest, subject: Enterprise | LandPlot) -> dict[str, Any]:
    return {"mentions": list(mentions_of(subject))}


def _conflicts(request: HttpRequest, plot: LandPlot) -> dict[str, Any]:
    conflicts = plot_conflicts(list(mentions_of(plot)))
    return {"conflicts": [(fact_label(c.fact), c.values) for c in conflicts]}


def panels_register() -> None:
    # Shown to whoever sees the record: the plan is public text.
    for model in ("registry.Enterprise", "registry.LandPlot"):
        panel_register(
            Panel(
                model=model,
                name="plan-mentions",
                template="plan/_mentions.html",
                title=_("《行动方案》中的记载"),
                context=_mentions,
                order=50,
            )
        )
    panel_register(
        Panel(
            model="registry.LandPlot",
            name="plan-conflicts",
            template="plan/_plot_conflicts.html",
            title=_("《行动方案》各清单对此地块的记载不一致，系统不自动取舍："),
            context=_conflicts,
            slot=PanelSlot.TOP,
        )
    )
