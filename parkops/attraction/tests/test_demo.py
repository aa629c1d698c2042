"""Demo leads: every stage, marked 演示数据, landed ones on demo enterprises only; idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from parkops.attraction.choices import Stage
from parkops.attraction.models import Lead
from parkops.demo.services import demo_load
from parkops.plan.services import plan_load
from parkops.registry.models import SmallPark

pytestmark = pytest.mark.django_db


def test_demo_leads_cover_every_stage_on_demo_records_only() -> None:
    plan_load()
    demo_load(count=12)
    plan_park = SmallPark.objects.get(plan_sequence=1)
    demo_park = SmallPark.objects.filter(is_demo=True).order_by("pk").first()
    call_command("load_attraction_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    leads = Lead.objects.all()
    assert {lead.stage for lead in leads} == set(Stage.values)
    assert all(lead.is_demo for lead in leads)
    assert not leads.filter(owner_park=plan_park).exists()
    assert leads.filter(owner_park=demo_park).exists()
    landed = leads.exclude(enterprise=None)
    assert landed.count() == 4
    assert all(lead.enterprise.is_demo for lead in landed)
    full = leads.get(stage=Stage.FULL)
    assert full.key_project.milestones.filter(achieved_on__isnull=False).count() == 3
    call_command("load_attraction_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Lead.objects.count() == len(leads)
