from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import override_settings

from parkops.accounts.roles import Role, roles_of
from parkops.demo.estates import OWNER_PARK
from parkops.demo.services import demo_load
from parkops.plan.services import plan_load

pytestmark = pytest.mark.django_db


def test_it_creates_one_account_per_role_and_wires_the_road_chief_and_the_owner(
    tmp_path: Path,
) -> None:
    plan_load()
    demo_load(count=20)
    out = StringIO()
    with override_settings(VAR_DIR=tmp_path):
        call_command("ensure_users", "--print-login", "--url", "http://x/", stdout=out)
        password = (tmp_path / "initial-password").read_text().strip()
    roles = {u.username: roles_of(u) for u in User.objects.all()}
    assert roles == {
        "admin": {Role.PARK_OFFICE},
        "leader": {Role.TOWN_LEADER},
        "roadchief": {Role.ROAD_CHIEF},
        "parkowner": {Role.SMALL_PARK_OWNER},
        "department": {Role.DEPARTMENT},
        "gridofficer": {Role.GRID_OFFICER},
    }
    assert list(
        User.objects.get(username="roadchief").roads_led.values_list("name", flat=True)
    ) == ["平业路"]
    assert list(
        User.objects.get(username="parkowner").small_parks_owned.values_list("name", flat=True)
    ) == [OWNER_PARK]
    # 经发办 (code econ) is seeded by the accounts migration; the demo grid only by load_demo.
    assert list(
        User.objects.get(username="department").departments.values_list("code", flat=True)
    ) == ["econ"]
    assert f"Log in as  admin  with password  {password}" in out.getvalue()
    assert User.objects.get(username="leader").check_password(password)


def test_it_never_resets_a_password_or_rewires_a_chief(tmp_path: Path) -> None:
    plan_load()
    with override_settings(VAR_DIR=tmp_path):
        call_command("ensure_users", stdout=StringIO())
        admin = User.objects.get(username="admin")
        admin.set_password("changed-by-the-office")
        admin.save()
        out = StringIO()
        call_command("ensure_users", "--print-login", stdout=out)
    assert User.objects.get(username="admin").check_password("changed-by-the-office")
    assert "the initial one has been changed" in out.getvalue()
    assert User.objects.get(username="roadchief").roads_led.count() == 1
