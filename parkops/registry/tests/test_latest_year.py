"""The enterprise list's latest-year columns come from a stored mark (EnterpriseYear.latest_of):
every writer keeps it, and the list reads the same as with a subquery per enterprise."""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext

from parkops.registry.models import Enterprise, EnterpriseYear, latest_years_mark
from parkops.registry.selectors import enterprise_list
from parkops.registry.services import enterprise_year_save
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.registry.tests.latest import latest_years_wrong

pytestmark = pytest.mark.django_db

COLUMNS = ("latest_year", "latest_revenue", "latest_above_scale")


def _straightforward(user: User) -> Any:
    """The list as it read before the mark: a subquery per enterprise and column."""
    latest = EnterpriseYear.objects.filter(enterprise=OuterRef("pk")).order_by("-year")
    return Enterprise.objects.annotate(
        latest_year=Subquery(latest.values("year")[:1]),
        latest_revenue=Subquery(latest.values("revenue")[:1]),
        latest_above_scale=Subquery(latest.values("is_above_scale")[:1]),
    )


def _park() -> None:
    """Enterprises with no year, one year, several years (newest not the largest revenue), a
    newest year without revenue, and revenues that tie."""
    EnterpriseFactory(name="甲无数据")
    EnterpriseYearFactory(enterprise=EnterpriseFactory(name="乙"), year=2024, revenue=100)
    several = EnterpriseFactory(name="丙")
    for year, revenue in ((2023, 9000), (2025, 2500), (2024, 3000)):
        EnterpriseYearFactory(enterprise=several, year=year, revenue=revenue)
    blank = EnterpriseFactory(name="丁")
    EnterpriseYearFactory(enterprise=blank, year=2024, revenue=5000)
    EnterpriseYearFactory(enterprise=blank, year=2025, revenue=None)
    for name in ("戊", "己"):
        EnterpriseYearFactory(enterprise=EnterpriseFactory(name=name), year=2025, revenue=2500)


@pytest.mark.parametrize(
    "order",
    [
        ("-latest_revenue", "pk"),
        ("latest_revenue", "pk"),
        ("latest_year", "pk"),
        ("-latest_above_scale", "pk"),
        ("name",),
    ],
)
def test_it_lists_the_same_rows_as_a_subquery_per_enterprise(alice: User, order: tuple) -> None:
    _park()
    assert latest_years_wrong() == {}
    fields = ("name", *COLUMNS)
    new = list(enterprise_list(user=alice).order_by(*order).values_list(*fields))
    old = list(_straightforward(alice).order_by(*order).values_list(*fields))
    assert new == old
    assert ("丙", 2025, Decimal("2500.00"), True) in new
    assert ("丁", 2025, None, None) in new
    assert ("甲无数据", None, None, None) in new
    above = enterprise_list(user=alice).filter(latest_above_scale=True).order_by("name")
    assert [e.name for e in above] == ["丙", "己", "戊"]


def test_the_paginators_count_reads_no_year(alice: User) -> None:
    """The list's count (the paginator's, the API's) computes no latest year: no subquery, and
    on PostgreSQL no join either (an outer join on a unique key that nothing reads is removed)."""
    _park()
    rows = enterprise_list(user=alice).order_by("-latest_revenue")
    with CaptureQueriesContext(connection) as queries:
        count = rows.count()
    assert count == 6
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert sql.count("SELECT") == 1
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "registry_enterpriseyear" not in plan, plan


def test_the_service_keeps_the_mark_when_a_year_is_added_or_corrected() -> None:
    enterprise = EnterpriseFactory()
    enterprise_year_save(enterprise=enterprise, data={"year": 2024, "revenue": Decimal(10)})
    assert latest_years_wrong() == {}
    newer = enterprise_year_save(enterprise=enterprise, data={"year": 2025})
    older = enterprise_year_save(enterprise=enterprise, data={"year": 2023})
    assert latest_years_wrong() == {}
    # A correction of an instance read while it was the newest writes no stale mark.
    stale = EnterpriseYear.objects.get(pk=newer.pk)
    enterprise_year_save(enterprise=enterprise, data={"year": 2026})
    enterprise_year_save(
        enterprise=enterprise, record=stale, data={"tax": Decimal(5)}, reason="更正"
    )
    assert latest_years_wrong() == {}
    assert EnterpriseYear.objects.get(latest_of__isnull=False).year == 2026
    assert older.pk


def test_deleting_the_newest_year_makes_the_one_before_newest() -> None:
    record = EnterpriseYearFactory(year=2024)
    newest = EnterpriseYearFactory(enterprise=record.enterprise, year=2025)
    newest.delete()
    assert EnterpriseYear.objects.get(latest_of__isnull=False).pk == record.pk
    assert latest_years_wrong() == {}


def test_mark_repairs_rows_written_around_it() -> None:
    years = [EnterpriseYearFactory(year=y) for y in (2024, 2025)]
    EnterpriseYear.objects.bulk_create(
        EnterpriseYear(enterprise=e.enterprise, year=2026) for e in years
    )
    assert latest_years_wrong() != {}
    latest_years_mark(enterprise_ids=[years[0].enterprise_id])
    assert set(latest_years_wrong()["newest, not marked"]) == {(years[1].enterprise_id, 2026)}
    latest_years_mark()
    assert latest_years_wrong() == {}


def test_the_migration_marks_every_enterprises_newest_year() -> None:
    record = EnterpriseYearFactory(year=2024)
    EnterpriseYearFactory(enterprise=record.enterprise, year=2023)
    EnterpriseYearFactory(year=2025)
    EnterpriseYear.objects.update(latest_of=None)
    migration = importlib.import_module(
        "parkops.registry.migrations.0008_enterprise_year_latest_of"
    )
    migration.mark_latest(apps, None)
    assert latest_years_wrong() == {}
    assert EnterpriseYear.objects.exclude(latest_of=None).count() == 2


def test_a_correction_that_changes_nothing_writes_nothing_whatever_the_mark_in_memory() -> None:
    record = EnterpriseYearFactory(year=2025)  # saved: stored as the newest, False in memory
    before = EnterpriseYear.objects.get(pk=record.pk).updated_at
    enterprise_year_save(enterprise=record.enterprise, record=record, data={"tax": record.tax})
    assert EnterpriseYear.objects.get(pk=record.pk).updated_at == before
