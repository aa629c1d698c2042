"""Reads of the home page, each within the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Min, Q

from parkops.accounts.roles import sees_whole_park
from parkops.common.types import AnyUser
from parkops.registry.models import EnterpriseYear
from parkops.registry.selectors import (
    enterprises_visible_to,
    plots_visible_to,
    smallparks_visible_to,
)


def home_counts(user: AnyUser) -> dict[str, Any]:
    """What the platform holds that the user may see: enterprises (plan's and demo), small parks,
    plots, and the span of annual figures."""
    enterprises = enterprises_visible_to(user).aggregate(
        total=Count("pk"), demo=Count("pk", filter=Q(is_demo=True))
    )
    figures = EnterpriseYear.objects.order_by()
    if not sees_whole_park(user):
        # The whole park's figures are every row: filtering them by all 100,000 enterprises was
        # a join that read the enterprises for nothing.
        figures = figures.filter(enterprise__in=enterprises_visible_to(user))
    years = figures.aggregate(first=Min("year"), last=Max("year"), rows=Count("pk"))
    return {
        "enterprises": enterprises,
        "plan_enterprises": enterprises["total"] - enterprises["demo"],
        "small_park_count": smallparks_visible_to(user).count(),
        "plot_count": plots_visible_to(user).count(),
        "years": years,
    }
