"""The leaders' cockpit: its numbers equal the lists they link to, on hand-built data; who gets it."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from parkops.attraction.models import LostReason
from parkops.attraction.services import lead_lose
from parkops.attraction.tests.factories import lead
from parkops.conftest import client_for
from parkops.enforcement.choices import InspectionResult
from parkops.enforcement.tests.factories import InspectionFactory
from parkops.evaluation.choices import RunStatus
from parkops.evaluation.models import EvaluationResult, EvaluationRun, Scheme, SchemeVersion
from parkops.indicators.models import Indicator, ManualValue
from parkops.indicators.services import indicators_plan_load
from parkops.land.choices import LandActionKind, LandActionMethod, LandActionStatus
from parkops.land.models import LandAction
from parkops.registry.models import Enterprise, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory, LandPlotFactory
from parkops.site.cockpit import cockpit_year
from parkops.smallparks.models import RatingRuleSet, SmallParkRating

YEAR = cockpit_year(timezone.localdate())


def _html(user: User, path: str = "/") -> str:
    response = client_for(user).get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def _tile(html: str, tile_id: str) -> str:
    """The HTML of one tile: from its id to the next tile."""
    start = html.index(f'id="{tile_id}"')
    end = html.find("cockpit-tile", start + 1)
    return html[start : end if end > 0 else len(html)]


def _link(html: str, href_part: str) -> tuple[str, str]:
    """The href containing `href_part` and the text of its link."""
    found = re.search(rf'href="([^"]*{re.escape(href_part)}[^"]*)"[^>]*>([^<]*)<', html)
    assert found, href_part
    return found.group(1).replace("&amp;", "&"), found.group(2).strip()


def _count(html: str) -> int:
    """The result count of a list page (共 N 条)."""
    found = re.search(r'id="result-count">共 (\d+) 条', html)
    assert found, "no result count"
    return int(found.group(1))


# --- the indicators ----------------------------------------------------------------------------
@pytest.fixture
def land(db: None) -> None:
    indicators_plan_load()
    for name, area in (("甲地块腾退", "3.50"), ("乙地块腾退", "2.25")):
        LandAction.objects.create(
            kind=LandActionKind.VACATE, method=LandActionMethod.VACATE, name=name,
            plot=LandPlotFactory(area_mu=Decimal(area)), area_mu=Decimal(area), planned_year=YEAR,
            status=LandActionStatus.COMPLETED, completed_on=date(YEAR, 1, 15),
        )  # fmt: skip


def test_it_shows_every_indicator_with_its_targets_and_trend(land: None, lena: User) -> None:
    html = _html(lena)
    for number in range(1, 9):
        assert f'id="tile-indicator-{number}"' in html
    tile = _tile(html, "tile-indicator-7")
    href, text = _link(tile, f"/indicators/7/{YEAR}/")
    assert text == "5.75"  # 3.50 + 2.25 亩, by hand
    assert "保底数 " in tile
    assert "确保数 " in tile
    assert "贡献数 " in tile
    assert "<svg" in tile
    assert "<polyline" not in tile.split("<svg")[0]
    assert tile.count('class="list-inline-item"') == 3  # 2024, 2025, 2026
    # A year without data says so; indicator 7 has none in 2024.
    assert "2024：" in tile
    assert "无数据" in tile.split("2024：")[1].split("</li>")[0]
    # The cell's page lists exactly the records the number came from.
    cell = _html(lena, href)
    assert "甲地块腾退" in cell
    assert "乙地块腾退" in cell


def test_the_tier_reached_is_coloured_and_a_card_gives_the_override_and_its_reason(
    land: None, lena: User, alice: User
) -> None:
    indicator = Indicator.objects.get(number=5)
    ManualValue.objects.create(
        indicator=indicator, year=YEAR, value=Decimal(40), reason="区经委核定数", set_by=alice
    )
    tile = _tile(_html(lena), "tile-indicator-5")
    assert _link(tile, f"/indicators/5/{YEAR}/")[1] == "40"
    assert "区经委核定数" in tile
    assert "alice" in tile
    assert "<details" in tile
    assert "计算公式" in tile
    assert "数据来源" in tile
    assert "责任单位" in tile
    # 40 is at or above the plan's 2026 stretch target of 5 (贡献数): green.
    assert "text-bg-success" in tile
    assert "达贡献" in tile


# --- execution, enforcement, attraction, small parks, evaluation -------------------------------
def test_execution_numbers_equal_the_lists_they_link_to(lena: User) -> None:
    from parkops.execution.services import execution_plan_load
    from parkops.plan.services import plan_load

    plan_load()
    execution_plan_load()
    tile = _tile(_html(lena), "tile-execution")
    checked = 0
    for query in (
        "?status=late",
        "?progress=overdue",
        "?progress=unreported",
        "?status=unreported",
    ):
        href, text = _link(tile, query)
        assert _count(_html(lena, href)) == int(text), href
        checked += 1
    assert checked == 4
    assert _link(tile, "/projects/?status=late")[1] == "1"  # 膜可's project, as the plan says


def test_inspections_and_violations_this_year_equal_the_inspection_list(lena: User) -> None:
    today = timezone.localdate()
    for result in (InspectionResult.ORDERED_CORRECTED, InspectionResult.ORDERED_CORRECTED,
                   InspectionResult.NORMAL, InspectionResult.NOT_DISCLOSED):  # fmt: skip
        InspectionFactory(inspected_on=today.replace(month=1, day=5), result=result)
    InspectionFactory(inspected_on=date(today.year - 1, 12, 31))  # last year: not counted
    tile = _tile(_html(lena), "tile-service")
    href, text = _link(tile, "/enforcement/inspections/?since=")
    assert text == "4"
    assert _count(_html(lena, href)) == 4
    assert re.search(r'id="violation-count">3<', tile)
    href, text = _link(tile, "result=ordered_corrected")
    assert text == "2"
    assert _count(_html(lena, href)) == 2


def test_the_funnel_counts_open_leads_per_stage_as_the_lead_list_does(
    alice: User, lena: User
) -> None:
    lead(alice, company_name="上海甲生物科技有限公司")
    lead(alice, company_name="上海乙生物科技有限公司")
    lost = lead(alice, company_name="上海丙生物科技有限公司")
    lead_lose(user=alice, lead=lost, reason=LostReason.objects.get(code="elsewhere"))
    tile = _tile(_html(lena), "tile-funnel")
    href, text = _link(tile, "stage=lead")
    assert text == "2"  # the lost one is not in the funnel
    assert _count(_html(lena, href)) == 2


def test_small_parks_by_level_with_the_unrated_apart(
    lena: User, ailiu: SmallPark, changning: SmallPark
) -> None:
    rules = RatingRuleSet.objects.create(version="测试规则", is_default=True)
    SmallParkRating.objects.create(small_park=ailiu, year=2025, rule_set=rules, level="good")
    tile = _tile(_html(lena), "tile-smallparks")
    href, text = _link(tile, "level=good")
    assert text == "1"
    page = _html(lena, href)
    assert "共 1 个" in page
    assert "矮柳" in page
    assert "长宁" not in page
    href, text = _link(tile, "level=unrated")
    assert text == "1"
    page = _html(lena, href)
    assert "共 1 个" in page
    assert "长宁" in page
    assert "未评定" in page
    assert _link(tile, "level=inefficient")[1] == "0"


def _run(year: int, positions: dict[Enterprise, tuple[str, int | None]]) -> EvaluationRun:
    scheme, _ = Scheme.objects.get_or_create(name="测试方案")
    version, _ = SchemeVersion.objects.get_or_create(scheme=scheme, number=1, definition={})
    run = EvaluationRun.objects.create(
        year=year, scheme_version=version, status=RunStatus.PUBLISHED,
        published_at=timezone.now() - timedelta(days=2026 - year), input_hash="0" * 64,
        input_snapshot=b"",
    )  # fmt: skip
    for enterprise, (cls, position) in positions.items():
        EvaluationResult.objects.create(
            run=run, enterprise=enterprise, evaluation_class=cls, park_position=position,
            population_label="规上工业企业",
        )  # fmt: skip
    return run


def test_the_bottom_30_shows_who_is_new_who_stays_and_who_left(lena: User) -> None:
    stays, enters, leaves = (EnterpriseFactory(name=n) for n in ("上海留列有限公司", "上海新进有限公司", "上海退出有限公司"))  # fmt: skip
    _run(2024, {stays: ("D", 2), leaves: ("D", 1)})
    run = _run(2025, {stays: ("D", 1), enters: ("C", 2), leaves: ("A", 31)})
    tile = _tile(_html(lena), "tile-evaluation")
    assert re.search(r'id="bottom-new">1<', tile)
    assert re.search(r'id="bottom-still">1<', tile)
    assert re.search(r'id="bottom-left">1<', tile)
    href, text = _link(tile, f"/evaluation/runs/{run.pk}/bottom/")
    assert text == "2"
    bottom_page = _html(lena, href)
    assert "上海留列有限公司" in bottom_page
    assert "上海新进有限公司" in bottom_page
    assert "上海退出有限公司" not in bottom_page
    # Class counts of the population: A 1, C 1, D 1 (in the order A B C D T N).
    counts = re.search(r'id="cockpit-classes">.*?</table>', tile, re.S)
    assert counts is not None
    cells = re.findall(r"<td><a [^>]*>(\d+)</a></td>", counts.group(0))
    assert cells == ["1", "0", "1", "1", "0", "0"]
    # From the list to the record.
    assert f'href="/enterprises/{stays.pk}/"' in tile


@pytest.mark.parametrize("who", ["lena", "alice"])
def test_every_class_count_equals_the_results_its_link_lists(
    who: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(who)
    firms = [EnterpriseFactory() for _ in range(4)]
    run = _run(2025, {firms[0]: ("A", None), firms[1]: ("D", 2), firms[2]: ("D", 1),
                      firms[3]: ("N", None)})  # fmt: skip
    table = re.search(
        r'id="cockpit-classes">.*?</table>', _tile(_html(user), "tile-evaluation"), re.S
    )
    assert table is not None
    links = re.findall(r'<a href="([^"]+)">(\d+)</a>', table.group(0))
    assert [int(n) for _href, n in links] == [1, 0, 0, 2, 0, 1]  # A B C D T N
    for href, shown in links:
        href = href.replace("&amp;", "&")
        assert href.startswith(f"/evaluation/runs/{run.pk}/results/?population=")
        assert _count(_html(user, href)) == int(shown), href
    d_list = _html(user, _link(table.group(0), "klass=D")[0])
    assert f'href="/enterprises/{firms[1].pk}/"' in d_list  # from the list to the record
    assert f'href="/enterprises/{firms[0].pk}/"' not in d_list


# --- who gets it -------------------------------------------------------------------------------
def test_leader_and_park_office_get_the_cockpit_other_roles_their_own_home(
    lena: User, alice: User, rob: User, olga: User, dora: User
) -> None:
    assert 'id="cockpit"' in _html(lena)
    office = _html(alice)
    assert 'id="cockpit"' in office
    assert 'id="count-enterprises"' in office
    for user in (rob, olga, dora):
        assert 'id="cockpit"' not in _html(user), user.username


def test_the_cockpit_counts_no_made_up_figure_on_a_fresh_install(lena: User) -> None:
    html = _html(lena)
    assert "尚无已发布的评价" in html
    assert "演示企业均为虚构" not in html  # no demo enterprise loaded
