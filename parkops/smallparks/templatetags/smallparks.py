from __future__ import annotations

from django import template

from parkops.smallparks.choices import LEVEL_BADGE, RatingLevel

register = template.Library()


@register.filter
def level_badge(level: str) -> str:
    """The Bootstrap badge class of a rating level."""
    return LEVEL_BADGE.get(RatingLevel(level), "text-bg-secondary") if level else ""
