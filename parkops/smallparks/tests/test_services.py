"""Small parks built in the test, rated by the stored rules, each figure worked out by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from parkops.evaluation.choices import IncidentGrade, RunStatus, VetoKind
from parkops.evaluation.models import (
    EvaluationResult,
    EvaluationRun,
    Scheme,
    SchemeVersion,
    VetoEvent,
)
from parkops.registry.choices import KeyIndustry
from parkops.registry.models import SmallPark
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.smallparks import rating_selectors, selectors, services
from parkops.smallparks.choices import RatingLevel
from parkops.smallparks.models import Building, SmallParkRating

pytestmark = pytest.mark.django_db
D = Decimal


def _park(name: str, land: str, floor: str, vacant: str, taxes: list[str], key: int) -> SmallPark:
    park = SmallPark.objects.create(name=name, plan_sequence=len(name), land_mu=D(land))
    services.building_create(
        small_park=park, data={"name": "1号楼", "floors": 3, "floor_area_m2": D(floor)}
    )
    if vacant != "0":
        services.vacancy_create(
            small_park=park, data={"area_m2": D(vacant), "vacant_since": date(2024, 1, 1)}
        )
    for i, tax in enumerate(taxes):
        tenant = EnterpriseFactory(
            small_park=park, key_industry=KeyIndustry.BIOMEDICINE if i < key else KeyIndustry.OTHER
        )
        EnterpriseYearFactory(enterprise=tenant, year=2025, tax=D(tax), land_mu=D("2"))
    return park


@pytest.fixture
def two_parks() -> tuple[SmallPark, SmallPark]:
    # 甲: 300 万元 over 10 亩 = 30 万元/亩; vacancy 100 / 1,000 m² = 10%; 2 of 4 tenants key (50%)
    good = _park("甲园", "10", "1000", "100", ["150", "100", "30", "20"], key=2)
    # 乙: 100 万元 over 30 亩 = 3.33 万元/亩; vacancy 620 / 2,000 m² = 31%; 1 of 4 key (25%)
    poor = _park("乙园区", "30", "2000", "620", ["10", "40", "40", "10"], key=1)
    return good, poor


def test_without_evaluation_results_the_rating_says_what_it_could_not_compute(
    two_parks: tuple[SmallPark, SmallPark],
) -> None:
    good, poor = two_parks
    services.rating_run(year=2025)

    # benchmark: (300 + 100) 万元 / (10 + 30) 亩 = 10 万元/亩
    a = SmallParkRating.objects.get(small_park=good, year=2025)
    assert a.level == RatingLevel.UNBALANCED
    assert a.metrics["tax_per_mu_wan"] == "30.00"
    assert a.metrics["benchmark_wan"] == "10.00"
    assert a.metrics["tax_ratio"] == "3.00"
    assert a.metrics["vacancy_pct"] == "10.00"
    assert a.metrics["key_share_pct"] == "50.00"
    assert a.metrics["ab_share_pct"] is None
    assert a.reasons == ["未达优质标准：", "没有企业评价结果，A/B 类与 D 类占比无法计算"]
    assert a.inputs_note == "2025 年度没有已发布的企业评价结果：A/B 类、D 类占比未计算。"
    assert a.rule_set.version == "默认规则 v1"
    assert a.rule_set.is_default

    b = SmallParkRating.objects.get(small_park=poor, year=2025)
    assert b.level == RatingLevel.INEFFICIENT
    assert b.reasons == [
        "低效迹象 3 项，达到 2 项",
        "亩均税收为基准的 0.33 倍，低于 0.5 倍",
        "空置率 31.0%，高于 30%",
        "三大重点产业企业占 25.0%，低于 30%",
    ]


def _published_run(classes: dict[int, str]) -> None:
    scheme, _ = Scheme.objects.get_or_create(name="测试方案")
    version, _ = SchemeVersion.objects.get_or_create(scheme=scheme, number=1, definition={})
    run = EvaluationRun.objects.create(
        year=2025, scheme_version=version, status=RunStatus.PUBLISHED,
        published_at=timezone.now(), input_hash="0" * 64, input_snapshot=b"",
    )  # fmt: skip
    for pk, cls in classes.items():
        EvaluationResult.objects.create(run=run, enterprise_id=pk, evaluation_class=cls)


def test_with_the_published_evaluation_a_park_can_be_good_and_veto_events_make_it_inefficient(
    two_parks: tuple[SmallPark, SmallPark], lena: User
) -> None:
    good, _poor = two_parks
    tenants = list(good.tenants.order_by("pk").values_list("pk", flat=True))
    # A, B, C, C and an exempt T: A/B share 2 of the 4 ranked = 50%, D 0%
    extra = EnterpriseFactory(small_park=good, key_industry=KeyIndustry.BIOMEDICINE)
    _published_run({**dict(zip(tenants, "ABCC", strict=True)), extra.pk: "T"})
    services.rating_run(year=2025)
    rating = SmallParkRating.objects.get(small_park=good, year=2025)
    assert rating.metrics["ab_share_pct"] == "50.00"
    assert rating.metrics["d_share_pct"] == "0.00"
    assert rating.level == RatingLevel.GOOD
    assert rating.reasons == ["各项指标均达到优质标准"]
    assert rating.inputs_note == ""

    for day in (1, 2, 3):
        VetoEvent.objects.create(
            enterprise_id=tenants[0], kind=VetoKind.SAFETY_ACCIDENT,
            grade=IncidentGrade.ORDINARY, occurred_on=date(2025, 5, day),
        )  # fmt: skip
    services.rating_run(year=2025)
    rating.refresh_from_db()
    assert rating.level == RatingLevel.INEFFICIENT
    assert rating.reasons == ["违法违规记录 3 起，达到 3 起，直接评为低效"]
    # the rerun replaced the year's rating; its history keeps both
    assert [h.level for h in rating.history.order_by("history_date")] == ["good", "inefficient"]
    listed = rating_selectors.inefficient_tenants(
        user=lena, small_park=good, year=2025, rule_set=services.ruleset_default()
    )
    assert [(i.enterprise.pk, i.reasons) for i in listed] == [(tenants[0], ["违法违规记录 3 起"])]


def test_a_rule_version_that_has_rated_cannot_be_changed(
    two_parks: tuple[SmallPark, SmallPark],
) -> None:
    services.rating_run(year=2025)
    rules = services.ruleset_default()
    rules.good_max_vacancy_pct = D("20")
    with pytest.raises(ValidationError) as error:
        rules.full_clean()
    assert "该规则版本已用于评定，不能修改阈值；请新建一个版本" in str(error.value)
    rules.refresh_from_db()
    rules.note = "说明可以改"
    rules.full_clean()


def test_the_inefficient_tenants_of_a_park_are_listed_with_reasons(
    two_parks: tuple[SmallPark, SmallPark], lena: User
) -> None:
    _good, poor = two_parks
    # each tenant has 2 亩: tax 10 → 5 万元/亩 (< 10), tax 40 → 20 万元/亩
    found = rating_selectors.inefficient_tenants(
        user=lena, small_park=poor, year=2025, rule_set=services.ruleset_default()
    )
    assert [item.reasons for item in found] == [
        ["亩均税收 5.00 万元/亩，低于 10 万元/亩"],
        ["亩均税收 5.00 万元/亩，低于 10 万元/亩"],
    ]


def test_occupancy_is_current_as_tenancies_start_and_end_and_space_is_let() -> None:
    park = SmallPark.objects.create(name="丙园", land_mu=D("8"), floor_area_m2=D("5000"))
    tenant = EnterpriseFactory(small_park=park)
    # no building recorded: the small park's own floor area is the total
    tenancy = services.tenancy_create(
        small_park=park,
        data={"enterprise": tenant, "floor_area_m2": D("3000"), "starts_on": date(2024, 1, 1)},
    )
    vacancy = services.vacancy_create(
        small_park=park, data={"area_m2": D("2000"), "vacant_since": date(2024, 1, 1)}
    )
    o = selectors.occupancy(park, date(2025, 1, 1))
    assert (o.total_m2, o.basis, o.occupancy_pct, o.vacancy_pct) == (
        D("5000"), "小园区登记面积", D("60"), D("40")
    )  # fmt: skip
    services.vacancy_let(vacancy=vacancy, let_on=date(2025, 2, 1))
    services.tenancy_end(tenancy=tenancy, ends_on=date(2025, 3, 31))
    o = selectors.occupancy(park, date(2025, 4, 1))
    assert (o.leased_m2, o.vacant_m2) == (D("0"), D("0"))
    with pytest.raises(ValidationError) as error:
        services.tenancy_end(tenancy=tenancy, ends_on=date(2023, 1, 1))
    assert "到期日期不能早于起租日期" in str(error.value)


def test_a_tenant_registered_in_another_small_park_is_refused() -> None:
    here = SmallPark.objects.create(name="丁园")
    there = SmallPark.objects.create(name="戊园")
    other = Building.objects.create(small_park=there, name="A", floors=1, floor_area_m2=D("100"))
    with pytest.raises(ValidationError) as error:
        services.tenancy_create(
            small_park=here,
            data={"enterprise": EnterpriseFactory(small_park=there), "building": other,
                  "floor_area_m2": D("100"), "starts_on": date(2025, 1, 1)},
        )  # fmt: skip
    assert error.value.message_dict == {
        "building": ["该楼栋不属于本小园区"],
        "enterprise": ["该企业登记在其他小园区"],
    }


def test_the_inefficient_tenant_list_measures_a_tenants_land_as_the_evaluation_does(
    lena: User,
) -> None:
    park = SmallPark.objects.create(name="丁园", land_mu=D("10"))
    tenant = EnterpriseFactory(small_park=park)
    # A tenant renting 4,000 m² (2 亩 at 2,000 m² per 亩) with 20 亩 also typed in: the evaluation
    # measures 20 万元 of tax over 2 亩 = 10 万元/亩, not over 20 亩 = 1 万元/亩.
    EnterpriseYearFactory(enterprise=tenant, year=2025, tax=D("20"), land_basis="rented",
                          land_mu=D("20"), rented_floor_m2=D("4000"))  # fmt: skip
    listed = rating_selectors.inefficient_tenants(
        user=lena, small_park=park, year=2025, rule_set=services.ruleset_default()
    )
    assert listed == []
    # 19.99 万元 over 2 亩 = 9.995 万元/亩: below 10, and printed so (not "10.00")
    EnterpriseYearFactory(enterprise=EnterpriseFactory(small_park=park), year=2025,
                          tax=D("19.99"), land_basis="rented", rented_floor_m2=D("4000"))  # fmt: skip
    listed = rating_selectors.inefficient_tenants(
        user=lena, small_park=park, year=2025, rule_set=services.ruleset_default()
    )
    assert [i.reasons for i in listed] == [["亩均税收 9.995 万元/亩，低于 10 万元/亩"]]


@pytest.mark.parametrize("year", [0, -1, 10**9])
def test_a_rating_run_refuses_an_impossible_year(year: int) -> None:
    with pytest.raises(ValidationError) as refused:
        services.rating_run(year=year)
    assert refused.value.message_dict == {"year": ["年度应在 1900–2100 之间"]}
    assert not SmallParkRating.objects.exists()
