"""`make run`'s load on an empty database shows the whole job on demo data, and loading again
changes nothing."""

from __future__ import annotations

from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Max
from django.test import Client, override_settings
from django.urls import reverse

from parkops.briefings.models import Briefing
from parkops.briefings.services import current_quarter
from parkops.demo.accounts import demo_users_ensure
from parkops.demo.estates import OWNER_PARK, PROFILES
from parkops.demo.services import demo_load
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import EvaluationResult, EvaluationRun
from parkops.evaluation.run_figures import bottom
from parkops.plan import caojing
from parkops.plan.services import plan_load
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, SmallPark
from parkops.smallparks.models import Building, SmallParkRating, Tenancy, VacantSpace
from parkops.smallparks.rating_selectors import rating_gaps

pytestmark = pytest.mark.django_db
COUNT = 60  # `make run` loads 300; the same code, fewer rows
PLAN_MISSING = "缺：占地面积、厂房面积、企业年度数据"


def _load(var: Path) -> None:
    with override_settings(VAR_DIR=var):
        call_command("load_plan", stdout=StringIO())
        call_command("load_demo", "--count", str(COUNT), stdout=StringIO())
        call_command("load_enforcement_demo", stdout=StringIO())
        call_command("ensure_users", stdout=StringIO())
        call_command("load_briefing_demo", stdout=StringIO())


def _state() -> dict[str, tuple[int, datetime | None]]:
    """Every parkops model (history included): its row count and latest updated_at."""
    state = {}
    for model in apps.get_models():
        if not model.__module__.startswith("parkops."):
            continue
        fields = {f.name for f in model._meta.concrete_fields}
        latest = (
            model.objects.aggregate(m=Max("updated_at"))["m"] if "updated_at" in fields else None
        )
        state[model._meta.label] = (model.objects.count(), latest)
    return state


def test_a_fresh_install_shows_every_capability_on_demo_data_only(
    tmp_path: Path, client: Client
) -> None:
    _load(tmp_path)
    runs = EvaluationRun.objects.order_by("year")
    assert [(r.year, r.status) for r in runs] == [
        (2024, RunStatus.PUBLISHED),
        (2025, RunStatus.PUBLISHED),
    ]
    admin = User.objects.get(username="admin")
    assert len(bottom(user=admin, run=runs[1])) == 30

    # The enforcement demo's 重大 finding vetoes its enterprise in 2025, and its card says so.
    vetoed = EvaluationResult.objects.filter(run=runs[1]).exclude(veto_reasons=[]).get()
    assert vetoed.evaluation_class == "D"
    assert vetoed.veto_reasons == ["重大安全环保违法行为（执法检查认定），一票否决为 D 类"]
    client.force_login(admin)
    card = client.get(reverse("registry:enterprise_detail", args=[vetoed.enterprise_id]))
    assert "重大安全环保违法行为（执法检查认定），一票否决为 D 类" in card.content.decode()

    # All three levels, on demo parks only, both years.
    demo_parks = SmallPark.objects.filter(is_demo=True)
    assert sorted(demo_parks.values_list("name", flat=True)) == sorted(p.name for p in PROFILES)
    for year in (2024, 2025):
        levels = set(SmallParkRating.objects.filter(year=year).values_list("level", flat=True))
        assert levels == {"good", "unbalanced", "inefficient"}
    assert not SmallParkRating.objects.filter(small_park__is_demo=False).exists()

    # The plan's 20 parks: only what the plan says, unrated, with the missing data named.
    plan_parks = list(SmallPark.objects.filter(is_demo=False))
    assert sorted(p.name for p in plan_parks) == sorted(caojing.SMALL_PARKS)
    assert not Enterprise.objects.filter(small_park__in=plan_parks).exists()
    for model in (Building, Tenancy, VacantSpace, LandPlot):
        assert not model.objects.filter(small_park__in=plan_parks).exists(), model
    assert all(p.land_mu is None and p.floor_area_m2 is None for p in plan_parks)
    gaps = rating_gaps(parks=plan_parks, year=2025)
    assert set(map(tuple, gaps.values())) == {("占地面积", "厂房面积", "企业年度数据")}
    ratings = client.get(reverse("smallparks:rating_list"), {"year": 2025}).content.decode()
    assert ratings.count(PLAN_MISSING) == 20
    page = client.get(reverse("registry:smallpark_detail", args=[plan_parks[0].pk]))
    assert PLAN_MISSING in page.content.decode()

    # No demo figure on a plan enterprise; every figure is the demo's.
    assert not EnterpriseYear.objects.filter(enterprise__is_demo=False).exists()
    assert set(EnterpriseYear.objects.values_list("source", flat=True)) == {"demo"}
    assert list(
        User.objects.get(username="parkowner").small_parks_owned.values_list("name", flat=True)
    ) == [OWNER_PARK]

    # The archive holds the current quarter's briefing, written by the park office's account.
    issue = Briefing.objects.get()
    quarter = current_quarter()
    assert (issue.year, issue.quarter, issue.number) == (quarter.year, quarter.number, 1)
    assert issue.created_by == admin

    before = _state()
    _load(tmp_path)
    assert _state() == before


def test_an_earlier_install_moves_its_demo_tenants_and_owner_off_the_plan_parks(
    tmp_path: Path,
) -> None:
    plan_load()
    demo_load(count=20)
    demo_users_ensure(password="x")
    first_plan_park = SmallPark.objects.get(name=caojing.SMALL_PARKS[0])
    # As earlier versions left it: demo tenants and the demo owner on the plan's 矮柳.
    tenants = Enterprise.objects.filter(is_demo=True, small_park__isnull=False)
    homes = dict(tenants.values_list("pk", "small_park_id"))
    assert len(homes) > 5
    tenants.update(small_park=first_plan_park)
    owner = User.objects.get(username="parkowner")
    SmallPark.objects.get(name=OWNER_PARK).owners.remove(owner)
    first_plan_park.owners.add(owner)

    assert demo_load(count=20)["moved"] == len(homes)
    demo_users_ensure(password="x")
    assert dict(tenants.values_list("pk", "small_park_id")) == homes
    assert not first_plan_park.tenants.exists()
    assert list(owner.small_parks_owned.values_list("name", flat=True)) == [OWNER_PARK]
    assert first_plan_park.history.filter(history_change_reason__contains="演示").exists()
