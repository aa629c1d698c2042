"""The small park's estate on its registry page: the latest rating and the way to the estate."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, panel_register
from parkops.registry.models import SmallPark
from parkops.smallparks.rating_selectors import rating_missing, ratings_of


def _estate(request: HttpRequest, small_park: SmallPark) -> dict[str, Any]:
    latest = ratings_of(small_park).first()
    missing = rating_missing(small_park) if latest is None else ""
    return {"small_park": small_park, "latest": latest, "missing": missing}


def panels_register() -> None:
    # The estate page asks the same permission and scopes by the same selector as the registry
    # page, so whoever sees the panel may follow its link.
    panel_register(
        Panel(
            model="registry.SmallPark",
            name="estate",
            template="smallparks/_estate_panel.html",
            title=_("厂房、租户与评定"),
            context=_estate,
            permission="smallparks.view_tenancy",
            order=10,
        )
    )
