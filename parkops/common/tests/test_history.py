"""History reads as people write: labels for choices, names for references, 是/否 for booleans."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from parkops.common.history import history_of
from parkops.common.versioning import record_save
from parkops.execution.choices import Milestone, ScheduleStatus
from parkops.execution.models import KeyProject, ProjectMilestone
from parkops.registry.choices import EnterpriseStatus
from parkops.registry.models import Road, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_an_enterprise_shows_its_status_by_label_and_its_road_by_name() -> None:
    pingye, yuegong = Road.objects.create(name="平业路"), Road.objects.create(name="月工路")
    e = EnterpriseFactory(road=pingye, status=EnterpriseStatus.OPERATING)
    e.status, e.road = EnterpriseStatus.CLOSED, yuegong
    record_save(e, reason="核对")
    [edit] = [row for row in history_of(e) if row.changes]
    assert sorted(edit.changes) == [("经营状态", "在营", "已关停"), ("道路", "平业路", "月工路")]
    assert edit.reason == "核对"


def test_a_milestone_shows_a_boolean_as_yes_or_no_and_a_blank_choice_as_a_dash() -> None:
    project = KeyProject.objects.create(enterprise=EnterpriseFactory(), name="新建厂房项目")
    milestone = ProjectMilestone.objects.create(
        project=project, kind=Milestone.PRODUCTION, target_date=date(2025, 3, 31)
    )
    milestone.achieved_undated, milestone.reported_status = True, ScheduleStatus.DONE
    record_save(milestone, reason="报告")
    [edit] = [row for row in history_of(milestone) if row.changes]
    assert sorted(edit.changes) == [
        ("已完成但日期未报", "否", "是"),
        ("报告的推进状态", "—", "完成"),
    ]


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
