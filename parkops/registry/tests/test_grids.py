"""A grid officer sees his grid's enterprises and the plots they hold, nothing else."""

from __future__ import annotations

from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.registry.models import Grid, Road
from parkops.registry.selectors import enterprises_visible_to, plots_visible_to
from parkops.registry.tests.factories import EnterpriseFactory, LandPlotFactory


def test_a_grid_officer_sees_only_his_grids_enterprises(gina: User, pingye: Road) -> None:
    grid = Grid.objects.get(name="平业一格")
    mine = EnterpriseFactory(grid=grid, road=pingye)
    other_grid = Grid.objects.create(name="平业二格")
    stranger = EnterpriseFactory(grid=other_grid, road=pingye)  # same road, other grid
    plot = LandPlotFactory(holder=mine)
    LandPlotFactory(holder=stranger, road=pingye)
    assert list(enterprises_visible_to(gina)) == [mine]
    assert list(plots_visible_to(gina)) == [plot]
    client = client_for(gina)
    assert client.get(f"/enterprises/{mine.pk}/").status_code == 200
    assert client.get(f"/enterprises/{stranger.pk}/").status_code == 404
    assert [e["id"] for e in client.get("/api/enterprises").json()["items"]] == [mine.pk]
