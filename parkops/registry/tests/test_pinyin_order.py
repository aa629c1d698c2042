"""Names sort in pinyin order on both databases (the CI runs the suite on PostgreSQL too)."""

from __future__ import annotations

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.db import connection

from parkops.common.collation import sort_key
from parkops.conftest import client_for
from parkops.registry.models import LandPlot, Road, SmallPark
from parkops.registry.selectors import road_list
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

# In code-point order 东 中 北 安 鑫; read aloud: an, bei, dong, xin, zhong.
FIRMS = ["安达公司", "北辰公司", "东方公司", "鑫源公司", "中科公司"]
# In code-point order 亭 展 平 月 金; read aloud: jin, ping, ting, yue, zhan.
ROADS = ["金轩路", "平业路", "亭卫公路", "月工路", "展业路"]


def _names(client, path: str, table: str, column: int = 1) -> list[str]:  # type: ignore[no-untyped-def]
    doc = lxml.html.fromstring(client.get(path).content)
    cells = doc.xpath(f"//table[@id='{table}']//tbody/tr/td[{column}]//a")
    return [a.text_content().strip() for a in cells]


def test_the_key_reads_pinyin_with_the_tone_then_digits_before_han_before_latin() -> None:
    assert sorted(["张漕公路", "展业路", "A区", "2号园", "矮柳"], key=sort_key) == [
        "2号园",
        "矮柳",
        "展业路",  # zhan3 before zhang1: the syllable first, then the tone
        "张漕公路",
        "A区",
    ]


def test_roads_come_in_pinyin_order(alice: User) -> None:
    for name in sorted(ROADS, reverse=True):
        Road.objects.create(name=name)
    assert [r.name for r in road_list(user=alice)] == ROADS, connection.vendor
    answer = client_for(alice).get("/api/roads").json()
    assert [r["name"] for r in answer] == ROADS


def test_the_enterprise_list_sorted_by_name_follows_pinyin(alice: User) -> None:
    for name in sorted(FIRMS, reverse=True):
        EnterpriseFactory(name=name)
    client = client_for(alice)
    assert _names(client, "/enterprises/", "enterprise-table") == FIRMS  # the default sort
    assert _names(client, "/enterprises/?sort=-name", "enterprise-table") == FIRMS[::-1]


def test_the_small_park_list_sorted_by_name_follows_pinyin(alice: User) -> None:
    for n, name in enumerate(sorted(ROADS, reverse=True), start=1):
        SmallPark.objects.create(name=name.replace("路", "园"), plan_sequence=n)
    parks = [name.replace("路", "园") for name in ROADS]
    client = client_for(alice)
    assert _names(client, "/small-parks/?sort=name", "smallpark-table", 2) == parks


def _cells(client, path: str, table: str, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    doc = lxml.html.fromstring(client.get(path).content)
    cells = doc.xpath(f"//table[@id='{table}']//tbody/tr/td[{column}]")
    return [td.text_content().strip() for td in cells]


def test_the_plot_list_sorts_names_and_roads_in_pinyin(alice: User) -> None:
    for name in sorted(ROADS, reverse=True):
        road = Road.objects.create(name=name)
        LandPlot.objects.create(name=name.replace("路", "地块"), road=road)
    plots = [name.replace("路", "地块") for name in ROADS]
    client = client_for(alice)
    assert _names(client, "/plots/", "plot-table") == plots  # the default sort
    assert _names(client, "/plots/?sort=-name", "plot-table") == plots[::-1]
    assert _cells(client, "/plots/?sort=road", "plot-table", 3) == ROADS
    assert _cells(client, "/plots/?sort=-road", "plot-table", 3) == ROADS[::-1]


def test_the_road_columns_of_enterprises_and_small_parks_sort_in_pinyin(alice: User) -> None:
    for n, name in enumerate(sorted(ROADS, reverse=True), start=1):
        road = Road.objects.create(name=name)
        EnterpriseFactory(name=f"企业{n}", road=road)
        SmallPark.objects.create(name=f"园{n}", plan_sequence=n, road=road)
    client = client_for(alice)
    assert _cells(client, "/enterprises/?sort=road", "enterprise-table", 4) == ROADS
    assert _cells(client, "/small-parks/?sort=road", "smallpark-table", 4) == ROADS
    assert _cells(client, "/small-parks/?sort=-road", "smallpark-table", 4) == ROADS[::-1]
