"""Reversed matching (issue 18, "which leads fit this space"): on a small park's page, each vacant
unit lists the open leads the reader may see that fit it, best first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.attraction.matches import vacancy_leads
from parkops.attraction.models import Lead
from parkops.attraction.tests.factories import lead
from parkops.conftest import client_for
from parkops.registry.models import SmallPark
from parkops.smallparks import services as estates

pytestmark = pytest.mark.django_db
D = Decimal


def test_a_vacant_unit_lists_the_open_leads_that_fit_it_within_the_readers_scope(
    alice: User, olga: User, ailiu: SmallPark, changning: SmallPark
) -> None:
    unit = estates.vacancy_create(
        small_park=ailiu,
        data={"area_m2": D(1200), "vacant_since": date(2025, 1, 1), "clear_height_m": D(9),
              "suitable_industries": "C27"},
    )  # fmt: skip
    best = lead(alice, company_name="甲合适有限公司", owner_park=ailiu, floor_m2=D(1000))
    other_trade = lead(alice, company_name="乙他行有限公司", owner_park=ailiu, floor_m2=D(1100),
                       industry_code="C3484")  # fmt: skip
    lead(alice, company_name="丙太大有限公司", owner_park=ailiu, floor_m2=D(5000))
    lead(alice, company_name="丁太高有限公司", owner_park=ailiu, floor_m2=D(800),
         clear_height_m=D(12))  # fmt: skip
    hidden = lead(alice, company_name="戊他园有限公司", owner_park=changning, floor_m2=D(900))
    landed = lead(alice, company_name="己已落地有限公司", owner_park=ailiu, floor_m2=D(1000))
    Lead.objects.filter(pk=landed.pk).update(stage="landed")

    [(vacancy, fits)] = vacancy_leads(user=alice, vacancies=[unit])
    assert vacancy == unit
    names = [f.lead.company_name for f in fits]
    assert set(names) == {"甲合适有限公司", "乙他行有限公司", "戊他园有限公司"}
    assert names[0] == "甲合适有限公司"  # the suitable industry ranks it first
    assert fits[0].match.score > next(f for f in fits if f.lead == other_trade).match.score
    [(_unit, owner_fits)] = vacancy_leads(user=olga, vacancies=[unit])
    assert {f.lead for f in owner_fits} == {best, other_trade}  # 长宁's lead is not his to see
    assert hidden not in {f.lead for f in owner_fits}
    page = client_for(olga).get(ailiu.get_absolute_url()).content.decode()
    assert 'id="vacancy-fits"' in page
    assert "甲合适有限公司" in page
    assert "戊他园有限公司" not in page


def test_a_leads_matches_measure_the_admission_thresholds_on_each_units_area(
    alice: User, ailiu: SmallPark
) -> None:
    from parkops.attraction.matches import lead_matches
    from parkops.attraction.selectors import default_rule_set

    rule_set = default_rule_set()
    assert rule_set is not None
    assert rule_set.min_tax_per_mu == 30
    per_mu = rule_set.floor_m2_per_mu
    # Tax 90 万元: a unit of exactly 3 亩 gives 30 万元/亩 (passes); one of 4 亩 gives 22.50.
    small = estates.vacancy_create(
        small_park=ailiu, data={"area_m2": 3 * per_mu, "vacant_since": date(2025, 1, 1)}
    )
    large = estates.vacancy_create(
        small_park=ailiu, data={"area_m2": 4 * per_mu, "vacant_since": date(2025, 1, 1)}
    )
    wanted = lead(alice, company_name="庚门槛有限公司", owner_park=ailiu, floor_m2=D(1000),
                  tax_wan=D(90), investment_wan=D(1200))  # fmt: skip
    found = {m.vacancy: m.match for m in lead_matches(user=alice, lead=wanted)}
    reasons = {
        unit: next(d for d in match.dimensions if d.key == "admission")
        for unit, match in found.items()
    }
    assert reasons[small].score == 100
    assert "亩均税收（达产） 30.00 万元/亩，门槛 30.00" in reasons[small].reason
    assert reasons[large].score == 0
    assert "低于准入门槛" in reasons[large].reason
    assert "亩均税收（达产） 22.50 万元/亩，门槛 30.00" in reasons[large].reason
    assert found[small].score > found[large].score
