from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User

from parkops.demo.services import demo_load
from parkops.plan.services import plan_load
from parkops.visits.choices import DueStatus
from parkops.visits.demo import visits_demo_load
from parkops.visits.due import due_rows
from parkops.visits.models import Visit

pytestmark = pytest.mark.django_db
TODAY = date(2025, 11, 30)


def test_a_year_of_demo_visits_idempotent_some_overdue_none_on_the_plans_firms(lena: User) -> None:
    plan_load()
    demo_load(count=40)
    first = visits_demo_load(today=TODAY)
    assert first["visits"] > 40
    assert first["policies"] == 1
    assert visits_demo_load(today=TODAY) == {"visits": 0, "policies": 0}
    assert Visit.objects.count() == first["visits"]
    assert not Visit.objects.filter(enterprise__is_demo=False).exists()
    assert not Visit.objects.filter(is_demo=False).exists()
    days = Visit.objects.values_list("visited_on", flat=True)
    assert min(days) >= TODAY - timedelta(days=365)
    assert max(days) <= TODAY
    statuses = {r.status for r in due_rows(user=lena, today=TODAY) if r.is_demo}
    assert DueStatus.OVERDUE in statuses
    assert DueStatus.OK in statuses
