"""A department's home section: its inbox with deadlines, 超期 and 临期 first (registered in
parkops.common.home; the full inbox is /service/inbox/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from parkops.accounts.roles import Role, roles_of
from parkops.common.home import HomeSection, home_section_register
from parkops.service import selectors
from parkops.service.choices import EscalationLevel

SHOWN = 20


def department_home(request: HttpRequest) -> dict[str, Any] | None:
    """The section's context for a department's member; None for everyone else."""
    user = request.user
    if Role.DEPARTMENT not in roles_of(user):
        return None
    departments = list(selectors.departments_of(user))
    rows = selectors.inbox_by_urgency(user=user)
    return {
        "departments": departments,
        "rows": rows[:SHOWN],
        "total": len(rows),
        "overdue": sum(c.escalation in selectors.OVERDUE_LEVELS for c in rows),
        "warning": sum(c.escalation == EscalationLevel.WARNING for c in rows),
    }


def register() -> None:
    home_section_register(
        HomeSection(
            key="service.department",
            template="service/_home_department.html",
            context=department_home,
            order=10,
        )
    )
