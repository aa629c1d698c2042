"""Reversed matching on the small park's page: which open leads fit each of its vacant units."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkops.attraction.matches import vacancy_leads
from parkops.common.panels import Panel, panel_register
from parkops.registry.models import SmallPark
from parkops.smallparks.selectors import current_vacancies


def _fits(request: HttpRequest, small_park: SmallPark) -> dict[str, Any]:
    vacancies = current_vacancies(small_park, timezone.localdate()).select_related("building")
    return {"rows": vacancy_leads(user=request.user, vacancies=list(vacancies[:20]), top=3)}


def panels_register() -> None:
    panel_register(
        Panel(
            model="registry.SmallPark",
            name="attraction-fits",
            template="attraction/_fits_panel.html",
            title=_("适合这些空置厂房的招商线索"),
            context=_fits,
            permission="attraction.view_lead",
            order=40,
        )
    )
