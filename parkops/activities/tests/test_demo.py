"""The demo activities: a year of them on demo enterprises only, marked 演示数据, with attendance
and requests raised; a second load writes nothing."""

from __future__ import annotations

import pytest

from parkops.activities.choices import ActivityStatus, Attendance
from parkops.activities.demo import activities_demo_load
from parkops.activities.models import Activity, Invitation
from parkops.demo.services import demo_load
from parkops.plan.services import plan_load
from parkops.service.choices import Channel
from parkops.service.models import ServiceRequest

pytestmark = pytest.mark.django_db


def test_a_year_of_demo_activities_loads_once() -> None:
    plan_load()
    demo_load(count=20)
    created = activities_demo_load()
    assert created == 26
    activities = Activity.objects.all()
    assert not activities.filter(is_demo=False).exists()
    assert all(a.title.startswith("【演示】") for a in activities)
    assert not Invitation.objects.filter(enterprise__is_demo=False).exists()
    held = activities.filter(status=ActivityStatus.HELD)
    assert held.count() >= 24
    assert Invitation.objects.filter(activity__in=held, attended=Attendance.UNKNOWN).count() == 0
    raised = ServiceRequest.objects.filter(activity__isnull=False)
    assert raised.count() >= 10
    assert set(raised.values_list("channel", "is_demo")) == {(Channel.ACTIVITY, True)}
    counts = (Activity.objects.count(), Invitation.objects.count(), ServiceRequest.objects.count())
    assert activities_demo_load() == 0
    assert (
        Activity.objects.count(),
        Invitation.objects.count(),
        ServiceRequest.objects.count(),
    ) == counts
