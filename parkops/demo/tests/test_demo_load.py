import pytest

from parkops.demo.estates import PROFILES
from parkops.demo.services import demo_load
from parkops.plan.services import plan_load
from parkops.registry.models import Enterprise, EnterpriseYear
from parkops.registry.tests.latest import latest_years_wrong

pytestmark = pytest.mark.django_db


def test_demo_data_is_flagged_spread_and_idempotent() -> None:
    plan_load()
    created = demo_load(count=60)
    assert created["enterprises"] == 60
    assert Enterprise.objects.filter(is_demo=True).count() == 60
    assert EnterpriseYear.objects.filter(enterprise__is_demo=False).count() == 0
    assert set(EnterpriseYear.objects.values_list("source", flat=True)) == {"demo"}
    tenants = Enterprise.objects.filter(is_demo=True).exclude(small_park=None)
    parks = set(tenants.values_list("small_park__name", flat=True))
    assert parks == {p.name for p in PROFILES}
    assert not tenants.filter(small_park__is_demo=False).exists()
    assert latest_years_wrong() == {}  # the list's newest-year flag, bulk-written too
    years = EnterpriseYear.objects.count()
    assert demo_load(count=60) == {"enterprises": 0, "years": 0, "moved": 0, "estates": 0}
    assert EnterpriseYear.objects.count() == years
    assert Enterprise.objects.count() == 38 + 60


def test_demo_needs_the_plan_first() -> None:
    with pytest.raises(ValueError, match="load the plan first"):
        demo_load(count=5)
