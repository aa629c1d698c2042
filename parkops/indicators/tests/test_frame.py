"""The figures frame the indicators are computed on, read straight from the database."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from parkops.indicators.frames import (
    enterprise_year_frame,
    table_fingerprint,
    table_reads_shared,
    table_state,
)
from parkops.registry.choices import LandBasis
from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory

pytestmark = pytest.mark.django_db


def test_it_measures_a_tenant_by_its_rented_floor_and_an_owner_by_its_land() -> None:
    owner, tenant = EnterpriseFactory(), EnterpriseFactory()
    EnterpriseYearFactory(
        enterprise=owner, year=2025, output_value=Decimal("1200.50"), tax=Decimal("30"),
        land_basis=LandBasis.OWNED, land_mu=Decimal("12.5"),
    )  # fmt: skip
    EnterpriseYearFactory(
        enterprise=tenant, year=2025, output_value=Decimal("800"), tax=None,
        land_basis=LandBasis.RENTED, land_mu=Decimal("99"), rented_floor_m2=Decimal("5000"),
    )  # fmt: skip
    EnterpriseYearFactory(enterprise=owner, year=2021)  # outside the years asked

    frame = enterprise_year_frame(range(2024, 2026))

    rows = {r["enterprise_id"]: r for r in frame.to_dicts()}
    assert frame.columns == [
        "enterprise_id", "year", "output_value", "tax", "is_above_scale", "land_mu"
    ]  # fmt: skip
    assert len(rows) == 2
    assert (rows[owner.pk]["output_value"], rows[owner.pk]["land_mu"]) == (1200.5, 12.5)
    assert (rows[tenant.pk]["tax"], rows[tenant.pk]["land_mu"]) == (None, 2.5)  # 5,000 m² / 2,000


def test_the_cached_frame_follows_every_insert_change_and_delete() -> None:
    """The frame is kept in the cache under the figures' fingerprint (count, highest id, latest
    change): each kind of write gives a new one, so the frame read next is never an old one."""
    first, second = EnterpriseFactory(), EnterpriseFactory()
    older = EnterpriseYearFactory(enterprise=first, year=2025, output_value=Decimal("100"))
    years = range(2024, 2026)

    def outputs() -> dict[int, float]:
        frame = enterprise_year_frame(years)
        return {r["enterprise_id"]: r["output_value"] for r in frame.to_dicts()}

    seen = {table_fingerprint(EnterpriseYear)}
    assert outputs() == {first.pk: 100.0}
    newer = EnterpriseYearFactory(enterprise=second, year=2025, output_value=Decimal("200"))
    seen.add(table_fingerprint(EnterpriseYear))
    assert outputs() == {first.pk: 100.0, second.pk: 200.0}
    older.output_value = Decimal("150")
    older.save()
    seen.add(table_fingerprint(EnterpriseYear))
    assert outputs() == {first.pk: 150.0, second.pk: 200.0}
    # A row that is neither the newest nor the last changed: only the count tells.
    EnterpriseYear.objects.filter(pk=older.pk).delete()
    seen.add(table_fingerprint(EnterpriseYear))
    assert outputs() == {second.pk: 200.0}
    assert len(seen) == 4
    assert newer.pk


@pytest.mark.django_db
def test_a_shared_block_reads_each_tables_state_once_and_a_new_block_reads_it_again(
    django_assert_num_queries: Any,
) -> None:
    firm = EnterpriseFactory()
    EnterpriseYearFactory(enterprise=firm, year=2024)
    with table_reads_shared():
        with django_assert_num_queries(1):
            first = table_state(EnterpriseYear)
            assert table_state(EnterpriseYear) == first
        assert first.rows == 1
    EnterpriseYearFactory(enterprise=firm, year=2025)
    with django_assert_num_queries(2):  # outside a block: every call reads
        assert table_state(EnterpriseYear).rows == 2
        assert table_state(EnterpriseYear).rows == 2
    with table_reads_shared():
        assert table_state(EnterpriseYear).rows == 2  # not the first block's state
