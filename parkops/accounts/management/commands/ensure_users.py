from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from parkops.accounts.models import Department
from parkops.accounts.roles import Role
from parkops.accounts.services import user_assign_roles
from parkops.registry.models import Grid, Road, SmallPark

# One account per role for a first look at the platform. The road chief leads 平业路 and the
# small-park owner owns 矮柳, the department works in 经发办 and the grid officer keeps the demo
# grid 演示网格一, so that their narrowed views have something in them.
ACCOUNTS = (
    ("admin", Role.PARK_OFFICE, "园区办（管理员）"),
    ("leader", Role.TOWN_LEADER, "镇领导"),
    ("roadchief", Role.ROAD_CHIEF, "路长（平业路）"),
    ("parkowner", Role.SMALL_PARK_OWNER, "小园区业主（矮柳）"),
    ("department", Role.DEPARTMENT, "职能部门（经发办）"),
    ("gridofficer", Role.GRID_OFFICER, "网格员（演示网格一）"),
)


def initial_password() -> str:
    """One generated password for the first accounts, kept in var/ (never in git)."""
    path = Path(settings.VAR_DIR) / "initial-password"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(9))
    return path.read_text().strip()


class Command(BaseCommand):
    help = "Create one account per role if missing (password in var/initial-password); never resets one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--print-login", action="store_true", help="print how to log in")
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    @transaction.atomic
    def handle(self, *args: Any, print_login: bool, url: str, **options: Any) -> None:
        password = initial_password()
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
            for road in Road.objects.filter(name="平业路"):
                road.chiefs.add(chief)
        if not owner.small_parks_owned.exists():
            for park in SmallPark.objects.filter(name="矮柳"):
                park.owners.add(owner)
        department = User.objects.get(username="department")
        if not department.departments.exists():
            for dept in Department.objects.filter(code="econ"):
                dept.members.add(department)
        officer = User.objects.get(username="gridofficer")
        if not officer.grids_kept.exists():
            for grid in Grid.objects.filter(name="演示网格一"):
                grid.officers.add(officer)
        if print_login:
            self._print_login(url, password)

    def _print_login(self, url: str, password: str) -> None:
        admin_unchanged = User.objects.get(username="admin").check_password(password)
        lines = ["", "=" * 64, f"ParkOps is starting on {url}", ""]
        if admin_unchanged:
            lines.append(f"  Log in as  admin  with password  {password}")
            lines.append("  Other roles, same initial password:")
            lines += [f"    {name:<11} {label}" for name, _role, label in ACCOUNTS[1:]]
            lines.append(
                f"  (kept in {Path(settings.VAR_DIR) / 'initial-password'}; change it after logging in)"
            )
        else:
            lines.append("  Log in with the password you set (the initial one has been changed).")
        lines += ["=" * 64, ""]
        self.stdout.write("\n".join(lines))
