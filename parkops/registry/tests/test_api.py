from decimal import Decimal

from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.registry.models import Enterprise, EnterpriseYear, SmallPark
from parkops.registry.schemas import YEAR_PUT_REQUIRED
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory

# A PUT names every figure of the year; null is "not reported".
BLANK_YEAR = {**dict.fromkeys(YEAR_PUT_REQUIRED), "land_basis": "owned"}


def test_list_uses_the_page_filters(lena: User, ailiu: SmallPark) -> None:
    inside = EnterpriseFactory(small_park=ailiu, key_industry="biomedicine")
    EnterpriseFactory()
    body = (
        client_for(lena)
        .get("/api/enterprises", {"small_park": ailiu.pk, "key_industry": "biomedicine"})
        .json()
    )
    assert body["count"] == 1
    assert body["items"][0]["name"] == inside.name
    assert body["items"][0]["small_park"] == ailiu.pk


def test_years_endpoint(lena: User) -> None:
    year = EnterpriseYearFactory()
    body = client_for(lena).get(f"/api/enterprises/{year.enterprise_id}/years").json()
    assert [(y["year"], y["revenue"], y["is_above_scale"]) for y in body] == [
        (2025, "2500.00", True)
    ]


def test_create_refuses_a_wrong_uscc_with_a_chinese_message(alice: User) -> None:
    response = client_for(alice).post(
        "/api/enterprises",
        {"name": "上海错码有限公司", "uscc": "91350200776049653B"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "uscc": ["统一社会信用代码第 18 位（校验码）应为“A”，实际为“B”"]
    }
    assert not Enterprise.objects.filter(name="上海错码有限公司").exists()


def test_create_and_patch_keep_history(alice: User, ailiu: SmallPark) -> None:
    client = client_for(alice)
    created = client.post(
        "/api/enterprises",
        {"name": "上海接口新增有限公司", "uscc": "91440101ma5cjq4n59", "small_park": ailiu.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert created.json()["uscc"] == "91440101MA5CJQ4N59"
    unbased = client.patch(
        f"/api/enterprises/{pk}", {"address": "金轩路 8 号"}, content_type="application/json"
    )
    assert unbased.status_code == 428  # a change to a stored record names its version
    assert unbased.json()["detail"].startswith("修改已有记录须给出所依据的版本")
    version = created.json()["version"]
    patched = client.patch(
        f"/api/enterprises/{pk}",
        {"address": "金轩路 8 号", "version": version},
        content_type="application/json",
    )
    assert patched.status_code == 200
    enterprise = Enterprise.objects.get(pk=pk)
    assert enterprise.address == "金轩路 8 号"
    assert [h.history_type for h in enterprise.history.all()] == ["~", "+"]


def test_unknown_small_park_is_a_422(alice: User) -> None:
    response = client_for(alice).post(
        "/api/enterprises",
        {"name": "上海无园区有限公司", "small_park": 999999},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"small_park": ["编号 999999 不存在"]}


def test_put_creates_a_year_then_corrects_it_only_with_a_reason(alice: User) -> None:
    firm = EnterpriseFactory()
    client = client_for(alice)
    url = f"/api/enterprises/{firm.pk}/years/2025"
    body = {**BLANK_YEAR, "revenue": "2500", "tax": "100", "land_mu": "10"}
    created = client.put(url, body, content_type="application/json")
    assert created.status_code == 201
    assert (created.json()["year"], created.json()["is_above_scale"]) == (2025, True)
    body["version"] = created.json()["version"]
    refused = client.put(url, {**body, "tax": "120"}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"reason": ["更正已有的年度数据须说明修改原因"]}
    fixed = client.put(
        url, {**body, "tax": "120", "reason": "税务局更正"}, content_type="application/json"
    )
    assert fixed.status_code == 200
    year = EnterpriseYear.objects.get(enterprise=firm, year=2025)
    assert (year.tax, year.source) == (Decimal("120.00"), "manual")
    assert year.history.first().history_change_reason == "税务局更正"


def test_put_refuses_broken_figures_and_readers(alice: User, lena: User) -> None:
    firm = EnterpriseFactory()
    url = f"/api/enterprises/{firm.pk}/years/2025"
    bad = {**BLANK_YEAR, "land_basis": "rented", "output_value": "-5"}
    response = client_for(alice).put(url, bad, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]["__all__"] == [
        "产值、收入、增加值、能耗、排放、研发经费和面积不能为负数",
        "租赁厂房的企业须填写租用建筑面积",
    ]
    reader = client_for(lena).put(url, {"tax": "1"}, content_type="application/json")
    assert reader.status_code == 403
    assert not EnterpriseYear.objects.filter(enterprise=firm).exists()
