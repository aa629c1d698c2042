"""The enterprise page's "参加的活动" section (registry), registered as a panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.activities.selectors import enterprise_activities
from parkops.common.panels import Panel, panel_register
from parkops.registry.models import Enterprise

SHOWN = 20


def _activities(request: HttpRequest, enterprise: Enterprise) -> dict[str, Any]:
    rows = enterprise_activities(user=request.user, enterprise_id=enterprise.pk, limit=SHOWN)
    return {"rows": rows, "shown": SHOWN}


def panels_register() -> None:
    panel_register(
        Panel(
            model="registry.Enterprise",
            name="activities-attended",
            template="activities/_enterprise_activities.html",
            title=_("参加的活动"),
            context=_activities,
            permission="activities.view_activity",
            order=45,
        )
    )
