"""The enterprise's requests on the enterprise page (registry), registered as a panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, panel_register
from parkops.registry.models import Enterprise
from parkops.service.selectors import enterprise_requests

SHOWN = 20


def _requests(request: HttpRequest, enterprise: Enterprise) -> dict[str, Any]:
    rows = enterprise_requests(user=request.user, enterprise_id=enterprise.pk, limit=SHOWN)
    return {"rows": rows, "shown": SHOWN}


def panels_register() -> None:
    panel_register(
        Panel(
            model="registry.Enterprise",
            name="service-requests",
            template="service/_enterprise_requests.html",
            title=_("企业诉求"),
            context=_requests,
            permission="service.view_servicerequest",
            order=40,
        )
    )
