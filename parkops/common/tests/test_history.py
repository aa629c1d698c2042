"""History reads as people write: labels for choices, names for references, 是/否 for booleans."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from parkops.common.history import history_of
from parkops.common.versioning import record_save
from parkops.registry.choices import EnterpriseStatus
from parkops.registry.models import Road, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_it_shows_a_choice_by_label_a_reference_by_name_and_a_boolean_as_yes_or_no() -> None:
    pingye, yuegong = Road.objects.create(name="平业路"), Road.objects.create(name="月工路")
    e = EnterpriseFactory(road=pingye, status=EnterpriseStatus.OPERATING, is_demo=False)
    e.status, e.road, e.is_demo = EnterpriseStatus.CLOSED, yuegong, True
    record_save(e, reason="核对")
    [edit] = [row for row in history_of(e) if row.changes]
    assert sorted(edit.changes) == sorted(
        [
            ("经营状态", str(EnterpriseStatus.OPERATING.label), str(EnterpriseStatus.CLOSED.label)),
            ("道路", "平业路", "月工路"),
            ("演示数据", "否", "是"),
        ]
    )
    assert edit.reason == "核对"


def test_a_many_to_many_change_shows_the_names_not_the_through_rows(alice: User) -> None:
    park = SmallPark.objects.create(name="矮柳", plan_sequence=1)
    owner = User.objects.create(username="ailiu-owner")
    park.owners.add(alice)
    park.owners.add(owner)
    [latest, *_] = [row for row in history_of(park) if row.changes]
    assert latest.changes == [("业主账号", "alice", "alice、ailiu-owner")]


def test_the_history_partial_shows_the_labels(alice: User) -> None:
    from django.template.loader import render_to_string

    e = EnterpriseFactory(status=EnterpriseStatus.OPERATING)
    e.status = EnterpriseStatus.CLOSED
    record_save(e, reason="关停")
    html = render_to_string("common/_history.html", {"history": history_of(e)})
    operating, closed = EnterpriseStatus.OPERATING.label, EnterpriseStatus.CLOSED.label
    assert f"经营状态：{operating} → {closed}" in html
    assert "operating" not in html
