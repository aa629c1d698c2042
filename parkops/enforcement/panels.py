"""The enforcement timeline on the enterprise page (registry), registered as a panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, panel_register
from parkops.enforcement.timeline import enterprise_timeline
from parkops.registry.models import Enterprise


def _timeline(request: HttpRequest, enterprise: Enterprise) -> dict[str, Any]:
    return {"items": enterprise_timeline(user=request.user, enterprise=enterprise)}


def panels_register() -> None:
    panel_register(
        Panel(
            model="registry.Enterprise",
            name="enforcement-timeline",
            template="enforcement/_timeline.html",
            title=_("执法与监管记录"),
            context=_timeline,
            permission="enforcement.view_inspection",
            order=30,
        )
    )
