from __future__ import annotations

from typing import Any

from django import template

register = template.Library()

CLASS_COLOURS = {"A": "success", "B": "primary", "C": "warning", "D": "danger"}


@register.filter
def class_colour(value: str) -> str:
    return CLASS_COLOURS.get(value, "secondary")


@register.filter
def score(value: Any, places: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:,.{places}f}"
