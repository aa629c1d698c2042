"""The annex 3 exports: small ones at once, large ones as a job that writes the same file; and a
road chief's export of more than a thousand actions on SQLite (past its expression depth)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.land.choices import LandActionKind, LandActionMethod
from parkops.land.models import LandAction
from parkops.land.services import land_plan_load
from parkops.plan import caojing
from parkops.plan.services import plan_load
from parkops.registry.models import Road
from parkops.registry.tests.factories import plots_across_two_roads
from parkops.testing.exports import column, export_deferred, sheets

pytestmark = pytest.mark.django_db
ACTIONS = 1_100  # past SQLite's expression depth of 1,000


def test_a_large_annex_3_export_is_written_by_a_job(dora: User, lena: User, charlie: User) -> None:
    plan_load()
    land_plan_load()
    book = export_deferred(dora, "/land/export/revitalise.xlsx", stranger=lena, refused=charlie)
    assert column(book, "地块名称") == [caojing.GUDAO_PLOT, caojing.PULIZI_PLOT, caojing.KUNLEI]


@pytest.mark.parametrize("who", ["lena", "rob"])
def test_a_road_chief_exports_more_than_a_thousand_actions(
    who: str, lena: User, rob: User, pingye: Road, yuegong: Road
) -> None:
    # Every plot lies on 平业路 (rob's road); every other holder is on 月工路, outside his scope.
    plots = plots_across_two_roads(pingye, yuegong, ACTIONS)
    LandAction.objects.bulk_create(
        LandAction(
            kind=LandActionKind.VACATE, method=LandActionMethod.VACATE, name=f"规模处置{i:05d}",
            plot=plot, enterprise=plot.holder, area_mu=Decimal(10), planned_year=2026,
        )
        for i, plot in enumerate(plots)
    )  # fmt: skip
    response = client_for({"lena": lena, "rob": rob}[who]).get("/land/export/vacate.xlsx")
    assert response.status_code == 200
    assert len(column(sheets(response.content), "企业名称")) == ACTIONS
