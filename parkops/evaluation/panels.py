"""The evaluation card on the enterprise page (registry), registered as a panel."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from parkops.common.panels import Panel, panel_register
from parkops.evaluation.card import card_context
from parkops.registry.models import Enterprise


def _card(request: HttpRequest, enterprise: Enterprise) -> dict[str, Any]:
    return card_context(enterprise=enterprise, user=request.user)


def panels_register() -> None:
    panel_register(
        Panel(
            model="registry.Enterprise",
            name="evaluation-card",
            template="evaluation/_card.html",
            title=_("年度综合评价"),
            context=_card,
            permission="evaluation.view_evaluationresult",
            order=10,
        )
    )
