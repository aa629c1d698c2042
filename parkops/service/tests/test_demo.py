"""The demo requests: on demo enterprises only, some closed with a rating, some overdue; a
second load writes nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from parkops.demo.services import demo_load
from parkops.plan.services import plan_load
from parkops.service.choices import RequestState
from parkops.service.clock import CLOCKED_STATES
from parkops.service.demo import service_demo_load
from parkops.service.models import RequestEvent, Satisfaction, ServiceRequest

pytestmark = pytest.mark.django_db


def test_a_year_of_demo_requests_loads_once() -> None:
    plan_load()
    demo_load(count=30)
    created = service_demo_load(per_month=6)
    assert created > 50
    requests = ServiceRequest.objects.all()
    assert requests.count() == created
    assert not requests.filter(enterprise__is_demo=False).exists()
    assert not requests.filter(is_demo=False).exists()
    assert requests.filter(state=RequestState.CLOSED).count() > created / 3
    assert Satisfaction.objects.count() >= requests.filter(state=RequestState.CLOSED).count()
    assert requests.filter(state__in=CLOCKED_STATES, due_at__lt=timezone.now()).exists()  # overdue
    events = RequestEvent.objects.count()
    assert service_demo_load(per_month=6) == 0
    assert ServiceRequest.objects.count() == created
    assert RequestEvent.objects.count() == events
