"""Loading 附件 3, the conflicts between lists, the three batches and resettlement."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from parkops.land.choices import Batch, LandActionKind, LandActionMethod, LandActionStatus
from parkops.land.models import LandAction
from parkops.land.selectors import action_conflicts, batch_conflicts, conflicts_of
from parkops.land.services import (
    batch_assign,
    land_action_update,
    land_plan_load,
    resettlement_save,
)
from parkops.plan import caojing
from parkops.plan.choices import PlanSource
from parkops.plan.services import plan_load
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded() -> None:
    plan_load()
    land_plan_load()


def test_it_loads_annex_3s_three_lists_exactly(loaded: None) -> None:
    rows = [
        (a.kind, a.plan_row, a.name, str(a.area_mu), a.planned_year, a.method)
        for a in LandAction.objects.order_by("plan_source", "plan_row")
    ]
    assert rows == [
        ("revitalise", 1, caojing.GUDAO_PLOT, "30.62", 2025, LandActionMethod.ACQUISITION),
        ("revitalise", 2, caojing.PULIZI_PLOT, "43.74", 2025, LandActionMethod.CO_DEVELOPMENT),
        ("revitalise", 3, caojing.KUNLEI, "27.81", 2026, LandActionMethod.CO_DEVELOPMENT),
        ("upgrade", 1, "上海长宁橡胶制品厂有限公司", "76.07", 2024, LandActionMethod.TAX_PER_MU),
        ("upgrade", 2, "上海永胜光磊贵金属有限公司", "17.96", 2025, LandActionMethod.TAX_PER_MU),
        ("upgrade", 3, caojing.GUDAO_PLOT, "30.59", 2026, LandActionMethod.TAX_PER_MU),
        ("vacate", 1, caojing.OUFENG, "80.00", 2024, LandActionMethod.QUALITY_PROJECT),
        ("vacate", 2, "上海佳美漂染有限公司", "4.91", 2025, LandActionMethod.VACATE),
        ("vacate", 3, "上海革信门业有限公司", "6.86", 2025, LandActionMethod.VACATE),
        ("vacate", 4, caojing.PULIZI, "43.74", 2026, LandActionMethod.VACATE),
    ]
    oufeng = LandAction.objects.get(plan_source=PlanSource.ANNEX_3_VACATE, plan_row=1)
    assert oufeng.follow_up_use == "优质项目导入"
    assert oufeng.address == "平业路 189 号 8 幢"


def test_loading_again_never_overwrites_an_edited_record(loaded: None) -> None:
    action = LandAction.objects.get(plan_source=PlanSource.ANNEX_3_VACATE, plan_row=2)
    land_action_update(
        action=action,
        data={"status": LandActionStatus.COMPLETED, "completed_on": date(2025, 4, 1)},
        reason="已完成腾退",
    )
    assert land_plan_load() == 0
    action.refresh_from_db()
    assert action.status == LandActionStatus.COMPLETED
    assert LandAction.objects.count() == 10
    assert action.history.first().history_change_reason == "已完成腾退"


def test_both_of_the_plans_own_conflicts_are_found(loaded: None) -> None:
    found = {(c.subject, c.fact, tuple(v for v, _a in c.values)) for c in action_conflicts()}
    assert found == {
        (caojing.GUDAO_PLOT, "占地面积（亩）", ("30.62", "30.59")),
        (caojing.GUDAO_PLOT, "计划时间（年）", ("2025", "2026")),
        (caojing.PULIZI_PLOT, "计划时间（年）", ("2025", "2026")),
    }
    pulizi_vacate = LandAction.objects.get(plan_source=PlanSource.ANNEX_3_VACATE, plan_row=4)
    assert [c.fact for c in conflicts_of(pulizi_vacate)] == ["计划时间（年）"]


def test_an_edit_that_agrees_removes_the_conflict_and_a_cancelled_action_is_left_out(
    loaded: None,
) -> None:
    upgrade = LandAction.objects.get(plan_source=PlanSource.ANNEX_3_UPGRADE, plan_row=3)
    land_action_update(action=upgrade, data={"status": LandActionStatus.CANCELLED}, reason="取消")
    assert {c.subject for c in action_conflicts()} == {caojing.PULIZI_PLOT}


def test_completion_needs_a_date_with_a_clear_message(loaded: None) -> None:
    action = LandAction.objects.filter(kind=LandActionKind.VACATE).first()
    assert action is not None
    with pytest.raises(ValidationError) as error:
        land_action_update(action=action, data={"status": LandActionStatus.COMPLETED}, reason="")
    assert "状态为“已完成”时须填写完成日期，其他状态不填完成日期" in str(error.value)


def test_an_enterprise_in_two_batches_at_once_is_a_conflict() -> None:
    enterprise = EnterpriseFactory()
    close = batch_assign(
        data={
            "enterprise": enterprise,
            "batch": Batch.CLOSE,
            "reason": "环保不达标",
            "decided_on": date(2025, 3, 1),
        }
    )
    assert batch_conflicts() == []
    batch_assign(
        data={
            "enterprise": enterprise,
            "batch": Batch.SUPPORT,
            "reason": "前景良好",
            "decided_on": date(2025, 5, 1),
        }
    )
    [conflict] = batch_conflicts()
    assert [v for v, _a in conflict.values] == ["关停一批", "扶持一批"]
    assert conflicts_of(close) == [conflict]


def test_a_closure_tracks_its_workers_resettlement() -> None:
    enterprise = EnterpriseFactory()
    close = batch_assign(
        data={
            "enterprise": enterprise,
            "batch": Batch.CLOSE,
            "reason": "尾部企业",
            "decided_on": date(2025, 3, 1),
        }
    )
    record = resettlement_save(
        assignment=close,
        data={"workers_affected": 40, "workers_resettled": 25, "methods": "园区企业吸纳"},
    )
    assert (record.workers_affected, record.workers_resettled) == (40, 25)
    with pytest.raises(ValidationError) as error:
        resettlement_save(assignment=close, data={"workers_resettled": 41})
    assert "已安置人数不能多于涉及职工人数" in str(error.value)
    support = batch_assign(
        data={
            "enterprise": EnterpriseFactory(),
            "batch": Batch.SUPPORT,
            "reason": "扶持",
            "decided_on": date(2025, 3, 1),
        }
    )
    with pytest.raises(ValidationError) as error:
        resettlement_save(assignment=support, data={"workers_affected": 3})
    assert "只有关停一批的企业需要记录职工分流安置" in str(error.value)
