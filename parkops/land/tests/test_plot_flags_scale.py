"""The land flags of every plot in scope, at the scale of a district (past SQLite's expression depth)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from parkops.land.selectors import plot_flags
from parkops.registry.models import Road
from parkops.registry.tests.factories import plots_across_two_roads

PLOTS = 1_100  # past SQLite's expression depth of 1,000


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["lena", "rob"])
def test_it_flags_more_than_a_thousand_plots_for_a_role_user(
    who: str, lena: User, rob: User, pingye: Road, yuegong: Road
) -> None:
    # Every plot lies on 平业路 (rob's road); every other holder is on 月工路, outside his scope.
    plots_across_two_roads(pingye, yuegong, PLOTS)
    user = {"lena": lena, "rob": rob}[who]
    rows = plot_flags(user=user, year=2025)
    assert len(rows) == PLOTS
    named = sum(row.plot.holder is not None for row in rows)
    assert named == {"lena": PLOTS, "rob": PLOTS // 2}[who]
    assert all(row.plot.holder_id is not None for row in rows)  # the id stays for the figures
