"""Demo leads: every stage, marked 演示数据, landed ones on demo enterprises only, commitments
(some behind) and incentive ledger entries on demo parks; idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone

from parkops.attraction.choices import Stage
from parkops.attraction.commitments import commitment_checks
from parkops.attraction.models import Commitment, IncentiveEntry, Lead
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
    # Commitments on the signed leads, some behind what their enterprise reported.
    assert Commitment.objects.filter(lead__stage=Stage.SIGNED).count() == 1
    assert Commitment.objects.exclude(lead__enterprise=None).count() == 4
    checks = commitment_checks(Lead.objects.exclude(commitment=None), today=timezone.localdate())
    behind = {row.lead.company_name for row in checks if row.status.value == "behind"}
    assert behind == {"演示己医疗器械有限公司", "演示辛包装材料有限公司"}
    # The landed joint-scheme leads earn their demo parks ledger entries; 辛 is not joint.
    entries = IncentiveEntry.objects.all()
    assert {e.lead.company_name for e in entries} == {
        "演示己医疗器械有限公司", "演示庚化妆品有限公司", "演示壬机器人有限公司"
    }  # fmt: skip
    assert all(e.small_park.is_demo for e in entries)
    assert entries.filter(kind="landed").count() == 3
    assert entries.filter(kind="tax").exists()
    counts = (Commitment.objects.count(), entries.count())
    call_command("load_attraction_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Lead.objects.count() == len(leads)
    assert (Commitment.objects.count(), IncentiveEntry.objects.count()) == counts
