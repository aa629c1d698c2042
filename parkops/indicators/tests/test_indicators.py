"""Table 1 on a small fixture whose every value is worked out by hand here."""

from __future__ import annotations

import io
import json
import re
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.indicators.models import IndicatorTarget, ManualValue
from parkops.indicators.selectors import scoreboard
from parkops.indicators.services import indicators_plan_load
from parkops.land.choices import LandActionKind, LandActionMethod, LandActionStatus
from parkops.land.models import LandAction
from parkops.registry.choices import DesignationKind
from parkops.registry.models import Designation
from parkops.registry.tests.factories import (
    EnterpriseFactory,
    EnterpriseYearFactory,
    LandPlotFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 26)

# Table 1 written out from the seed (floor, committed, stretch) for 2024, 2025, 2026.
TABLE_1 = {
    1: [(3, 4, 7), (3, 4, 5), (2, 3, 4)],
    2: [(2, 3, 4), (1, 2, 3), (1, 2, 3)],
    3: [(4, 5, 6), (2, 3, 4), (1, 2, 3)],
    4: [(7, 8, 9), (2, 3, 5), (1, 2, 4)],
    5: [(3, 5, 6), (3, 5, 6), (3, 5, 6)],
    6: [(1, 2, 3), (2, 3, 4), (1, 2, 3)],
    7: [(10, 10, 10), (10, 10, 10), (6, 8, 10)],
    8: [(55, 60, 65), (12, 16, 18), (12, 16, 18)],
}


def test_all_72_targets_equal_the_seeds() -> None:
    assert indicators_plan_load() == 8 + 24
    loaded = {
        (t.indicator.number, t.year): (t.floor, t.committed, t.stretch)
        for t in IndicatorTarget.objects.select_related("indicator")
    }
    expected = {
        (n, 2024 + i): tuple(Decimal(v) for v in values)
        for n, years in TABLE_1.items()
        for i, values in enumerate(years)
    }
    assert loaded == expected
    assert indicators_plan_load() == 0  # idempotent


def _figures(enterprise: object, year: int, output: int, tax: int, land: int) -> None:
    # Revenue equals output here, so 规上 (revenue ≥ 2,000) follows the output.
    EnterpriseYearFactory(
        enterprise=enterprise, year=year, output_value=Decimal(output), revenue=Decimal(output),
        tax=Decimal(tax), land_mu=Decimal(land),
    )  # fmt: skip


@pytest.fixture
def fixture_data(db: None) -> None:
    indicators_plan_load()
    e1, e2, e3 = (EnterpriseFactory() for _ in range(3))
    e4 = EnterpriseFactory(production_started_on=date(2025, 2, 1))  # not operating in 2024
    _figures(e1, 2024, 10000, 500, 50)  # 规上 both years
    _figures(e1, 2025, 11000, 550, 50)
    _figures(e2, 2024, 1800, 60, 10)  # enters the comparable set: 规上 from 2025
    _figures(e2, 2025, 2600, 90, 10)
    _figures(e3, 2024, 3000, 100, 20)  # leaves it: 规下 in 2025
    _figures(e3, 2025, 1500, 40, 20)
    _figures(e4, 2025, 4000, 200, 20)  # a new firm: no 2024 figures
    Designation.objects.create(
        enterprise=e1, kind=DesignationKind.SRDI, awarded_on=date(2025, 6, 1)
    )
    plot = LandPlotFactory(area_mu=Decimal("4.91"))
    for name in ("腾退", "再次腾退"):  # the same plot in two actions counts once
        LandAction.objects.create(
            kind=LandActionKind.VACATE, method=LandActionMethod.VACATE, name=name, plot=plot,
            area_mu=Decimal("4.90"), planned_year=2025, status=LandActionStatus.COMPLETED,
            completed_on=date(2025, 9, 30),
        )  # fmt: skip


def _cells(number: int) -> dict[int, tuple[Decimal | None, str | None]]:
    row = next(r for r in scoreboard(today=TODAY) if r.indicator.number == number)
    return {c.year: (c.value, c.tier.value if c.tier else None) for c in row.cells}


