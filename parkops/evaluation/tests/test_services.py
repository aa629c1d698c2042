"""Runs from the database to stored results; publishing; vetoes; tenants; comparisons."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from parkops.evaluation import run_figures, selectors, services
from parkops.evaluation.choices import IncidentGrade, RunStatus, VetoKind
from parkops.evaluation.models import IndicatorResult, SchemeVersion
from parkops.evaluation.tests.factories import add_year, enterprise_with_year
from parkops.registry.choices import LandBasis

pytestmark = pytest.mark.django_db


def test_a_run_stores_every_enterprise_its_indicators_and_the_input_hash() -> None:
    strong = enterprise_with_year(tax=Decimal("800"))
    weak = enterprise_with_year(tax=Decimal("10"))
    small = enterprise_with_year(revenue=Decimal("800"), land_mu=Decimal("1"))

    run = services.run_create(year=2025)

    results = {r.enterprise_id: r for r in run.results.all()}
    assert set(results) == {strong.pk, weak.pk, small.pk}
    assert results[strong.pk].rank == 1
    assert results[weak.pk].rank == 2
    assert results[strong.pk].population_label == "规上企业"
    assert (results[small.pk].evaluation_class, results[small.pk].excluded_reason) == (
        "N",
        "用地面积不足 1.5 亩",
    )
    # 800 万元 over 10 亩 = 80 per 亩, capped at 3 × 24.097
    tax = IndicatorResult.objects.get(result=results[strong.pk], code="tax_per_mu")
    assert tax.value == 80.0
    assert tax.is_capped
    assert tax.score == pytest.approx(90.0)
    assert (
        IndicatorResult.objects.filter(result__run=run).count() == 6 + 6 + 1
    )  # N keeps its figures
    assert run.scheme_version.is_provisional
    assert run.status == RunStatus.DRAFT
    assert len(run.input_hash) == 64
    again = services.run_create(year=2025)
    assert again.input_hash == run.input_hash


def test_a_year_without_figures_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        services.run_create(year=2019)
    assert caught.value.messages == ["2019 年度没有企业年度数据，无法评价"]


def test_a_published_run_refuses_every_edit() -> None:
    enterprise_with_year()
    run = services.run_create(year=2025)
    services.run_publish(run=run)
    message = ["2025 年度的评价已发布，结果不能再修改"]

    for attempt in (
        lambda: services.run_publish(run=run),
        lambda: services.run_delete(run=run),
        lambda: services.run_update_note(run=run, note="改"),
        lambda: services.result_override(
            result=run.results.get(), evaluation_class="A", reason="复核"
        ),
    ):
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.messages == message
    assert run.results.get().evaluation_class == "B"  # alone: round(1 × 20%) = 0 places in A


def test_a_recorded_accident_vetoes_the_class() -> None:
    leader = enterprise_with_year(tax=Decimal("600"))
    for _ in range(4):
        enterprise_with_year(tax=Decimal("50"))
    services.veto_event_create(
        data={
            "enterprise": leader,
            "kind": VetoKind.SAFETY_ACCIDENT,
            "grade": IncidentGrade.LARGER,
            "occurred_on": date(2025, 5, 1),
        }
    )
    result = services.run_create(year=2025).results.get(enterprise=leader)
    assert (result.class_before_veto, result.evaluation_class) == ("A", "D")
    assert result.veto_reasons == ["较大及以上生产安全事故，一票否决为 D 类"]
    assert result.park_position == 1
    assert selectors.incident_counts(year=2025) == {leader.pk: 1}


def test_a_tenant_is_evaluated_on_its_rented_floor_space() -> None:
    tenant = enterprise_with_year(
        revenue=Decimal("900"),
        tax=Decimal("36"),
        land_basis=LandBasis.RENTED,
        land_mu=None,
        rented_floor_m2=Decimal("6000"),
    )
    result = services.run_create(year=2025).results.get(enterprise=tenant)
    assert result.land_mu == 3.0
    assert result.tax_per_mu == 12.0
    assert result.population_label == "规下企业"


def test_the_comparison_with_last_year_counts_class_migrations() -> None:
    firms = [enterprise_with_year(year=2024, tax=Decimal(t)) for t in (600, 300, 200, 100, 50)]
    for firm, tax in zip(firms, (50, 300, 200, 100, 600), strict=True):
        add_year(firm, 2025, revenue=Decimal("5000"), tax=Decimal(tax), land_mu=Decimal("10"))
    last = services.run_create(year=2024)
    services.run_publish(run=last)
    run = services.run_create(year=2025)

    root = _superuser()
    comparison = run_figures.compare(user=root, run=run)

    assert comparison.previous == last
    matrix = dict(comparison.matrix)
    # five enterprises: A the best 1, B to 3, C to round(4.75) = 5, no D
    assert matrix["A"][2] == 1  # the leader fell from A to C
    assert matrix["C"][0] == 1  # and the last became A
    assert comparison.up[0][0].enterprise_id == firms[4].pk
    assert comparison.down[0][0].enterprise_id == firms[0].pk
    bottom = run_figures.bottom(user=root, run=run)
    assert bottom[0].result.enterprise_id == firms[0].pk
    assert bottom[0].last_position == 5


def test_an_edited_scheme_is_saved_as_a_new_version_and_a_bad_one_is_refused() -> None:
    version = services.scheme_default()
    definition = {**version.definition, "floor_m2_per_mu": 0}
    with pytest.raises(ValidationError) as caught:
        services.scheme_version_create(scheme=version.scheme, definition=definition)
    assert caught.value.message_dict == {
        "definition": ["租赁企业折算：每亩对应的建筑面积必须大于 0"]
    }
    edited = services.scheme_version_create(
        scheme=version.scheme, definition={**version.definition, "floor_m2_per_mu": 3000.0}
    )
    assert edited.number == 2
    assert not edited.is_provisional
    copy = services.scheme_copy(version=edited, name="金山区 2025 年办法")
    assert copy.definition["name"] == "金山区 2025 年办法"
    assert SchemeVersion.objects.count() == 3


def _superuser():  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import User

    return User.objects.create_superuser("root", password="x")
