"""The lead and 履约 exports: small ones at once, large ones as a job writing the same file, and
the lead export at district scale on SQLite."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from parkops.attraction.commitments import commitment_save
from parkops.attraction.models import Lead
from parkops.attraction.tests.factories import lead
from parkops.attraction.tests.test_commitments import TERMS, _at_full
from parkops.conftest import client_for
from parkops.registry.models import SmallPark
from parkops.testing.exports import column, export_deferred, sheets

pytestmark = pytest.mark.django_db
LEADS = 1_100  # past SQLite's expression depth of 1,000


def test_a_large_lead_export_is_written_by_a_job(
    alice: User, lena: User, charlie: User, ailiu: SmallPark
) -> None:
    lead(alice, company_name="上海甲生物科技有限公司", owner_park=ailiu)
    lead(alice, company_name="上海乙生物科技有限公司")
    book = export_deferred(alice, "/attraction/leads/export.xlsx", stranger=lena, refused=charlie)
    assert column(book, "企业（项目）名称") == ["上海甲生物科技有限公司", "上海乙生物科技有限公司"]
    assert column(book, "负责") == ["矮柳", "园区办"]


def test_a_large_commitment_export_is_written_by_a_job(
    alice: User, lena: User, charlie: User, ailiu: SmallPark
) -> None:
    last = timezone.localdate().year - 1
    item = _at_full(alice, date(last, 3, 1), 1, company_name="矮柳履约有限公司", owner_park=ailiu)
    commitment_save(user=alice, lead=item, data=TERMS)
    book = export_deferred(
        alice, "/attraction/commitments/export.xlsx", {"q": "矮柳"}, stranger=lena, refused=charlie
    )
    assert set(column(book, "企业（项目）名称")) == {"矮柳履约有限公司"}
    assert len(column(book, "指标")) > 1


@pytest.mark.parametrize("who", ["alice", "olga"])
def test_the_lead_export_lists_more_than_a_thousand_leads(
    who: str, alice: User, olga: User, ailiu: SmallPark, changning: SmallPark
) -> None:
    Lead.objects.bulk_create(
        Lead(
            company_name=f"规模线索{i:05d}", name_key=f"规模线索{i:05d}",
            owner_park=ailiu if i % 2 == 0 else changning,
            next_action="跟进", next_action_on=date(2026, 12, 1),
            last_activity_at=timezone.now(),
        )
        for i in range(LEADS)
    )  # fmt: skip
    response = client_for({"alice": alice, "olga": olga}[who]).get("/attraction/leads/export.xlsx")
    assert response.status_code == 200
    owners = column(sheets(response.content), "负责")
    assert len(owners) == {"alice": LEADS, "olga": LEADS // 2}[who]
