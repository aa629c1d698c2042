"""Only the park office sees drafts: every other role reads published results only, on the
pages, the API, the exports and the enterprise page's evaluation card."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.evaluation import services
from parkops.evaluation.tests.factories import enterprise_with_year
from parkops.registry.models import Grid, Road, SmallPark

pytestmark = pytest.mark.django_db

READERS = ["lena", "dora", "rob", "olga", "gina"]


@pytest.fixture
def readers(lena: User, dora: User, rob: User, olga: User, gina: User) -> dict[str, User]:
    return {"lena": lena, "dora": dora, "rob": rob, "olga": olga, "gina": gina}


def _firm(pingye: Road, ailiu: SmallPark) -> int:
    """An enterprise every reader's scope holds: on 平业路, in 矮柳, in 平业一格."""
    firm = enterprise_with_year(tax=Decimal("20"), road=pingye, small_park=ailiu)
    firm.grid = Grid.objects.get(name="平业一格")
    firm.save()
    for t in (900, 300):
        enterprise_with_year(tax=Decimal(t), road=pingye, small_park=ailiu)
    return firm.pk


def _draft_paths(run: int, firm: int) -> list[str]:
    return [
        f"/evaluation/runs/{run}/",
        f"/evaluation/runs/{run}/bottom/",
        f"/evaluation/runs/{run}/bottom/?format=xlsx",
        f"/api/evaluation/runs/{run}",
        f"/api/evaluation/runs/{run}/results",
        f"/api/evaluation/runs/{run}/bottom",
    ]


@pytest.mark.parametrize("role", READERS)
def test_a_draft_is_not_found_by_any_role_but_the_park_office(
    role: str, readers: dict[str, User], alice: User, pingye: Road, ailiu: SmallPark
) -> None:
    firm = _firm(pingye, ailiu)
    draft = services.run_create(year=2025)
    client = client_for(readers[role])
    for path in _draft_paths(draft.pk, firm):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/evaluation/runs/{draft.pk}/handbook/").status_code == 404
    assert (
        client.post(f"/evaluation/runs/{draft.pk}/what-if/{firm}/", {"tax": 1}).status_code == 404
    )
    assert f"/evaluation/runs/{draft.pk}/" not in client.get("/evaluation/").content.decode()
    assert client.get("/api/evaluation/runs").json() == []
    # the enterprise page's card and the card's API show no draft result
    card = client.get(f"/api/evaluation/enterprises/{firm}/evaluation")
    assert (card.status_code, card.json()["detail"]) == (404, "尚无评价结果。")
    assert "综合得分" not in client.get(f"/enterprises/{firm}/").content.decode()

    office = client_for(alice)
    for path in _draft_paths(draft.pk, firm):
        assert office.get(path).status_code == 200, path
    assert f"/evaluation/runs/{draft.pk}/" in office.get("/evaluation/").content.decode()
    assert office.get(f"/api/evaluation/enterprises/{firm}/evaluation").status_code == 200


@pytest.mark.parametrize("role", READERS)
def test_a_published_run_is_read_by_every_role_and_a_later_draft_stays_hidden(
    role: str, readers: dict[str, User], pingye: Road, ailiu: SmallPark
) -> None:
    firm = _firm(pingye, ailiu)
    published = services.run_publish(run=services.run_create(year=2025))
    draft = services.run_create(year=2025)
    client = client_for(readers[role])
    for path in _draft_paths(published.pk, firm):
        assert client.get(path).status_code == 200, path
    assert [r["id"] for r in client.get("/api/evaluation/runs").json()] == [published.pk]
    card = client.get(f"/api/evaluation/enterprises/{firm}/evaluation").json()
    assert card["run"]["id"] == published.pk
    assert client.get(f"/evaluation/runs/{draft.pk}/").status_code == 404
