from django.contrib.auth.models import User
from django.utils import timezone

from parkops.conftest import client_for
from parkops.demo.services import demo_load
from parkops.execution.models import CultivationEntry
from parkops.execution.services import execution_plan_load
from parkops.plan.services import plan_load
from parkops.registry.models import Road
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.site.selectors import home_counts


def test_home_counts_what_the_platform_holds(alice: User) -> None:
    plan_load()
    demo_load(count=12)
    html = client_for(alice).get("/").content.decode()
    assert '<div class="fs-3" id="count-enterprises">50</div>' in html
    assert "方案所列 38 家，演示企业 12 家" in html
    assert (
        '<div class="fs-3" id="count-smallparks">25</div>' in html
    )  # the plan's 20 and 5 demo parks
    assert "上海古岛时装有限公司地块" in html  # one of the plan's own conflicts


def test_the_red_list_shows_only_what_the_data_shows_late(alice: User) -> None:
    """On a fresh install only 膜可's project is late (the plan reports it so); the plan's other
    items past their dates have no figures or reports yet: counted apart as 待报送, with links."""
    plan_load()
    execution_plan_load()
    html = client_for(alice).get("/").content.decode()
    panel = html[html.index('id="behind-schedule"') :]
    panel = panel[: panel.index("</div></div>")]
    assert panel.count("<li>") == 1
    assert "年产 10000 吨烟包复合、转移卡纸包装材料项目" in panel
    year = timezone.localdate().year
    entries = CultivationEntry.objects.filter(planned_year__lt=year).count()  # 20 in 2026
    assert f"待报送 {1 + entries + 3}</span>" in panel
    assert '/projects/?status=unreported">“四早”项目 1 个</a>' in panel
    assert f'/cultivation/?progress=unreported">培育清单 {entries} 条</a>' in panel
    assert '/infrastructure/?schedule=unreported">基础设施 3 项</a>' in panel


def test_the_span_of_figures_counts_the_rows_each_user_may_see(
    alice: User, rob: User, pingye: Road
) -> None:
    """The whole park's span reads every row (no join to the enterprises); a road chief's only
    his road's, by hand: 2 rows of 2023–2024 on 平业路, 4 rows of 2022–2025 in all."""
    on_road = EnterpriseFactory(road=pingye)
    elsewhere = EnterpriseFactory()
    for enterprise, years in ((on_road, (2023, 2024)), (elsewhere, (2022, 2025))):
        for year in years:
            EnterpriseYearFactory(enterprise=enterprise, year=year)
    assert home_counts(alice)["years"] == {"first": 2022, "last": 2025, "rows": 4}
    assert home_counts(rob)["years"] == {"first": 2023, "last": 2024, "rows": 2}
