from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parkops.common.home import home_sections
from parkops.execution.selectors import behind_schedule
from parkops.plan.selectors import plots_in_conflict
from parkops.site.selectors import home_counts


def home(request: HttpRequest) -> HttpResponse:
    """The overview a signed-in user lands on: what the platform holds, within the user's scope."""
    user = request.user
    context = {
        **home_counts(user),
        "conflicts": plots_in_conflict(user=user) if user.has_perm("plan.view_planmention") else [],
        "behind": (
            behind_schedule(user=user) if user.has_perm("execution.view_keyproject") else None
        ),
        # Each role's own work (a road chief's visits due …), registered by the apps.
        "home_sections": home_sections(request),
    }
    return render(request, "site/home.html", context)
