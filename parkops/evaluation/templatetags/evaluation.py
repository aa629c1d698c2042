from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def score(value: Any, places: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:,.{places}f}"
