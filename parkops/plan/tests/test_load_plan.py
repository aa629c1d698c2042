from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.plan import caojing
from parkops.plan.models import PlanMention
from parkops.plan.selectors import plots_in_conflict
from parkops.plan.services import plan_load
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, Road, SmallPark

pytestmark = pytest.mark.django_db

SMALL_PARKS = "矮柳 长宁 爱尔 美宝 方科 邦虎 友豪 永胜光磊 普利滋 万海 达天 远创 鑫狄良 申亿 万拓 康林 高凡 利法纳 兴平 荣升"


def test_it_loads_the_twenty_small_parks_in_the_plans_order() -> None:
    plan_load()
    assert (
        list(SmallPark.objects.order_by("plan_sequence").values_list("name", flat=True))
        == SMALL_PARKS.split()
    )


def test_it_loads_the_roads_enterprises_and_plots_the_plan_names() -> None:
    plan_load()
    assert set(Road.objects.values_list("name", flat=True)) == {
        "平业路",
        "月工路",
        "金轩路",
        "展业路",
        "张漕公路",
        "亭卫公路",
    }
    assert Enterprise.objects.count() == 38
    for name in [
        "上海合全药业股份有限公司",
        "膜可光学材料（上海）有限公司",
        "上海瓯风新材料科技有限公司",
        "上海群力紧固件制造有限公司",
    ]:
        assert Enterprise.objects.filter(name=name, is_demo=False).exists()
    assert Enterprise.objects.get(short_name="合全药业").cluster == "drug_valley"
    assert Enterprise.objects.get(name="克琴科技").cluster == "urban_beauty"
    assert LandPlot.objects.count() == 8


def test_it_attaches_no_figures_to_named_enterprises() -> None:
    plan_load()
    assert not EnterpriseYear.objects.exists()
    assert not Enterprise.objects.exclude(uscc=None).exists()


def test_plot_areas_are_the_plans_and_a_disagreement_is_left_open() -> None:
    plan_load()
    areas = dict(LandPlot.objects.values_list("name", "area_mu"))
    assert areas == {
        "上海古岛时装有限公司地块": None,  # 30.62 in one list, 30.59 in another
        "上海普利滋纺织染整有限公司地块": Decimal("43.74"),
        "上海昆磊毛纺织有限公司地块": Decimal("27.81"),
        "上海瓯风新材料科技有限公司地块": Decimal("80.00"),
        "上海佳美漂染有限公司地块": Decimal("4.91"),
        "上海革信门业有限公司地块": Decimal("6.86"),
        "上海长宁橡胶制品厂有限公司地块": Decimal("76.07"),
        "上海永胜光磊贵金属有限公司地块": Decimal("17.96"),
    }


def test_both_of_the_plans_own_conflicts_are_shown(lena: User) -> None:
    plan_load()
    conflicts = {
        plot.name: {c.fact: [v for v, _s, _r in c.values] for c in items}
        for plot, items in plots_in_conflict(user=lena)
    }
    assert conflicts == {
        "上海古岛时装有限公司地块": {
            "area_mu": ["30.62", "30.59"],
            "planned_year": ["2025", "2026"],
        },
        "上海普利滋纺织染整有限公司地块": {"planned_year": ["2025", "2026"]},
    }
    gudao = LandPlot.objects.get(name="上海古岛时装有限公司地块")
    html = client_for(lena).get(f"/plots/{gudao.pk}/").content.decode()
    assert "30.62（附件 3 低效地块盘活计划清单，序号 1）" in html
    assert "30.59（附件 3 低效提升企业计划清单，序号 3）" in html


def test_every_annex_row_is_kept_as_written() -> None:
    plan_load()
    assert PlanMention.objects.filter(source="annex2_above_scale").count() == 7
    assert PlanMention.objects.filter(source="annex2_srdi").count() == 15
    assert PlanMention.objects.filter(source="annex2_tech").count() == 7
    dier = PlanMention.objects.get(source="annex2_above_scale", row=1)
    assert (dier.name_in_plan, dier.facts) == (
        "上海迪二电器成套有限公司",
        {"predicted_output_wan": 2127, "planned_year": 2024},
    )
    moke = PlanMention.objects.get(source="annex1", row=1)
    assert moke.facts["state"] == "滞后"
    assert moke.facts["progress"] == "已开工"


def test_loading_twice_changes_nothing_and_keeps_user_edits() -> None:
    plan_load()
    Enterprise.objects.filter(name="上海台界化工有限公司").update(address="用户填写的地址")
    counts = [m.objects.count() for m in (Road, SmallPark, Enterprise, LandPlot, PlanMention)]
    report = plan_load()
    assert sum(report.created.values()) == 0
    assert [
        m.objects.count() for m in (Road, SmallPark, Enterprise, LandPlot, PlanMention)
    ] == counts
    assert Enterprise.objects.get(name="上海台界化工有限公司").address == "用户填写的地址"


# Table 1 as printed in the plan (the seed's "1 0" is 10, "5 5" is 55 ...), written out by hand.
TABLE_1 = {
    1: [3, 4, 7, 3, 4, 5, 2, 3, 4],
    2: [2, 3, 4, 1, 2, 3, 1, 2, 3],
    3: [4, 5, 6, 2, 3, 4, 1, 2, 3],
    4: [7, 8, 9, 2, 3, 5, 1, 2, 4],
    5: [3, 5, 6, 3, 5, 6, 3, 5, 6],
    6: [1, 2, 3, 2, 3, 4, 1, 2, 3],
    7: [10, 10, 10, 10, 10, 10, 6, 8, 10],
    8: [55, 60, 65, 12, 16, 18, 12, 16, 18],
}


def test_table_1_transcription_has_all_72_targets() -> None:
    transcribed = {
        i.number: [int(v) for year in (2024, 2025, 2026) for v in i.targets[year]]
        for i in caojing.TABLE_1
    }
    assert transcribed == TABLE_1
    assert sum(len(v) for v in transcribed.values()) == 72
