"""The years API: PUT replaces a whole year and refuses a partial body, PATCH changes only what
it names, every stored year serialises, and a write based on an outdated version is refused."""

from decimal import Decimal

from django.contrib.auth.models import User

from parkops.conftest import client_for
from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseYearFactory
from parkops.registry.tests.test_api import BLANK_YEAR

JSON = "application/json"


def test_a_year_without_revenue_serialises(alice: User) -> None:
    year = EnterpriseYearFactory(revenue=None)
    response = client_for(alice).get(f"/api/enterprises/{year.enterprise_id}/years")
    assert response.status_code == 200
    assert [(y["revenue"], y["is_above_scale"]) for y in response.json()] == [(None, None)]


def test_put_with_a_partial_body_is_refused_and_blanks_nothing(alice: User) -> None:
    year = EnterpriseYearFactory()
    url = f"/api/enterprises/{year.enterprise_id}/years/2025"
    response = client_for(alice).put(url, {"tax": "160", "reason": "更正"}, content_type=JSON)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert sorted(errors) == sorted(set(BLANK_YEAR) - {"tax"})
    assert errors["revenue"] == [
        "PUT 替换整个年度，须给出此项（未报告填 null）；只改部分数据请用 PATCH"
    ]
    stored = EnterpriseYear.objects.get(pk=year.pk)
    assert (stored.output_value, stored.revenue, stored.tax) == (
        Decimal("3000.00"), Decimal("2500.00"), Decimal("150.00"),
    )  # fmt: skip
    assert stored.history.count() == 1


def test_patch_changes_only_what_it_names(alice: User) -> None:
    year = EnterpriseYearFactory()
    url = f"/api/enterprises/{year.enterprise_id}/years/2025"
    client = client_for(alice)
    unbased = client.patch(url, {"tax": "160", "reason": "税务局更正"}, content_type=JSON)
    assert unbased.status_code == 428
    version = year.updated_at.isoformat()
    refused = client.patch(url, {"tax": "160", "version": version}, content_type=JSON)
    assert refused.status_code == 422
    assert refused.json()["errors"] == {"reason": ["更正已有的年度数据须说明修改原因"]}
    response = client.patch(
        url, {"tax": "160", "reason": "税务局更正"}, content_type=JSON, HTTP_IF_MATCH=f'"{version}"'
    )
    assert response.status_code == 200
    stored = EnterpriseYear.objects.get(pk=year.pk)
    assert (stored.output_value, stored.revenue, stored.tax, stored.land_mu) == (
        Decimal("3000.00"), Decimal("2500.00"), Decimal("160.00"), Decimal("10.00"),
    )  # fmt: skip
    assert stored.history.first().history_change_reason == "税务局更正"
    assert response.json()["version"] == stored.updated_at.isoformat()
    missing = client.patch(
        f"/api/enterprises/{year.enterprise_id}/years/2019", {"tax": "1"}, content_type=JSON
    )
    assert missing.status_code == 404
