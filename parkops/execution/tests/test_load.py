"""The plan's annexes 1, 2 and 4 loaded exactly as the plan writes them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation

from parkops.execution.choices import CultivationKind, Milestone, ScheduleStatus
from parkops.execution.models import CultivationEntry, InfraProject, KeyProject, ProgressReport
from parkops.execution.services import execution_plan_load
from parkops.plan.services import plan_load

pytestmark = pytest.mark.django_db

# Written out from 附件 2 of 漕府〔2024〕11号, independently of parkops/plan/caojing.py.
ABOVE_SCALE = [
    ("上海迪二电器成套有限公司", Decimal(2127), 2024),
    ("上海万拓实业有限公司", Decimal(2821), 2024),
    ("上海聚发汽车零部件有限公司", Decimal(3200), 2024),
    ("上海和捷机械设备制造有限公司", Decimal(2600), 2025),
    ("上海众菁包装材料有限公司", Decimal(3200), 2025),
    ("巢进化学（上海）有限公司", Decimal(2700), 2026),
    ("上海悦集特种车辆制造有限公司", Decimal(2500), 2026),
]
SRDI = [
    ("华威粘结材料（上海）股份有限公司", 2024), ("上海强华实业股份有限公司", 2024),
    ("有行鲨鱼（上海）科技股份有限公司", 2024), ("上海磐彩环保科技股份有限公司", 2024),
    ("上海吉虞实业有限公司", 2024), ("上海志力泵业制造有限公司", 2025),
    ("上海汇博精工电子科技有限公司", 2025), ("邦凯控股集团有限公司", 2025),
    ("垂欧教科设备（上海）有限公司", 2025), ("上海邦布科技集团有限公司", 2025),
    ("凯睿达粉体工程（上海）有限公司", 2026), ("米鲁流体科技（上海）有限公司", 2026),
    ("上海津力药业股份有限公司", 2026), ("上海容奥包装科技有限公司", 2026),
    ("上海群力紧固件制造有限公司", 2026),
]  # fmt: skip
TECH = [
    ("上海合全药业股份有限公司", 2024), ("邦凯控股集团有限公司", 2024),
    ("上海中淳高科桩业有限公司", 2025), ("上海台界化工有限公司", 2025),
    ("有行鲨鱼（上海）科技股份有限公司", 2025), ("上海友豪科技股份有限公司", 2026),
    ("上海漕源建材贸易有限公司", 2026),
]  # fmt: skip


def _entries(kind: CultivationKind) -> list[tuple[object, ...]]:
    rows = CultivationEntry.objects.filter(kind=kind).order_by("plan_mention__row")
    if kind is CultivationKind.ABOVE_SCALE:
        return [(e.enterprise.name, e.predicted_output_wan, e.planned_year) for e in rows]
    return [(e.enterprise.name, e.planned_year) for e in rows]


def test_every_annex_2_entry_equals_the_plans() -> None:
    plan_load()
    execution_plan_load()
    assert _entries(CultivationKind.ABOVE_SCALE) == ABOVE_SCALE
    assert _entries(CultivationKind.SRDI) == SRDI
    assert _entries(CultivationKind.TECH) == TECH
    assert set(CultivationEntry.objects.values_list("listed_on", flat=True)) == {date(2024, 3, 11)}


def test_annex_1_projects_keep_their_dates_states_and_reports() -> None:
    plan_load()
    execution_plan_load()
    moke = KeyProject.objects.get(enterprise__name="膜可光学材料（上海）有限公司")
    assert moke.name == "年产 10000 吨烟包复合、转移卡纸包装材料项目"
    start = moke.milestones.get()
    assert (start.kind, start.target_date, start.target_precision) == (
        Milestone.START,
        date(2023, 12, 22),
        "day",
    )
    assert (start.achieved_on, start.achieved_undated, start.reported_status) == (
        None,
        True,
        ScheduleStatus.LATE,
    )
    caorong = KeyProject.objects.get(enterprise__name="上海漕荣经济发展有限公司")
    production = caorong.milestones.get()
    assert (production.kind, production.target_date, production.target_precision) == (
        Milestone.PRODUCTION,
        date(2024, 6, 30),
        "month",
    )
    assert (production.achieved_undated, production.reported_status) == (False, "on_track")
    reports = ProgressReport.objects.order_by("project__name").values_list(
        "project__enterprise__name", "reported_on", "source", "status", "text"
    )
    assert list(reports) == [
        ("上海漕荣经济发展有限公司", date(2024, 3, 11), "漕府〔2024〕11号 附件 1", "on_track",
         "目前电力外线施工招投标完成，3 月份施工。"),
        ("膜可光学材料（上海）有限公司", date(2024, 3, 11), "漕府〔2024〕11号 附件 1", "late", "已开工"),
    ]  # fmt: skip


def test_annex_4_infrastructure_equals_the_plans() -> None:
    plan_load()
    execution_plan_load()
    rows = InfraProject.objects.order_by("plan_row").values_list(
        "plan_row", "name", "investment_wan", "content", "start_year", "finish_year", "status"
    )
    assert list(rows) == [
        (1, "地下水调查工程", Decimal(60), "园区企业内打井调查地下水情况", 2024, 2024, "planned"),
        (2, "道路修复工程", Decimal(60), "平业路、月工路、金轩路、展业路路面修复", 2024, 2024, "planned"),
        (3, "绿化改造工程", Decimal(30), "平业路、月工路、金轩路、展业路绿化改造", 2025, 2025, "planned"),
    ]  # fmt: skip


def test_loading_again_keeps_edits_and_adds_nothing() -> None:
    call_command("load_plan", verbosity=0)
    entry = CultivationEntry.objects.get(enterprise__name="上海合全药业股份有限公司")
    entry.planned_year = 2025
    entry.save()
    counts = (
        KeyProject.objects.count(),
        CultivationEntry.objects.count(),
        InfraProject.objects.count(),
    )
    assert counts == (2, 29, 3)
    assert execution_plan_load() == {"projects": 0, "cultivation": 0, "infrastructure": 0}
    assert ProgressReport.objects.count() == 2
    entry.refresh_from_db()
    assert entry.planned_year == 2025


def test_loading_does_not_depend_on_the_active_language() -> None:
    plan_load()
    with translation.override("en"):
        assert execution_plan_load()["projects"] == 2
