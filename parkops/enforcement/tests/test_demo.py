from __future__ import annotations

import pytest
from django.core.management import call_command

from parkops.enforcement.demo import enforcement_demo_load
from parkops.enforcement.models import Finding, Inspection
from parkops.evaluation import services as evaluation

pytestmark = pytest.mark.django_db


def test_the_demo_lands_on_demo_enterprises_only_once_and_one_finding_vetoes() -> None:
    call_command("load_plan", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # load_demo makes the inspections before it publishes the demo evaluation.
    call_command("load_demo", count=60, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert enforcement_demo_load() == 0
    assert Inspection.objects.count() == 6
    assert not Inspection.objects.filter(enterprise__is_demo=False).exists()
    major = Finding.objects.get(severity="3_major")
    run = evaluation.run_create(year=2025)
    result = run.results.get(enterprise=major.inspection.enterprise)
    assert "重大安全环保违法行为（执法检查认定），一票否决为 D 类" in result.veto_reasons