def test_computed_indicators_match_the_hand_computation(fixture_data: None) -> None:
    # 1: 2025 comparable = (11000 + 2600) / (10000 + 1800) - 1 = 15.25 % ≥ 5: stretch.
    #    2024 has no 2023 figures and 2026 none at all: no data, never 0 %.
    assert _cells(1) == {
        2024: (None, None),
        2025: (Decimal("15.25"), "stretch"),
        2026: (None, None),
    }
    row = next(r for r in scoreboard(today=TODAY) if r.indicator.number == 1)
    assert row.cell(2025).computed.plain == Decimal("35.38")  # (11000+2600+4000)/(10000+3000) - 1
    # 2: 2025's new 规上 are e2 (规下 in 2024) and e4 (started in 2025) = 2 (committed is 2);
    #    2024: e1 and e3 are 规上 but nothing is known of 2023: unknown, none counted.
    assert _cells(2)[2025] == (Decimal(2), "committed")
    assert _cells(2)[2024] == (Decimal(0), "below_floor")
    # 3: output per 亩 2025 = 19100 / 100 = 191; 2024 = 14800 / 80 = 185; +3.24 % (committed 3).
    assert _cells(3)[2025] == (Decimal("3.24"), "committed")
    # 4: tax per 亩 2025 = 880 / 100 = 8.8; 2024 = 660 / 80 = 8.25; +6.67 % ≥ 5: stretch.
    assert _cells(4)[2025] == (Decimal("6.67"), "stretch")
    # 5: one designation in 2025, floor 3: below floor. 2026 so far: no designation recorded at
    #    all, so no data (本年度尚无数据) rather than 0 and 未达保底.
    assert _cells(5)[2025] == (Decimal(1), "below_floor")
    assert _cells(5)[2026] == (None, None)
    # 7: one plot of 4.91 亩 (its own recorded area) though two actions completed on it.
    assert _cells(7)[2025] == (Decimal("4.91"), "below_floor")
    # 8 and 6: nothing completed (started) in 2025 recorded: no data, not 0.
    assert _cells(8)[2025] == (None, None)
    assert _cells(6)[2025] == (None, None)


def test_indicators_5_to_8_say_when_the_year_has_no_data(fixture_data: None, lena: User) -> None:
    html = client_for(lena).get("/indicators/").content.decode()
    for number in (5, 6, 8):
        row = html[html.index(f'id="indicator-{number}"') :]
        row = row[: row.index("</tr>")]
        assert "本年度尚无数据" in row  # 2026, the year in progress (TODAY)
        assert "未达保底" not in row.split('data-year="2026"')[1]
    cell = client_for(lena).get("/indicators/6/2025/").content.decode()
    assert '<span class="text-muted no-data">无数据</span>' in cell


def test_a_manual_value_overrides_with_a_reason_and_both_stay_visible(
    fixture_data: None, alice: User, lena: User
) -> None:
    url = "/indicators/3/2025/"
    assert client_for(lena).post(url, {"value": "5", "reason": "区统计局口径"}).status_code == 403
    missing = client_for(alice).post(url, {"value": "5", "reason": ""})
    assert "这个字段是必填项。" in missing.content.decode()
    assert not ManualValue.objects.exists()
    assert client_for(alice).post(url, {"value": "5", "reason": "区统计局口径"}).status_code == 302
    assert _cells(3)[2025] == (Decimal(5), "stretch")
    html = client_for(lena).get(url).content.decode()
    assert "3.24" in html  # the computed value stays beside the manual one
    assert "区统计局口径" in html
    assert "alice" in html
    manual = ManualValue.objects.get()
    client_for(alice).post(url, {"clear": "1", "reason": "恢复计算口径"})
    assert not ManualValue.objects.exists()
    assert _cells(3)[2025] == (Decimal("3.24"), "committed")
    assert [h.history_change_reason for h in manual.history.order_by("history_date")] == [
        "区统计局口径", "恢复计算口径",
    ]  # fmt: skip


def test_a_value_links_to_the_records_it_came_from(fixture_data: None, lena: User) -> None:
    html = client_for(lena).get("/indicators/2/2025/").content.decode()
    sources = html[html.index('id="sources"') :]
    assert len(re.findall(r"<li>", sources[: sources.index("</ul>")])) == 2


