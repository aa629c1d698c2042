from decimal import Decimal

from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parkops.conftest import client_for
from parkops.registry.models import Enterprise, EnterpriseYear, SmallPark
from parkops.registry.tests.factories import (
    EnterpriseFactory,
    EnterpriseYearFactory,
    LandPlotFactory,
)


def test_enterprise_list_filters_by_small_park(
    lena: User, ailiu: SmallPark, changning: SmallPark
) -> None:
    inside = EnterpriseFactory.create_batch(2, small_park=ailiu)
    outside = EnterpriseFactory(small_park=changning)
    html = client_for(lena).get("/enterprises/", {"small_park": ailiu.pk}).content.decode()
    assert all(e.name in html for e in inside)
    assert outside.name not in html
    assert "共 2 条" in html


def test_enterprise_list_searches_name_and_code_and_filters_above_scale(lena: User) -> None:
    big = EnterpriseYearFactory(revenue=Decimal("2000")).enterprise
    small = EnterpriseYearFactory(revenue=Decimal("1999")).enterprise
    client = client_for(lena)
    assert big.name in client.get("/enterprises/", {"q": big.uscc.lower()}).content.decode()
    html = client.get("/enterprises/", {"above_scale": "true"}).content.decode()
    assert big.name in html
    assert small.name not in html


