"""The bottom-30 list: road, small park, population and the indicator that lost most points;
its .xlsx formats scores and money as the handbook does; the run page states the scale."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.evaluation import run_figures, selectors, services
from parkops.evaluation.tests.factories import enterprise_with_year
from parkops.registry.models import Road, SmallPark

pytestmark = pytest.mark.django_db


def _run(pingye: Road, ailiu: SmallPark) -> tuple[int, int, int]:
    """Three 规上 firms of 10 亩, value added 1000 万元 (亩均增加值 100 against 136.16):
    tax 20 → 亩均税收 2.0 scores 2/24.097 × 30 = 2.49, short 27.51 (the largest);
    tax 200 → 亩均税收 20.0 scores 24.90, short 5.10; 亩均增加值 scores 100/136.16 × 20 = 14.69,
    short 5.31: the largest, by 0.21; the other four indicators are short less than 1."""
    low = enterprise_with_year(tax=Decimal("20"), road=pingye, small_park=ailiu)
    mid = enterprise_with_year(tax=Decimal("200"), road=pingye)
    enterprise_with_year(tax=Decimal("900"))
    run = services.run_publish(run=services.run_create(year=2025))
    return run.pk, low.pk, mid.pk


def test_the_largest_shortfall_is_computed_from_the_stored_scores(
    pingye: Road, ailiu: SmallPark, alice: User
) -> None:
    run_pk, low, mid = _run(pingye, ailiu)
    rows = {
        b.result.enterprise_id: b
        for b in run_figures.bottom(user=alice, run=selectors.run_get(pk=run_pk))
    }
    assert rows[low].shortfall is not None
    assert rows[mid].shortfall is not None
    assert rows[low].shortfall.label == "亩均税收"
    assert rows[low].shortfall.points == pytest.approx(30 - 2 / 24.097 * 30)
    assert rows[mid].shortfall.label == "亩均增加值"
    assert rows[mid].shortfall.points == pytest.approx(20 - 100 / 136.16 * 20)


def test_the_bottom_page_shows_road_small_park_population_and_shortfall(
    pingye: Road, ailiu: SmallPark, lena: User
) -> None:
    run_pk, _low, _mid = _run(pingye, ailiu)
    page = client_for(lena).get(f"/evaluation/runs/{run_pk}/bottom/").content.decode()
    assert "<td>平业路</td>" in page
    assert "<td>矮柳</td><td>规上企业</td>" in page
    assert "亩均税收（少得 27.51 分）" in page
    assert "亩均增加值（少得 5.31 分）" in page
    assert "失分最多的指标：各指标少得的分数为“权重 − 得分”" in page


def _formats(book: zipfile.ZipFile) -> list[str]:
    """The number format (its code) of each cell style (xf) of the workbook."""
    styles = book.read("xl/styles.xml").decode()
    codes = {"0": "General", "4": "#,##0.00"}  # Excel's built-in formats used here
    codes.update(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    xfs = re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S)
    assert xfs is not None
    return [codes.get(n, n) for n in re.findall(r'<xf numFmtId="(\d+)"', xfs.group(1))]


def test_the_bottom_xlsx_has_the_road_and_formats_scores_and_money(
    pingye: Road, ailiu: SmallPark, lena: User
) -> None:
    run_pk, _low, _mid = _run(pingye, ailiu)
    body = client_for(lena).get(f"/evaluation/runs/{run_pk}/bottom/?format=xlsx").content
    rows = CalamineWorkbook.from_filelike(BytesIO(body)).get_sheet_by_index(0).to_python()  # type: ignore[attr-defined]
    header = rows[0]
    assert header[:5] == ["倒数位次", "企业名称", "统一社会信用代码", "路段", "小园区"]
    first = dict(zip(header, rows[1], strict=False))
    assert (first["路段"], first["小园区"], first["评价类别"]) == ("平业路", "矮柳", "规上企业")
    assert first["失分最多的指标"] == "亩均税收"
    assert first["该指标少得分数"] == pytest.approx(30 - 2 / 24.097 * 30)
    assert first["亩均税收（万元/亩）"] == pytest.approx(2.0)
    with zipfile.ZipFile(BytesIO(body)) as book:
        formats = _formats(book)
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    # 综合得分 (H), 亩均税收 (I) and the points (L) of the first row
    for column in "HIL":
        style = re.search(rf'<c r="{column}2" s="(\d+)"', sheet)
        assert style is not None, column
        assert formats[int(style.group(1))] == "#,##0.00", column


def test_the_run_page_states_the_scale_of_the_score(
    pingye: Road, ailiu: SmallPark, lena: User
) -> None:
    run_pk, _low, _mid = _run(pingye, ailiu)
    page = client_for(lena).get(f"/evaluation/runs/{run_pk}/").content.decode()
    assert (
        "规上企业：各项指标均达到基准值得 100 分（权重之和）；超过基准值另有加分，各项封顶后最高 300 分。"
        in page
    )
    assert "规下企业：各项指标均达到基准值得 100 分（权重之和）" in page
