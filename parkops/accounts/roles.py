"""The six roles of ParkOps, kept as Django groups named by their codes."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARK_OFFICE = "park_office", _("园区办")
    TOWN_LEADER = "town_leader", _("镇领导")
    ROAD_CHIEF = "road_chief", _("路长")
    SMALL_PARK_OWNER = "small_park_owner", _("小园区业主")
    DEPARTMENT = "department", _("职能部门")
    GRID_OFFICER = "grid_officer", _("网格员")


# Apps whose data the roles are given rights over; park office edits, the others read.
MANAGED_APPS = (
    "registry",
    "plan",
    "evaluation",
    "execution",
    "indicators",
    "land",
    "smallparks",
    "imports",
    "service",
    "visits",
    "enforcement",
    "attraction",
    "activities",
    "matching",
    "maps",
    "briefings",
)
# Managed apps whose records only the park office writes and only it and the town leader read:
# the park-wide briefings and the three-year review.
LEADERS_ONLY_APPS = ("briefings",)
LEADER_ROLES = frozenset({Role.TOWN_LEADER})
EDITING_ROLES = frozenset({Role.PARK_OFFICE})
# What the other roles may write besides reading (app_label.codename); which records they may use
# them on is the apps' selectors' business: road chiefs and grid officers log visits on their
# enterprises; departments park questions for the next visit and record their own inspections.
FIELD_RIGHTS: dict[Role, tuple[str, ...]] = {
    Role.ROAD_CHIEF: ("visits.add_visit", "visits.change_visit"),
    Role.GRID_OFFICER: ("visits.add_visit", "visits.change_visit"),
    # A small-park owner works its own park's leads and those offered to it (the selectors say
    # which); signing stays with the park office.
    Role.SMALL_PARK_OWNER: (
        "attraction.add_lead",
        "attraction.change_lead",
        "attraction.add_screening",
        "attraction.add_reviewopinion",
    ),
    Role.DEPARTMENT: (
        "attraction.add_reviewopinion",
        "visits.add_pendingquestion",
        "enforcement.add_inspection",
        "enforcement.change_inspection",
        "enforcement.add_finding",
        "enforcement.change_finding",
        "enforcement.add_findingphoto",
        "enforcement.add_penalty",
        "enforcement.add_accident",
        "enforcement.add_controlevent",
        # A department organises its own activities, records who came and what was raised.
        "activities.add_activity",
        "activities.change_activity",
        "activities.change_invitation",
    ),
}
# Roles that see every record; the others see only their road's, grid's or small park's.
PARK_WIDE_ROLES = frozenset({Role.PARK_OFFICE, Role.TOWN_LEADER, Role.DEPARTMENT})


def roles_of(user: AbstractBaseUser | AnonymousUser) -> frozenset[Role]:
    """The user's roles, cached on the user object for the rest of the request."""
    if not user.is_authenticated:
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, "_parkops_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)  # type: ignore[attr-defined]
        cached = frozenset(Role(name) for name in names if name in Role.values)
        user._parkops_roles = cached  # type: ignore[attr-defined]
    return cached


def sees_whole_park(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(getattr(user, "is_superuser", False)) or bool(roles_of(user) & PARK_WIDE_ROLES)
