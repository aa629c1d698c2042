from __future__ import annotations

from typing import Any

from django import template

from parkops.enforcement.timeline import enterprise_timeline

register = template.Library()


@register.inclusion_tag("enforcement/_timeline.html", takes_context=True)
def enforcement_timeline(context: template.Context) -> dict[str, Any]:
    """The enterprise page's enforcement timeline, for users who may read inspections."""
    request = context["request"]
    if not request.user.has_perm("enforcement.view_inspection"):
        return {"hidden": True}
    return {"items": enterprise_timeline(user=request.user, enterprise=context["enterprise"])}