def test_the_page_the_chart_and_the_export_agree(
    fixture_data: None, lena: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)
    client = client_for(lena)
    html = client.get("/indicators/").content.decode()
    row = html[html.index('id="indicator-1"') :]
    row = row[: row.index("</tr>")]
    assert "15.25" in row
    assert 'class="badge text-bg-success" data-value="stretch">达贡献' in row
    assert "无数据" in row
    charts = json.loads(
        re.search(
            r'id="indicator-charts" type="application/json">(.*?)</script>', html, re.S
        ).group(1)
    )  # type: ignore[union-attr]
    bars = next(s for s in charts["1"]["series"] if s["type"] == "bar")
    assert [b["value"] for b in bars["data"]] == [None, 15.25, None]
    response = client.get("/indicators/export.xlsx")
    sheet = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        .get_sheet_by_index(0)
        .to_python()
    )  # type: ignore[attr-defined]
    assert sheet[1][:5] == ["类型", "序号", "指标名称", "单位", "2024 年"]
    assert sheet[2][4:9] == ["保底数", "确保数", "贡献数", "实际值", "达成"]
    one = sheet[3]
    assert one[:4] == ["规模总量", 1, "规模以上工业产值增长率", "%"]
    assert one[4:9] == [3, 4, 7, "无数据", "—"]
    assert one[9:14] == [3, 4, 5, 15.25, "达贡献"]
    api = client.get("/api/indicators").json()
    assert api[0]["years"][1]["value"] == "15.25"
    assert api[0]["years"][1]["tier"] == "stretch"


def test_indicators_need_a_role(charlie: User) -> None:
    assert client_for(charlie).get("/indicators/").status_code == 403
    assert client_for(charlie).get("/api/indicators").status_code == 403


def test_a_road_chief_sees_the_totals_but_only_his_roads_records(
    rob: User, pingye: object, fixture_data: None
) -> None:
    on_road = EnterpriseFactory(road=pingye, production_started_on=date(2025, 1, 10))
    _figures(on_road, 2025, 2500, 10, 5)  # a new 规上 on 平业路
    html = client_for(rob).get("/indicators/2/2025/").content.decode()
    sources = html[html.index('id="sources"') :]
    sources = sources[: sources.index("</ul>")]
    assert on_road.name in sources  # type: ignore[attr-defined]
    assert len(re.findall(r"<li>", sources)) == 1
    assert "3" in html[html.index('id="computed"') :][:80]  # the park's total: e2, e4 and this one


def test_the_forecast_adds_what_the_lists_still_promise(fixture_data: None) -> None:
    from parkops.execution.choices import CultivationKind
    from parkops.execution.models import CultivationEntry

    for _ in range(2):  # two 专精特新 candidates planned for 2025, neither designated yet
        CultivationEntry.objects.create(
            kind=CultivationKind.SRDI, enterprise=EnterpriseFactory(), planned_year=2025,
            listed_on=date(2024, 3, 11),
        )  # fmt: skip
    midyear = date(2025, 6, 30)
    rows = {r.indicator.number: r for r in scoreboard(today=midyear)}
    srdi = rows[5]
    # Done so far: e1's designation of 1 June; promised: 2 more. Floor 3 at best.
    assert (srdi.forecast.low, srdi.forecast.high) == (Decimal(1), Decimal(3))  # type: ignore[union-attr]
    assert srdi.forecast_tiers == ("below_floor", "floor")
    assert srdi.forecast_method == "pipeline"
    # 2025's output figures are already in, so indicator 1's forecast is its actual value.
    assert (rows[1].forecast.low, rows[1].forecast.high) == (Decimal("15.25"), Decimal("15.25"))  # type: ignore[union-attr]
    assert rows[1].forecast_method == "actual"
    # Nothing for 2026 yet: the range of the known rates of 2024 (none) and 2025.
    late = {r.indicator.number: r for r in scoreboard(today=TODAY)}
    assert (late[4].forecast.low, late[4].forecast.high, late[4].forecast_method) == (  # type: ignore[union-attr]
        Decimal("6.67"), Decimal("6.67"), "trend",
    )  # fmt: skip
    assert late[4].cell(2026).value is None


