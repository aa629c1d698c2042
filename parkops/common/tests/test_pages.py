"""Paging a sorted list shows every row once: rows that tie on the sorted column are ordered by
their primary key, in the direction of the last sorted column (common/pages._order_settle)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from parkops.conftest import client_for
from parkops.registry.models import Enterprise, EnterpriseYear

ROW = re.compile(r'href="/enterprises/(\d+)/"')


@pytest.mark.django_db
@pytest.mark.parametrize(("sort", "way"), [("-latest_revenue", "DESC"), ("latest_revenue", "ASC")])
def test_paging_by_revenue_shows_each_enterprise_once_ties_by_id(
    alice: User, sort: str, way: str
) -> None:
    # Four without figures (revenue ties at none), two with the same revenue, one above.
    firms = [Enterprise.objects.create(name=f"上海并列{n}有限公司") for n in range(7)]
    for firm, revenue in zip(firms[4:], ("500", "500", "900"), strict=True):
        EnterpriseYear.objects.create(enterprise=firm, year=2025, revenue=Decimal(revenue))
    client = client_for(alice)
    seen = []
    for page in range(1, 8):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/enterprises/?sort={sort}&per_page=1&page={page}")
        seen += [int(pk) for pk in ROW.findall(response.content.decode())]
        listed = next(q["sql"] for q in queries if "LIMIT 1" in q["sql"] and "ORDER BY" in q["sql"])
        assert (
            listed.rstrip()
            .split("ORDER BY")[-1]
            .split("LIMIT")[0]
            .strip()
            # In the sort's direction: a descending list is read backwards along (column, id).
            .endswith(f'"registry_enterprise"."id" {way}')
        ), listed
    assert sorted(seen) == sorted(f.pk for f in firms)
