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
