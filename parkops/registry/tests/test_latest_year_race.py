"""Two transactions adding a year to the same enterprise at the same moment (PostgreSQL: SQLite
lets one writer in at a time). Each sees only its own new year until the other commits; the
newest-year mark must still end on the newer year, with no unique-key error for either."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.registry.tests.latest import latest_years_wrong

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers: no race to lose"
    ),
]


def test_two_years_added_at_once_leave_one_mark_on_the_newer() -> None:
    # No year before: neither transaction's clearing of an older mark waits on the other's, so
    # without the lock both reach the marking step before either commits.
    enterprise = EnterpriseFactory()
    first_saved, errors = threading.Event(), []

    def first() -> None:
        try:
            with transaction.atomic():
                EnterpriseYear.objects.create(enterprise=enterprise, year=2025)
                first_saved.set()
                time.sleep(1.0)  # the second saves meanwhile, then waits for this commit
        except Exception as error:  # pragma: no cover - reported by the assert below
            errors.append(error)
            first_saved.set()
        finally:
            connection.close()

    def second() -> None:
        first_saved.wait(10)
        try:
            with transaction.atomic():
                EnterpriseYear.objects.create(enterprise=enterprise, year=2024)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert latest_years_wrong() == {}
    marked = EnterpriseYear.objects.exclude(latest_of=None).values_list("year", flat=True)
    assert list(marked) == [2025]
