from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from parkops.registry.models import Enterprise, EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("revenue", "above"), [(Decimal("2000"), True), (Decimal("1999.99"), False), (None, None)]
)
def test_above_scale_is_derived_from_revenue_in_the_database(
    revenue: Decimal | None, above: bool | None
) -> None:
    year = EnterpriseYearFactory(revenue=revenue)
    year.refresh_from_db()
    assert year.is_above_scale is above
    assert EnterpriseYear.objects.filter(is_above_scale=above).count() == 1


def test_it_refuses_negative_figures_with_a_chinese_message() -> None:
    year = EnterpriseYearFactory.build(enterprise=EnterpriseFactory(), output_value=Decimal("-1"))
    with pytest.raises(ValidationError) as info:
        year.full_clean()
    assert "产值、收入、增加值、能耗、排放、研发经费和面积不能为负数" in info.value.messages


def test_a_rented_basis_needs_the_floor_space() -> None:
    year = EnterpriseYearFactory.build(
        enterprise=EnterpriseFactory(), land_basis="rented", land_mu=None
    )
    with pytest.raises(ValidationError) as info:
        year.full_clean()
    assert "租赁厂房的企业须填写租用建筑面积" in info.value.messages


def test_one_row_per_enterprise_and_year() -> None:
    first = EnterpriseYearFactory()
    duplicate = EnterpriseYearFactory.build(enterprise=first.enterprise, year=first.year)
    with pytest.raises(ValidationError) as info:
        duplicate.full_clean()
    assert "该企业该年度的数据已存在" in info.value.messages


def test_an_enterprise_with_annual_figures_cannot_be_deleted() -> None:
    year = EnterpriseYearFactory()
    with pytest.raises(ProtectedError):
        year.enterprise.delete()
    assert Enterprise.objects.filter(pk=year.enterprise.pk).exists()


def test_codes_are_stored_in_canonical_form() -> None:
    enterprise = Enterprise(
        name="上海规范化有限公司", uscc="91350200776049653a", industry_code="2710"
    )
    enterprise.full_clean()
    assert enterprise.uscc == "91350200776049653A"
    assert enterprise.industry_code == "C2710"


def test_a_wrong_code_is_refused_on_its_field_only() -> None:
    enterprise = Enterprise(name="上海错码有限公司", uscc="91350200776049653B", industry_code="D27")
    with pytest.raises(ValidationError) as info:
        enterprise.full_clean()
    assert info.value.message_dict == {
        "uscc": ["统一社会信用代码第 18 位（校验码）应为“A”，实际为“B”"],
        "industry_code": ["行业代码“D27”的门类字母应为“C”"],
    }


def test_blank_codes_do_not_collide() -> None:
    EnterpriseFactory(uscc=None)
    second = Enterprise(name="上海另一家无代码有限公司", uscc="")
    second.full_clean()
    second.save()
    assert Enterprise.objects.filter(uscc=None).count() == 2
