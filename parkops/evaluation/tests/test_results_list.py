"""A run's results list: every class count of the run page links to the rows it counts, for the
park office and for a road chief who sees only his road; filters, sort, export and scope."""

from __future__ import annotations

import re
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.test import Client
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.evaluation import services
from parkops.evaluation.models import EvaluationRun
from parkops.evaluation.tests.factories import enterprise_with_year
from parkops.registry.models import Enterprise, Road

pytestmark = pytest.mark.django_db


def _published(pingye: Road) -> tuple[EvaluationRun, list[Enterprise]]:
    """Six enterprises, two on 平业路 (the road chief's): five 规上 ones of falling tax and one
    without revenue (未参评, outside every population)."""
    firms = [
        enterprise_with_year(tax=Decimal(t), road=pingye if n < 2 else None)
        for n, t in enumerate((900, 20, 300, 200, 100))
    ]
    firms.append(enterprise_with_year(revenue=None, tax=None))
    return services.run_publish(run=services.run_create(year=2025)), firms


def _html(user: User, path: str) -> str:
    response = client_for(user).get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def _count(html: str) -> int:
    found = re.search(r'id="result-count">共 (\d+) 条', html)
    assert found, "no result count"
    return int(found.group(1))


def _count_links(html: str) -> list[tuple[str, int]]:
    """Each linked number of the run page's class-count table: its href and the number."""
    table = re.search(r'id="class-counts">.*?</table>', html, re.S)
    assert table is not None
    links = re.findall(r'<a href="([^"]+)">(\d+)</a>', table.group(0))
    return [(href.replace("&amp;", "&"), int(n)) for href, n in links]


@pytest.mark.parametrize("who", ["alice", "rob"])
def test_every_class_count_equals_the_rows_its_link_lists(
    who: str, request: pytest.FixtureRequest, pingye: Road
) -> None:
    run, _firms = _published(pingye)
    user = request.getfixturevalue(who)
    links = _count_links(_html(user, run.get_absolute_url()))
    # 6 classes and a total per population row: 规上 and 未归类 for the office, 规上 for rob.
    rows = 2 if who == "alice" else 1
    assert len(links) == rows * 7
    for href, shown in links:
        assert href.startswith(f"/evaluation/runs/{run.pk}/results/?population=")
        assert _count(_html(user, href)) == shown, href
    totals = sum(n for href, n in links if "klass" not in href)
    assert totals == (6 if who == "alice" else 2)


def test_the_list_filters_sorts_and_links_each_row_to_its_enterprise(
    alice: User, pingye: Road
) -> None:
    run, firms = _published(pingye)
    base = f"/evaluation/runs/{run.pk}/results/"
    page = _html(alice, base)
    assert _count(page) == 6
    for firm in firms:
        assert f'href="/enterprises/{firm.pk}/"' in page
    assert _count(_html(alice, f"{base}?population=-")) == 1  # 未参评: no population
    assert _count(_html(alice, f"{base}?klass=N")) == 1
    assert _count(_html(alice, f"{base}?q={firms[2].name}")) == 1
    assert _count(_html(alice, f"{base}?q={firms[2].uscc}")) == 1
    ordered = _html(alice, f"{base}?sort=-total_score")
    positions = [ordered.index(f"/enterprises/{f.pk}/") for f in firms[:5]]
    tax_order = [0, 2, 3, 4, 1]  # 900, 300, 200, 100, 20
    assert sorted(positions) == [positions[i] for i in tax_order]
    # Bad input answers the page, never a 500.
    for bad in ("klass=Z", "population=nope", "sort=nope", "per_page=-1"):
        assert client_for(alice).get(f"{base}?{bad}").status_code == 200, bad


def test_the_export_is_the_filtered_rows_of_the_users_scope(
    alice: User, rob: User, pingye: Road
) -> None:
    run, firms = _published(pingye)
    base = f"/evaluation/runs/{run.pk}/results/"
    page = _html(rob, f"{base}?population=-")
    assert f'href="{base}?population=-&amp;format=xlsx"' in page
    for user, query, names in (
        (alice, "", {f.name for f in firms}),
        (alice, "klass=N", {firms[5].name}),
        (rob, "", {firms[0].name, firms[1].name}),
    ):
        response = client_for(user).get(f"{base}?{query}&format=xlsx")
        assert response.status_code == 200
        sheet = CalamineWorkbook.from_filelike(BytesIO(response.content)).get_sheet_by_index(0)
        rows = sheet.to_python()  # type: ignore[attr-defined]
        assert rows[0][:4] == ["企业名称", "统一社会信用代码", "评价类别", "评价等级"]
        assert {r[0] for r in rows[1:]} == names, (user, query)


def test_a_draft_s_results_are_the_park_office_s_alone(
    alice: User, lena: User, rob: User, charlie: User, pingye: Road
) -> None:
    _published(pingye)
    draft = services.run_create(year=2025)
    path = f"/evaluation/runs/{draft.pk}/results/"
    assert client_for(alice).get(path).status_code == 200
    for user in (lena, rob):
        assert client_for(user).get(path).status_code == 404
        assert client_for(user).get(f"{path}?format=xlsx").status_code == 404
    assert client_for(charlie).get(path).status_code == 403
    assert Client().get(path).status_code == 302  # to the login
