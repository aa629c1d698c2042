from __future__ import annotations

from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parkops.common.home import home_sections
from parkops.execution.selectors import behind_schedule
from parkops.plan.selectors import plots_in_conflict
from parkops.registry.models import EnterpriseYear
from parkops.registry.selectors import (
    enterprises_visible_to,
    plots_visible_to,
    smallparks_visible_to,
)


def home(request: HttpRequest) -> HttpResponse:
    """The overview a signed-in user lands on: what the platform holds, within the user's scope."""
    enterprises = enterprises_visible_to(request.user).aggregate(
        total=Count("pk"), demo=Count("pk", filter=Q(is_demo=True))
    )
    years = EnterpriseYear.objects.filter(
        enterprise__in=enterprises_visible_to(request.user)
    ).aggregate(first=Min("year"), last=Max("year"), rows=Count("pk"))
    context = {
        "enterprises": enterprises,
        "plan_enterprises": enterprises["total"] - enterprises["demo"],
        "small_park_count": smallparks_visible_to(request.user).count(),
        "plot_count": plots_visible_to(request.user).count(),
        "years": years,
        "conflicts": plots_in_conflict(user=request.user)
        if request.user.has_perm("plan.view_planmention")
        else [],
        "behind": (
            behind_schedule(user=request.user)
            if request.user.has_perm("execution.view_keyproject")
            else None
        ),
        # Each role's own work (a road chief's visits due …), registered by the apps.
        "home_sections": home_sections(request),
    }
    return render(request, "web/home.html", context)
