"""The road chief's and grid officer's home section: his road or grid, his enterprises with the
last visit, the visits due, and their open requests with deadlines (registered in parkops.common.home)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from parkops.accounts.roles import Role, roles_of
from parkops.common.home import HomeSection, home_section_register
from parkops.registry.models import Grid, Road
from parkops.service.selectors import open_requests_flagged
from parkops.visits.choices import DueStatus
from parkops.visits.due_query import DueList, Filters

FIELD_ROLES = frozenset({Role.ROAD_CHIEF, Role.GRID_OFFICER})
SHOWN = 50


def field_home(request: HttpRequest) -> dict[str, Any] | None:
    """The section's context for a road chief or grid officer; None for everyone else."""
    user = request.user
    if not roles_of(user) & FIELD_ROLES:
        return None
    # The first rows and the counts by status from SQL (due_query): his road may hold thousands.
    rows = DueList(user=user, today=timezone.localdate(), filters=Filters(), expect=(0, SHOWN))
    requests, open_count = open_requests_flagged(user=user)
    counts = rows.counts
    return {
        "roads": list(Road.objects.filter(chiefs=user.pk)),
        "grids": list(Grid.objects.filter(officers=user.pk)),
        "rows": rows[:SHOWN],
        "total": len(rows),
        "overdue": counts[DueStatus.OVERDUE],
        "due": counts[DueStatus.DUE],
        # His enterprises' open requests (诉求), on the clock first, with their deadlines.
        "requests": requests,
        "open_requests": open_count,
    }


def register() -> None:
    home_section_register(
        HomeSection(
            key="visits.field", template="visits/_home_field.html", context=field_home, order=10
        )
    )
