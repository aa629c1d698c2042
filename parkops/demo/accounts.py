"""The demo accounts: one per role for a first look at the platform.

The road chief leads 平业路, the small-park owner owns the demo small park 演示1号园区 (never one of
the plan's 20), the department works in 经发办 and the grid officer keeps the demo grid 演示网格一,
so that their narrowed views have something in them. Accounts are only created when missing; a
password is never reset. An owner account still on the plan's 矮柳 (as earlier versions wired it)
moves to the demo park."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction

from parkops.accounts.models import Department
from parkops.accounts.roles import Role
from parkops.accounts.services import user_assign_roles
from parkops.common.versioning import record_reason
from parkops.demo import estates
from parkops.registry.models import Grid, Road, SmallPark

ACCOUNTS = (
    ("admin", Role.PARK_OFFICE, "园区办（管理员）"),
    ("leader", Role.TOWN_LEADER, "镇领导"),
    ("roadchief", Role.ROAD_CHIEF, "路长（平业路）"),
    ("parkowner", Role.SMALL_PARK_OWNER, "小园区业主（演示1号园区）"),
    ("department", Role.DEPARTMENT, "职能部门（经发办）"),
    ("gridofficer", Role.GRID_OFFICER, "网格员（演示网格一）"),
)
CHIEF_ROAD = "平业路"
OWNER_PARK = estates.OWNER_PARK
EARLIER_OWNER_PARK = "矮柳"
DEPARTMENT_CODE = "econ"
OFFICER_GRID = "演示网格一"


def initial_password_path() -> Path:
    return Path(settings.VAR_DIR) / "initial-password"


def initial_password() -> str:
    """One generated password for the first accounts, kept in var/ (never in git)."""
    path = initial_password_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(9))
    return path.read_text().strip()


@transaction.atomic
def demo_users_ensure(*, password: str) -> None:
    """Create the missing demo accounts with `password`; wire the road chief and the owner."""
    for username, role, _label in ACCOUNTS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(password)
            user.is_superuser = username == "admin"
            user.save()
            user_assign_roles(user=user, roles={role})
    chief = User.objects.get(username="roadchief")
    owner = User.objects.get(username="parkowner")
    # Added from the road's and the park's side, so that their history records the change.
    if not chief.roads_led.exists():
        for road in Road.objects.filter(name=CHIEF_ROAD):
            road.chiefs.add(chief)
    owned = set(owner.small_parks_owned.values_list("name", flat=True))
    if owned <= {EARLIER_OWNER_PARK}:
        for park in SmallPark.objects.filter(name=OWNER_PARK, is_demo=True):
            for earlier in owner.small_parks_owned.filter(name=EARLIER_OWNER_PARK, is_demo=False):
                record_reason(earlier, "演示业主账号改为演示小园区的业主")
                earlier.owners.remove(owner)
            record_reason(park, "演示业主账号")
            park.owners.add(owner)
    department = User.objects.get(username="department")
    if not department.departments.exists():
        for dept in Department.objects.filter(code=DEPARTMENT_CODE):
            dept.members.add(department)
    officer = User.objects.get(username="gridofficer")
    if not officer.grids_kept.exists():
        for grid in Grid.objects.filter(name=OFFICER_GRID):
            grid.officers.add(officer)
