"""The small-park pages and API: roles, the owner maintaining its own estate, the export."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.ops.models import Job
from parkops.registry.models import SmallPark
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.smallparks import services
from parkops.smallparks.models import SmallParkRating, VacantSpace

pytestmark = pytest.mark.django_db


def test_a_reader_sees_the_rating_list_and_cannot_run_it(lena: User, ailiu: SmallPark) -> None:
    client = client_for(lena)
    page = client.get("/estates/ratings/?year=2025")
    assert page.status_code == 200
    assert "矮柳" in page.content.decode()
    assert 'id="run-rating"' not in page.content.decode()
    assert client.post("/estates/ratings/run/", {"year": 2025}).status_code == 403
    assert client.get(f"/estates/{ailiu.pk}/add/vacancy/").status_code == 403


def test_the_park_office_runs_the_rating_and_the_list_shows_levels(
    alice: User, ailiu: SmallPark
) -> None:
    ailiu.land_mu = Decimal("10")
    ailiu.save()
    EnterpriseYearFactory(enterprise=EnterpriseFactory(small_park=ailiu), year=2025, tax=Decimal(1))
    response = client_for(alice).post("/estates/ratings/run/", {"year": 2025})
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    job_page = client_for(alice).get(response["Location"]).content.decode()
    assert 'href="/estates/ratings/?year=2025"' in job_page
    assert "已评定 2025 年度 1 个小园区" in job_page
    rating = SmallParkRating.objects.get(small_park=ailiu, year=2025)
    page = client_for(alice).get("/estates/ratings/?year=2025").content.decode()
    assert rating.get_level_display() in page
    assert "默认规则 v1" in page
    api = client_for(alice).get("/api/estates/ratings?year=2025").json()
    assert api[0]["small_park"] == "矮柳"
    assert api[0]["level"] == rating.level
    assert api[0]["reasons"] == rating.reasons


def test_charlie_is_refused_everywhere(charlie: User, ailiu: SmallPark) -> None:
    client = client_for(charlie)
    for url in ("/estates/ratings/", f"/estates/{ailiu.pk}/", "/estates/vacancies/",
                "/api/estates/ratings?year=2025", f"/api/estates/{ailiu.pk}/occupancy"):  # fmt: skip
        assert client.get(url).status_code == 403, url


def test_an_owner_maintains_its_own_small_park_only(
    olga: User, ailiu: SmallPark, changning: SmallPark
) -> None:
    client = client_for(olga)
    assert client.get(f"/estates/{ailiu.pk}/").status_code == 200
    assert client.get(f"/estates/{changning.pk}/").status_code == 404
    assert client.get(f"/estates/{changning.pk}/add/vacancy/").status_code == 403
    response = client.post(
        f"/estates/{ailiu.pk}/add/vacancy/",
        {"area_m2": "800", "vacant_since": "2025-06-01", "suitable_uses": "生物医药研发",
         "floor": "2", "building": "", "note": ""},
    )  # fmt: skip
    assert response.status_code == 302
    vacancy = VacantSpace.objects.get(small_park=ailiu)
    assert vacancy.area_m2 == Decimal("800")
    assert vacancy.history.first().history_change_reason == "登记空置厂房"
    response = client.post(
        f"/estates/{ailiu.pk}/add/vacancy/", {"area_m2": "0", "vacant_since": "2025-06-01"}
    )
    assert response.status_code == 200
    assert 'data-field="area_m2"' in response.content.decode()
    client.post(f"/estates/{ailiu.pk}/vacancies/{vacancy.pk}/let/", {"on": "2025-09-01"})
    vacancy.refresh_from_db()
    assert vacancy.let_on == date(2025, 9, 1)


def test_the_vacancy_export_lists_current_space_for_investment(
    dora: User, ailiu: SmallPark
) -> None:
    services.vacancy_create(
        small_park=ailiu,
        data={"area_m2": Decimal("1200"), "vacant_since": date(2025, 1, 15), "floor": 3,
              "suitable_uses": "=精密加工"},
    )  # fmt: skip
    services.vacancy_create(
        small_park=ailiu,
        data={"area_m2": Decimal("500"), "vacant_since": date(2024, 1, 1),
              "let_on": date(2024, 6, 1)},
    )  # fmt: skip
    response = client_for(dora).get("/estates/vacancies/?format=xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    data = rows.to_python()
    assert data[0][:6] == ["小园区", "楼栋", "楼层", "空置面积（㎡）", "空置起始日期", "适合用途"]
    assert len(data) == 2  # the space let in 2024 is no longer vacant
    assert data[1][0] == "矮柳"
    assert data[1][3] == 1200.0
    assert data[1][5] == "=精密加工"  # stored as text, never a formula


def test_the_estate_page_shows_the_occupancy(alice: User, ailiu: SmallPark) -> None:
    services.building_create(
        small_park=ailiu, data={"name": "A 栋", "floors": 4, "floor_area_m2": Decimal("4000")}
    )
    services.tenancy_create(
        small_park=ailiu,
        data={"enterprise": EnterpriseFactory(small_park=ailiu),
              "floor_area_m2": Decimal("3000"), "starts_on": date(2024, 1, 1)},
    )  # fmt: skip
    page = client_for(alice).get(f"/estates/{ailiu.pk}/").content.decode()
    assert "75.0 / 0.0" in page
    occupancy = client_for(alice).get(f"/api/estates/{ailiu.pk}/occupancy").json()
    assert occupancy["occupancy_pct"] == "75"


def test_the_rating_list_reads_the_twenty_parks_in_a_fixed_number_of_queries(
    alice: User, django_assert_max_num_queries: object
) -> None:
    from parkops.plan.services import plan_load

    plan_load()
    SmallPark.objects.update(floor_area_m2=Decimal("1000"))
    services.rating_run(year=2024)
    services.rating_run(year=2025)
    client = client_for(alice)
    client.get("/estates/ratings/?year=2025")  # warm the session and permission caches
    with django_assert_max_num_queries(9):  # type: ignore[operator]
        page = client.get("/estates/ratings/?year=2025")
    assert page.content.decode().count('class="badge text-bg-') >= 20


def test_a_park_whose_tax_per_mu_and_vacancy_cannot_be_computed_is_not_rated(
    alice: User, ailiu: SmallPark
) -> None:
    changning = SmallPark.objects.create(name="长宁", floor_area_m2=Decimal("5000"))
    response = client_for(alice).post("/estates/ratings/run/", {"year": 2025}, follow=True)
    assert list(SmallParkRating.objects.values_list("small_park__name", flat=True)) == ["长宁"]
    assert changning.ratings.count() == 1
    assert "已评定 2025 年度 1 个小园区；1 个小园区缺少计算亩均税收和空置率的数据，未评定" in (
        response.content.decode()
    )


def test_the_rating_page_states_the_rules_and_how_they_differ_from_the_reference(
    lena: User,
) -> None:
    # no rule set stored yet: the default rules as the model gives them
    html = client_for(lena).get("/estates/ratings/?year=2025").content.decode()
    rules = html[html.index('id="rating-rules"') :]
    rules = rules[: rules.index("</ol>")]
    assert "违法违规记录（当年园内企业的否决事项，不分等级）达到 3 起：直接评为低效" in rules
    assert (
        "R 低于 0.5；空置率高于 30%；D 类企业占比高于 30%；三大重点产业企业占比低于 30%。达到 2 项评为低效"
        in rules
    )
    differences = html[html.index('id="reference-differences"') :]
    assert "不计 100 分制得分" in differences
    assert "§4 一起较大及以上安全事故或严重环境违法即评为低效" in differences
    # a stored version's own numbers
    rules_v2 = services.ruleset_default()
    rules_v2.bad_veto_violations = 5
    rules_v2.save()
    html = client_for(lena).get("/estates/ratings/?year=2025").content.decode()
    assert "达到 5 起：直接评为低效" in html
    assert "参考资料 §4" in html


def test_the_rating_rules_are_stated_in_english_too(lena: User) -> None:
    client = client_for(lena)
    client.cookies["django_language"] = "en"
    html = client.get("/estates/ratings/?year=2025").content.decode()
    assert "No 100-point score" in html
    assert "不计 100 分制得分" not in html


def test_the_years_are_read_without_the_models_ordering(ailiu: SmallPark) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from parkops.smallparks.rating_selectors import rating_years

    for year in (2024, 2025):
        EnterpriseYearFactory(enterprise=EnterpriseFactory(small_park=ailiu), year=year)
    with CaptureQueriesContext(connection) as queries:
        assert rating_years() == [2025, 2024]
    # One DISTINCT over the year alone: the default ordering must not widen it per enterprise.
    assert len(queries) == 2
    for query in queries:
        assert "ORDER BY" not in query["sql"]
        assert "enterprise_id" not in query["sql"].split("FROM")[0]


def test_the_figure_years_are_those_a_distinct_finds(ailiu: SmallPark) -> None:
    """The years stepped through the index are exactly the distinct years, gaps included."""
    from parkops.registry.models import EnterpriseYear
    from parkops.smallparks.rating_selectors import rating_years

    assert rating_years() == []
    for year in (2021, 2024, 2024, 2025, 2021):
        EnterpriseYearFactory(enterprise=EnterpriseFactory(small_park=ailiu), year=year)
    distinct = EnterpriseYear.objects.order_by("-year").values_list("year", flat=True).distinct()
    assert rating_years() == list(distinct) == [2025, 2024, 2021]
