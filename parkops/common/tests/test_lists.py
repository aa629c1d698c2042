"""The shared list helper and the one .xlsx response, on every list they serve."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from python_calamine import CalamineWorkbook

from parkops.common.lists import Export, export_links
from parkops.common.xlsx import xlsx_response
from parkops.conftest import client_for
from parkops.core.xlsx import XLSX_CONTENT_TYPE
from parkops.evaluation.choices import VetoKind
from parkops.evaluation.models import Scheme, SchemeVersion, VetoEvent
from parkops.registry.models import SmallPark
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.smallparks import services as estates

pytestmark = pytest.mark.django_db


def test_it_sends_an_xlsx_named_in_utf8_and_never_stored() -> None:
    response = xlsx_response(io.BytesIO(b"PK-bytes"), "评价结果 2025/Q1")
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="export.xlsx"; '
        "filename*=UTF-8''%E8%AF%84%E4%BB%B7%E7%BB%93%E6%9E%9C%202025%2FQ1.xlsx"
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content == b"PK-bytes"
    named = xlsx_response(b"x", "annex-4.xlsx")["Content-Disposition"]
    assert named == "attachment; filename=\"annex-4.xlsx\"; filename*=UTF-8''annex-4.xlsx"


def test_export_links_carry_the_filters_and_sort_but_not_the_page() -> None:
    request = RequestFactory().get("/x/", {"kind": "srdi", "sort": "-year", "page": "3"})
    [link] = export_links(request, [Export("导出", "/x/export.xlsx", "export")])
    assert link == Export("导出", "/x/export.xlsx?kind=srdi&sort=-year", "export")
    fixed = Export("导出", "/x/", params=(("format", "xlsx"),))
    assert export_links(RequestFactory().get("/x/"), [fixed])[0].url == "/x/?format=xlsx"


def test_an_htmx_request_gets_the_results_with_the_exports_inside(lena: User) -> None:
    client = client_for(lena)
    partial = client.get("/cultivation/", {"kind": "srdi"}, HTTP_HX_REQUEST="true")
    html = partial.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert 'href="/cultivation/export.xlsx?kind=srdi"' in html
    assert "<h1" not in html  # the partial, not the page


def test_the_veto_list_pages_past_500_events(lena: User) -> None:
    enterprise = EnterpriseFactory()
    VetoEvent.objects.bulk_create(
        VetoEvent(enterprise=enterprise, kind=VetoKind.values[0], occurred_on=date(2025, 1, 1))
        for _ in range(501)
    )
    page = client_for(lena).get("/evaluation/veto-events/", {"page": 11})
    assert page.status_code == 200
    assert page.context["table"].paginator.count == 501
    assert len(page.context["table"].page.object_list) == 1  # the 501st, on page 11 of 50 each


def test_the_vacancy_list_filters_pages_and_exports_the_filtered_rows(
    lena: User, ailiu: SmallPark
) -> None:
    for area, uses in ((Decimal(800), "仓储"), (Decimal(1200), "精密加工"), (Decimal(300), "")):
        estates.vacancy_create(
            small_park=ailiu,
            data={"area_m2": area, "vacant_since": date(2025, 1, 1), "suitable_uses": uses},
        )
    client = client_for(lena)
    page = client.get("/estates/vacancies/", {"min_area": 500, "per_page": 1})
    assert page.context["table"].paginator.count == 2
    assert len(page.context["table"].page.object_list) == 1
    assert 'href="/estates/vacancies/?min_area=500&amp;per_page=1&amp;format=xlsx"' in (
        page.content.decode()
    )
    response = client.get("/estates/vacancies/", {"q": "精密", "format": "xlsx"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    assert [r[5] for r in rows.to_python()[1:]] == ["精密加工"]


def test_the_project_list_pages(lena: User) -> None:
    from parkops.execution.services import execution_plan_load
    from parkops.plan.services import plan_load

    plan_load()
    execution_plan_load()
    page = client_for(lena).get("/projects/", {"per_page": 1})
    assert page.context["table"].paginator.count == 2
    assert len(page.context["table"].page.object_list) == 1
    shown = set(re.findall(r'class="project-row" data-project="(\d+)"', page.content.decode()))
    assert len(shown) == 1


@pytest.mark.parametrize(
    "path", ["/evaluation/", "/evaluation/schemes/", "/api/evaluation/schemes"]
)
def test_reading_the_schemes_writes_nothing(alice: User, path: str) -> None:
    SchemeVersion.objects.all().delete()
    Scheme.objects.all().delete()
    assert client_for(alice).get(path).status_code == 200
    assert (Scheme.objects.count(), SchemeVersion.objects.count()) == (0, 0)


def test_the_default_scheme_is_there_from_the_migrations() -> None:
    [version] = SchemeVersion.objects.select_related("scheme")
    assert (version.number, version.is_provisional) == (1, True)
    assert version.scheme.name.startswith("默认方案")