def test_an_htmx_request_gets_only_the_results(lena: User) -> None:
    EnterpriseFactory()
    response = client_for(lena).get("/enterprises/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results"')
    assert "<nav" not in html


def test_enterprise_list_query_count_does_not_grow_with_rows(lena: User, ailiu: SmallPark) -> None:
    client = client_for(lena)
    EnterpriseYearFactory(enterprise=EnterpriseFactory(small_park=ailiu))
    with CaptureQueriesContext(connection) as few:
        client.get("/enterprises/")
    for _ in range(20):
        EnterpriseYearFactory(enterprise=EnterpriseFactory(small_park=ailiu))
    with CaptureQueriesContext(connection) as many:
        client.get("/enterprises/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_demo_enterprises_carry_the_demo_mark(lena: User) -> None:
    demo = EnterpriseFactory(is_demo=True)
    plain = EnterpriseFactory(is_demo=False)
    client = client_for(lena)
    badge = '<span class="badge text-bg-warning" title="虚构企业，数据仅供演示">演示数据</span>'
    listing = client.get("/enterprises/").content.decode()
    # "演示数据" is also a filter's label on the list page: count the badge after a name.
    assert f"{demo.name} {badge}" in listing
    assert f"{plain.name} {badge}" not in listing
    assert listing.count(badge) == 1
    assert badge in client.get(f"/enterprises/{demo.pk}/").content.decode()
    assert badge not in client.get(f"/enterprises/{plain.pk}/").content.decode()


def test_form_refuses_a_wrong_uscc_in_chinese(alice: User) -> None:
    response = client_for(alice).post(
        "/enterprises/new/",
        {"name": "上海错码有限公司", "uscc": "91350200776049654A", "status": "operating"},
    )
    assert response.status_code == 200
    assert (
        "统一社会信用代码第 17 位（组织机构代码校验码）应为“3”，实际为“4”"
        in response.content.decode()
    )
    assert not Enterprise.objects.filter(name="上海错码有限公司").exists()


def test_edit_is_saved_and_shown_in_the_history(alice: User) -> None:
    enterprise = EnterpriseFactory(address="旧地址")
    client = client_for(alice)
    data = {
        "name": enterprise.name,
        "uscc": enterprise.uscc,
        "industry_code": "C27",
        "address": "月工路 1 号",
        "status": "operating",
    }
    response = client.post(f"/enterprises/{enterprise.pk}/edit/", data)
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.address == "月工路 1 号"
    last = enterprise.history.first()
    assert last.history_user == alice
    html = client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    assert "地址：旧地址 → 月工路 1 号" in html
    assert "alice" in html


YEAR = {
    "year": "2025", "output_value": "3200.5", "revenue": "2800", "tax": "186.2",
    "value_added": "", "energy_tce": "", "emissions_t": "", "rd_expense": "", "employees": "45",
    "land_basis": "owned", "land_mu": "12.5", "rented_floor_m2": "", "note": "",
}  # fmt: skip


def test_the_park_office_adds_a_year_by_hand(alice: User) -> None:
    enterprise = EnterpriseFactory()
    client = client_for(alice)
    assert 'id="year-new"' in client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    response = client.post(f"/enterprises/{enterprise.pk}/years/new/", YEAR)
    assert response.status_code == 302
    year = EnterpriseYear.objects.get(enterprise=enterprise, year=2025)
    assert (year.output_value, year.tax, year.land_mu, year.employees, year.source) == (
        Decimal("3200.50"), Decimal("186.20"), Decimal("12.500"), 45, "manual",
    )  # fmt: skip
    assert year.is_above_scale is True  # revenue 2,800 万元 ≥ 2,000
    assert year.history.get().history_user == alice


def test_a_second_record_of_the_same_year_is_refused(alice: User) -> None:
    stored = EnterpriseYearFactory(year=2025)
    response = client_for(alice).post(f"/enterprises/{stored.enterprise_id}/years/new/", YEAR)
    assert response.status_code == 200
    assert "该企业该年度的数据已存在" in response.content.decode()
    assert EnterpriseYear.objects.filter(enterprise=stored.enterprise).count() == 1


def test_a_tenant_without_floor_space_and_a_negative_output_are_refused(alice: User) -> None:
    enterprise = EnterpriseFactory()
    bad = {**YEAR, "land_basis": "rented", "land_mu": "", "output_value": "-1"}
    response = client_for(alice).post(f"/enterprises/{enterprise.pk}/years/new/", bad)
    html = response.content.decode()
    assert "租赁厂房的企业须填写租用建筑面积" in html
    assert "产值、收入、增加值、能耗、排放、研发经费和面积不能为负数" in html
    assert not EnterpriseYear.objects.filter(enterprise=enterprise).exists()


def test_correcting_a_year_needs_a_reason_which_the_history_keeps(alice: User) -> None:
    stored = EnterpriseYearFactory(year=2025, tax=Decimal("150"))
    url = f"/enterprises/{stored.enterprise_id}/years/2025/edit/"
    client = client_for(alice)
    fixed = {**YEAR, "year": "2019", "tax": "160"}
    response = client.post(url, fixed)
    assert response.status_code == 200
    assert 'data-field="reason"' in response.content.decode()
    response = client.post(url, {**fixed, "reason": "税务局更正"})
    assert response.status_code == 302
    stored.refresh_from_db()
    assert (stored.year, stored.tax) == (2025, Decimal("160.00"))  # the year stays
    assert stored.history.first().history_change_reason == "税务局更正"


def test_readers_cannot_add_or_correct_years(lena: User) -> None:
    stored = EnterpriseYearFactory(year=2025)
    client = client_for(lena)
    page = client.get(f"/enterprises/{stored.enterprise_id}/").content.decode()
    assert 'id="year-new"' not in page
    assert client.get(f"/enterprises/{stored.enterprise_id}/years/new/").status_code == 403
    edit = f"/enterprises/{stored.enterprise_id}/years/2025/edit/"
    assert client.post(edit, {**YEAR, "reason": "x"}).status_code == 403


def test_small_park_page_lists_its_tenants_and_plots(lena: User, ailiu: SmallPark) -> None:
    tenant = EnterpriseFactory(small_park=ailiu)
    plot = LandPlotFactory(small_park=ailiu)
    html = client_for(lena).get(f"/small-parks/{ailiu.pk}/").content.decode()
    assert tenant.name in html
    assert plot.name in html


def test_small_park_list_counts_tenants(lena: User, ailiu: SmallPark) -> None:
    EnterpriseFactory.create_batch(3, small_park=ailiu)
    EnterpriseFactory(small_park=ailiu, is_demo=True)
    item = client_for(lena).get("/api/small-parks").json()["items"][0]
    assert item["tenant_count"] == 4