def test_the_api_sets_a_manual_value_for_the_park_office_only(
    fixture_data: None, alice: User, lena: User
) -> None:
    body = {"value": "4.5", "reason": "按区统计局反馈"}
    url = "/api/indicators/4/2025/manual"
    assert client_for(lena).put(url, body, content_type="application/json").status_code == 403
    blank = client_for(alice).put(
        url, {"value": "4.5", "reason": " "}, content_type="application/json"
    )
    assert blank.status_code == 422
    assert blank.json()["errors"]["reason"] == ["此字段不能为空。"]
    response = client_for(alice).put(url, body, content_type="application/json")
    assert response.status_code == 200
    year = response.json()["years"][1]
    assert (year["computed"], year["manual"], year["value"], year["tier"]) == (
        "6.67",
        "4.50",
        "4.50",
        "committed",
    )
    assert (
        client_for(alice)
        .put("/api/indicators/9/2025/manual", body, content_type="application/json")
        .status_code
        == 404
    )


def test_new_above_scale_shows_firms_without_last_years_figures_apart(
    fixture_data: None, lena: User
) -> None:
    # Eight firms 规上 in 2025 with no 2024 row and no start date were counted as new.
    unknown = [EnterpriseFactory(name=f"无上年数据企业{i}") for i in range(8)]
    for firm in unknown:
        _figures(firm, 2025, 3000, 100, 10)
    row = next(r for r in scoreboard(today=TODAY) if r.indicator.number == 2)
    assert row.cell(2025).computed.value == Decimal(2)
    assert set(row.cell(2025).computed.unknown_ids) == {f.pk for f in unknown}
    html = client_for(lena).get("/indicators/2/2025/").content.decode()
    assert 'id="unknown"' in html
    assert "无上年数据企业7" in html
    assert "无法判断、未计入" in html


def test_a_renewed_designation_is_not_a_new_enterprise(fixture_data: None) -> None:
    renewed, again = EnterpriseFactory(), EnterpriseFactory()
    Designation.objects.create(
        enterprise=renewed,
        kind=DesignationKind.SRDI,
        awarded_on=date(2022, 6, 1),
        expires_on=date(2025, 5, 31),
    )
    Designation.objects.create(
        enterprise=renewed, kind=DesignationKind.SRDI, awarded_on=date(2025, 6, 1)
    )
    Designation.objects.create(
        enterprise=again,
        kind=DesignationKind.SRDI,
        awarded_on=date(2021, 6, 1),
        expires_on=date(2024, 5, 31),
    )
    Designation.objects.create(enterprise=again, kind=DesignationKind.SRDI,
                               awarded_on=date(2025, 3, 1))  # fmt: skip
    # e1's first designation and `again` (its earlier one had expired) are new; the renewal is not
    assert _cells(5)[2025] == (Decimal(2), "below_floor")


def _without_ids(rows: list[Any]) -> list[Any]:
    return [
        (r.indicator.number, r.forecast, r.forecast_tiers,
         [(c.year, replace(c.computed, source_ids=(), unknown_ids=()), c.value, c.tier)
          for c in r.cells])
        for r in rows
    ]  # fmt: skip


def test_the_scoreboard_without_sources_has_the_same_figures_before_and_after_a_write(
    fixture_data: None,
) -> None:
    # The page reads the figures kept apart from their ids: on a cold and on a warm cache they
    # equal the whole scoreboard's, and a new figure shows on both at once.
    cache.clear()
    for _attempt in (1, 2):
        assert _without_ids(scoreboard(today=TODAY, sources=False)) == _without_ids(
            scoreboard(today=TODAY)
        )
    assert all(
        c.computed.source_ids == () and c.computed.unknown_ids == ()
        for r in scoreboard(today=TODAY, sources=False)
        for c in r.cells
    )
    before = _cells(1)
    firm = EnterpriseFactory()
    _figures(firm, 2024, 20000, 800, 40)
    _figures(firm, 2025, 40000, 900, 40)
    after = scoreboard(today=TODAY, sources=False)
    assert _without_ids(after) == _without_ids(scoreboard(today=TODAY))
    assert _cells(1) != before
    assert next(r for r in after if r.indicator.number == 1).cell(2025).value == _cells(1)[2025][0]
