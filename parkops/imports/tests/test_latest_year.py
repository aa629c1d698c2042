"""The import writer (COPY / UPDATE on PostgreSQL) and its undo keep the newest-year mark that
the enterprise list joins on (EnterpriseYear.latest_of)."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.imports.services import import_file, import_undo
from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.registry.tests.latest import latest_years_wrong

pytestmark = pytest.mark.django_db


def test_an_import_and_its_undo_keep_the_newest_year_marked(alice: User) -> None:
    old = EnterpriseYearFactory(year=2024)
    corrected = EnterpriseYearFactory(year=2025)
    fresh = EnterpriseFactory()
    rows = [
        FIGURES_HEADER,
        [old.enterprise.uscc, "", 2025, 3000, 150, 10],  # a newer year: the newest now
        [old.enterprise.uscc, "", 2023, 3000, 150, 10],  # an older year: not
        [corrected.enterprise.uscc, "", 2025, 3000, 999, 10],  # a change
        [fresh.uscc, "", 2025, 1, 1, 1],  # a first year
    ]
    batch, plan = import_file(kind="figures", data=xlsx(rows), file_name="a.xlsx", user=alice)
    assert plan.errors == []
    assert batch is not None
    assert (batch.added, batch.changed) == (3, 1)
    assert latest_years_wrong() == {}
    assert (
        EnterpriseYear.objects.get(enterprise=old.enterprise, latest_of__isnull=False).year == 2025
    )
    import_undo(batch=batch, user=alice)
    assert latest_years_wrong() == {}
    assert (
        EnterpriseYear.objects.get(enterprise=old.enterprise, latest_of__isnull=False).pk == old.pk
    )
    assert not EnterpriseYear.objects.filter(enterprise=fresh).exists()
    corrected.refresh_from_db()
    assert (corrected.tax, corrected.latest_of_id) == (Decimal("150.00"), corrected.enterprise_id)
