"""The registry's lists export their filtered rows through this app: an action on each list."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, PanelSlot, panel_register

# list (model) -> (its export's URL name, the permission the export asks)
EXPORTS = {
    "registry.Enterprise": ("imports:export_enterprises", "registry.view_enterprise"),
    "registry.SmallPark": ("imports:export_small_parks", "registry.view_smallpark"),
    "registry.LandPlot": ("imports:export_plots", "registry.view_landplot"),
}


def _export(url_name: str) -> Any:
    def context(request: HttpRequest, _obj: None) -> dict[str, Any]:
        return {"url_name": url_name}

    return context


def panels_register() -> None:
    for model, (url_name, permission) in EXPORTS.items():
        panel_register(
            Panel(
                model=model,
                name="export",
                template="imports/_export_action.html",
                title=_("导出 Excel"),
                context=_export(url_name),
                permission=permission,
                slot=PanelSlot.LIST_ACTIONS,
            )
        )
