from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from parkops.accounts.roles import Role, roles_of
from parkops.common.home import home_sections
from parkops.execution.selectors import BehindSchedule, behind_schedule
from parkops.indicators.frames import table_reads_shared
from parkops.plan.selectors import plots_in_conflict
from parkops.site.cockpit import cockpit, sees_cockpit
from parkops.site.selectors import home_counts


def _overview(request: HttpRequest, behind: BehindSchedule | None = None) -> dict[str, Any]:
    """What the platform holds and what is to do, within the user's scope (`behind`: the
    behind-schedule panel when the caller has read it already)."""
    user = request.user
    if behind is None and user.has_perm("execution.view_keyproject"):
        behind = behind_schedule(user=user)
    return {
        **home_counts(user),
        "conflicts": plots_in_conflict(user=user) if user.has_perm("plan.view_planmention") else [],
        "behind": behind,
        # Each role's own work (a road chief's visits due …), registered by the apps.
        "home_sections": home_sections(request),
    }


def home(request: HttpRequest) -> HttpResponse:
    """The page a signed-in user lands on: the cockpit for the town leader; the cockpit and its
    to-do for the park office; every other role's own work and what it may see."""
    user = request.user
    with table_reads_shared():  # the cockpit's fingerprints and the counts below read once
        if not sees_cockpit(user):
            return render(request, "site/home.html", _overview(request))
        board = cockpit(user)
        if Role.PARK_OFFICE in roles_of(user):
            # The to-do's behind-schedule panel is the read the cockpit's figures came from.
            context = {**board, **_overview(request, board["behind"])}
            return render(request, "site/home.html", context)
        context = {**board, "home_sections": home_sections(request)}
        return render(request, "site/cockpit.html", context)
