from __future__ import annotations

from typing import Any

from django import template

from parkops.evaluation.card import card_context

register = template.Library()


@register.inclusion_tag("evaluation/_card.html", takes_context=True)
def evaluation_card(context: template.Context) -> dict[str, Any]:
    """The enterprise page's evaluation card, for users who may read evaluation results."""
    request = context["request"]
    enterprise = context["enterprise"]
    if not request.user.has_perm("evaluation.view_evaluationresult"):
        return {"hidden": True}
    return {
        **card_context(enterprise=enterprise),
        "request": request,
        "perms": context.get("perms"),
    }


@register.filter
def score(value: Any, places: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:,.{places}f}"
