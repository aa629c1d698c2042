"""The policies an enterprise qualifies for, and why, on the enterprise page (registry),
registered as a panel (政策找企业 seen from the enterprise's side)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, panel_register
from parkops.registry.models import Enterprise
from parkops.visits.policies import policies_for


def _policies(request: HttpRequest, enterprise: Enterprise) -> dict[str, Any]:
    # The page has already checked that the viewer may see this enterprise; the facts read
    # are this enterprise's own.
    return {"policies": policies_for(enterprise=enterprise, today=timezone.localdate())}


def panels_register() -> None:
    panel_register(
        Panel(
            model="registry.Enterprise",
            name="visits-policies",
            template="visits/_enterprise_policies.html",
            title=_("符合条件的扶持政策"),
            context=_policies,
            permission="visits.view_policy",
            order=45,
        )
    )
