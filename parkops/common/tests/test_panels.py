"""Panels: registered in order, shown by permission and predicate, rendered on the record pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.template import RequestContext, Template
from django.test import RequestFactory

from parkops.accounts.roles import Role
from parkops.common.panels import (
    Panel,
    PanelError,
    PanelSlot,
    panel_register,
    panel_unregister,
    panels_of,
)
from parkops.conftest import client_for
from parkops.plan.choices import PlanSource
from parkops.plan.models import PlanMention
from parkops.registry.models import LandPlot, Road, SmallPark

# Road has no panel of its own: the tests' panels sit there alone.
ROAD = "registry.Road"


def _titled(request: Any, obj: Any) -> dict[str, Any]:
    # plan/_mentions.html shows the panel's title, then "not mentioned" for an empty list.
    return {"mentions": []}


def _panel(name: str, order: int = 100, **kwargs: Any) -> Panel:
    return Panel(
        model=ROAD,
        name=name,
        template="plan/_mentions.html",
        title=f"标题{name}",
        context=_titled,
        order=order,
        **kwargs,
    )


@pytest.fixture
def road_panels() -> Iterator[list[Panel]]:
    added: list[Panel] = []
    yield added
    for panel in added:
        panel_unregister(panel.model, panel.name, panel.slot)


def _add(added: list[Panel], panel: Panel) -> None:
    panel_register(panel)
    added.append(panel)


def _render(user: User, road: Road, slot: str = "record") -> str:
    request = RequestFactory().get("/")
    request.user = user
    page = Template("{% load parkops %}{% record_panels road slot %}")
    return page.render(RequestContext(request, {"road": road, "slot": slot}))


def test_it_renders_the_panels_in_their_order(
    alice: User, pingye: Road, road_panels: list[Panel]
) -> None:
    for name, order in (("丙", 30), ("甲", 10), ("乙", 20), ("丁", 20)):
        _add(road_panels, _panel(name, order))
    html = _render(alice, pingye)
    assert re.findall(r'id="panel-(\S+)"', html) == ["甲", "丁", "乙", "丙"]  # order, then name
    assert re.findall(r"标题(\S)<", html) == ["甲", "丁", "乙", "丙"]
    assert [p.name for p in panels_of(pingye)] == ["甲", "丁", "乙", "丙"]


def test_it_keeps_slots_and_models_apart(
    alice: User, pingye: Road, road_panels: list[Panel]
) -> None:
    _add(road_panels, _panel("上", slot=PanelSlot.TOP))
    _add(road_panels, _panel("下"))
    assert re.findall(r'id="panel-(\S+)"', _render(alice, pingye, "top")) == ["上"]
    assert re.findall(r'id="panel-(\S+)"', _render(alice, pingye)) == ["下"]
    assert [p.name for p in panels_of("registry.Enterprise")] == [
        "evaluation-card",
        "enforcement-timeline",
        "service-requests",
        "activities-attended",
        "visits-policies",
        "matching",
        "plan-mentions",
    ]


def test_it_shows_a_panel_only_to_a_user_with_its_permission(
    alice: User, charlie: User, pingye: Road, road_panels: list[Panel]
) -> None:
    _add(road_panels, _panel("办", 1, permission="registry.change_road"))
    _add(road_panels, _panel("众"))
    assert re.findall(r'id="panel-(\S+)"', _render(alice, pingye)) == ["办", "众"]
    assert re.findall(r'id="panel-(\S+)"', _render(charlie, pingye)) == ["众"]


def test_it_asks_the_visibility_predicate_with_the_user_and_the_record(
    alice: User, pingye: Road, yuegong: Road, road_panels: list[Panel]
) -> None:
    asked: list[tuple[str, str]] = []

    def only_pingye(user: Any, road: Road) -> bool:
        asked.append((user.username, road.name))
        return road.name == "平业路"

    _add(road_panels, _panel("平", visible=only_pingye))
    assert "panel-平" in _render(alice, pingye)
    assert "panel-平" not in _render(alice, yuegong)
    assert asked == [("alice", "平业路"), ("alice", "月工路")]


def test_it_refuses_a_second_panel_of_one_name_and_an_unknown_slot(
    road_panels: list[Panel],
) -> None:
    _add(road_panels, _panel("一"))
    with pytest.raises(PanelError, match="already registered"):
        panel_register(_panel("一", order=5))
    with pytest.raises(PanelError, match="unknown slot"):
        panel_register(_panel("二", slot="sidebar"))
    assert [p.name for p in panels_of(ROAD)] == ["一"]


def test_an_unregistered_panel_is_gone(alice: User, pingye: Road, road_panels: list[Panel]) -> None:
    panel_register(_panel("暂"))
    assert "panel-暂" in _render(alice, pingye)
    panel_unregister(ROAD, "暂")
    assert "panel-暂" not in _render(alice, pingye)
    assert panels_of(ROAD) == []
    with pytest.raises(PanelError, match="no panel 暂"):
        panel_unregister(ROAD, "暂")


# The linked record pages -------------------------------------------------------------------


def test_the_owner_reaches_his_estate_from_the_small_park_page_and_back(
    olga: User, ailiu: SmallPark
) -> None:
    client = client_for(olga)
    page = client.get(f"/small-parks/{ailiu.pk}/").content.decode()
    assert f'href="/estates/{ailiu.pk}/" id="estate-link"' in page
    assert "尚未评定。" in page
    estate = client.get(f"/estates/{ailiu.pk}/").content.decode()
    assert f'href="/small-parks/{ailiu.pk}/"' in estate


def test_the_plot_page_and_its_land_record_link_each_other(alice: User, pingye: Road) -> None:
    plot = LandPlot.objects.create(name="平业地块", road=pingye)
    client = client_for(alice)
    page = client.get(f"/plots/{plot.pk}/").content.decode()
    assert f'href="/land/plots/{plot.pk}/" id="land-link"' in page
    assert "暂无处置项目。" in page
    land = client.get(f"/land/plots/{plot.pk}/").content.decode()
    assert f'href="/plots/{plot.pk}/"' in land


def _revoke(role: Role, codename: str) -> None:
    Group.objects.get(name=role.value).permissions.remove(Permission.objects.get(codename=codename))


def test_a_link_shows_only_to_who_may_open_its_target(
    lena: User, ailiu: SmallPark, pingye: Road
) -> None:
    plot = LandPlot.objects.create(name="平业地块", road=pingye)
    _revoke(Role.TOWN_LEADER, "view_tenancy")
    _revoke(Role.TOWN_LEADER, "view_landaction")
    client = client_for(lena)
    assert client.get(f"/estates/{ailiu.pk}/").status_code == 403
    assert client.get(f"/land/plots/{plot.pk}/").status_code == 403
    assert "estate-link" not in client.get(f"/small-parks/{ailiu.pk}/").content.decode()
    assert "land-link" not in client.get(f"/plots/{plot.pk}/").content.decode()


def test_the_registry_imports_and_loads_nothing_from_the_apps_that_enrich_it() -> None:
    registry = Path(__file__).resolve().parents[2] / "registry"
    higher = ("plan", "evaluation", "smallparks", "land", "imports")
    found = []
    for path in [*registry.glob("*.py"), *registry.glob("templates/**/*.html")]:
        text = path.read_text()
        for app in higher:
            pattern = rf"parkops\.{app}\b|{{% load [^%]*\b{app}\b|{{% include \"{app}/"
            if re.search(pattern, text):
                found.append(f"{path.name}: {app}")
    assert found == []


def test_the_plans_conflicts_sit_above_the_plot_and_a_silent_panel_leaves_no_trace(
    alice: User, pingye: Road
) -> None:
    torn = LandPlot.objects.create(name="争议地块", road=pingye)
    for row, area in ((1, "10.5"), (2, "10.4")):
        PlanMention.objects.create(
            source=PlanSource.ANNEX_3_PLOTS, row=row, name_in_plan="争议地块", plot=torn,
            facts={"area_mu": area},
        )  # fmt: skip
    quiet = LandPlot.objects.create(name="无争议地块", road=pingye)
    client = client_for(alice)
    page = client.get(f"/plots/{torn.pk}/").content.decode()
    assert page.index('id="plan-conflicts"') < page.index('class="row facts"')
    assert "来源不一致，见上" in page
    page = client.get(f"/plots/{quiet.pk}/").content.decode()
    assert "panel-plan-conflicts" not in page
    assert "来源不一致" not in page
    assert "panel-plan-mentions" in page
    assert "《行动方案》未提及。" in page
