"""The registry's exports (enterprises, small parks, plots, annual figures): small ones at once,
large ones as a job that writes the same file; and a road chief's plot export of more than a
thousand plots on SQLite (past its expression depth)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.registry.models import Road, SmallPark
from parkops.registry.tests.factories import (
    EnterpriseFactory,
    EnterpriseYearFactory,
    LandPlotFactory,
    SmallParkFactory,
    plots_across_two_roads,
)
from parkops.testing.exports import column, export_deferred, sheets

pytestmark = pytest.mark.django_db
PLOTS = 1_100  # past SQLite's expression depth of 1,000


def test_a_large_enterprise_export_is_written_by_a_job(
    alice: User, lena: User, charlie: User, ailiu: SmallPark
) -> None:
    EnterpriseFactory(name="上海乙有限公司", small_park=ailiu)
    EnterpriseFactory(name="上海甲有限公司", small_park=ailiu)
    EnterpriseFactory(name="上海园外有限公司")
    book = export_deferred(
        alice, "/enterprises/export.xlsx", {"small_park": ailiu.pk},
        stranger=lena, refused=charlie,
    )  # fmt: skip
    assert column(book, "企业名称") == ["上海乙有限公司", "上海甲有限公司"]


def test_a_large_small_park_export_is_written_by_a_job(
    alice: User, lena: User, charlie: User
) -> None:
    SmallParkFactory(name="甲园", plan_sequence=2)
    SmallParkFactory(name="乙园", plan_sequence=1)
    book = export_deferred(alice, "/small-parks/export.xlsx", stranger=lena, refused=charlie)
    assert column(book, "名称") == ["乙园", "甲园"]


def test_a_large_plot_export_is_written_by_a_job(alice: User, lena: User, charlie: User) -> None:
    LandPlotFactory(name="乙地块", holder=EnterpriseFactory(name="上海持有有限公司"))
    LandPlotFactory(name="甲地块")
    book = export_deferred(alice, "/plots/export.xlsx", stranger=lena, refused=charlie)
    assert column(book, "地块名称") == ["乙地块", "甲地块"]


def test_a_large_figures_export_is_written_by_a_job(alice: User, lena: User, charlie: User) -> None:
    for name in ("上海乙年度有限公司", "上海甲年度有限公司"):
        firm = EnterpriseFactory(name=name)
        for year in (2024, 2025):
            EnterpriseYearFactory(enterprise=firm, year=year)
    book = export_deferred(
        alice, "/imports/export/figures.xlsx", {"year": "2025"}, stranger=lena, refused=charlie
    )
    assert column(book, "企业名称") == ["上海乙年度有限公司", "上海甲年度有限公司"]
    assert set(column(book, "年度")) == {2025}


@pytest.mark.parametrize("who", ["lena", "rob"])
def test_a_road_chief_exports_more_than_a_thousand_plots(
    who: str, lena: User, rob: User, pingye: Road, yuegong: Road
) -> None:
    # Every plot lies on 平业路 (rob's road); every other holder is on 月工路, outside his scope.
    plots_across_two_roads(pingye, yuegong, PLOTS)
    response = client_for({"lena": lena, "rob": rob}[who]).get("/plots/export.xlsx")
    assert response.status_code == 200
    book = sheets(response.content)
    assert len(column(book, "地块名称")) == PLOTS
    holders = [name for name in column(book, "土地使用权人") if name]
    assert len(holders) == {"lena": PLOTS, "rob": PLOTS // 2}[who]  # off his road: unnamed
