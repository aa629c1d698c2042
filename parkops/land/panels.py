"""The plot's land record on its registry page: its disposal actions and the way to the record."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, panel_register
from parkops.land.selectors import actions_visible_to
from parkops.registry.models import LandPlot


def _land(request: HttpRequest, plot: LandPlot) -> dict[str, Any]:
    actions = actions_visible_to(request.user).filter(plot=plot).order_by("planned_year", "pk")
    return {"plot": plot, "actions": list(actions)}


def panels_register() -> None:
    # The land page asks the same permission and scopes by the same selector as the registry
    # page, so whoever sees the panel may follow its link.
    panel_register(
        Panel(
            model="registry.LandPlot",
            name="land",
            template="land/_plot_panel.html",
            title=_("土地利用与处置"),
            context=_land,
            permission="land.view_landaction",
            order=10,
        )
    )
