"""Two transactions writing years of the same enterprise at the same moment (PostgreSQL: SQLite
lets one writer in at a time). Each sees only its own new year until the other commits; the
newest-year mark must still end on the newest year, with no error for either."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, cast

import pytest
from django.db import connection, transaction

from parkops.registry.models import Enterprise, EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.registry.tests.latest import latest_years_wrong

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers: no race to lose"
    ),
]


def _at_once(
    first: Callable[[], Any],
    second: Callable[[], Any],
    then: Callable[[], Any] = lambda: None,
) -> list[Exception]:
    """Run `first` in a transaction, `second` in another one while the first stays open for a
    second, then `then` in the first before it commits; the errors either raised."""
    first_done, errors = threading.Event(), []

    def one() -> None:
        try:
            with transaction.atomic():
                first()
                first_done.set()
                time.sleep(1.0)  # the second writes meanwhile, then waits for this commit
                then()
        except Exception as error:
            errors.append(error)
        finally:
            first_done.set()
            connection.close()

    def two() -> None:
        first_done.wait(10)
        try:
            with transaction.atomic():
                second()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=one), threading.Thread(target=two)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return errors


def _marked() -> list[int]:
    return list(EnterpriseYear.objects.exclude(latest_of=None).values_list("year", flat=True))


def test_two_years_added_at_once_leave_one_mark_on_the_newer() -> None:
    # No year before: neither transaction's clearing of an older mark waits on the other's, so
    # both reach the marking step before either commits.
    enterprise = cast(Enterprise, EnterpriseFactory())
    errors = _at_once(
        lambda: EnterpriseYear.objects.create(enterprise=enterprise, year=2025),
        lambda: EnterpriseYear.objects.create(enterprise=enterprise, year=2024),
    )
    assert errors == []
    assert latest_years_wrong() == {}
    assert _marked() == [2025]


def test_a_newer_year_added_while_the_newest_is_corrected() -> None:
    enterprise = cast(Enterprise, EnterpriseFactory())
    newest = EnterpriseYear.objects.create(enterprise=enterprise, year=2025)

    held: list[EnterpriseYear] = []

    def open_for_edit() -> None:  # as an edit does: the row is locked, then the form is checked
        held.append(EnterpriseYear.objects.select_for_update().get(pk=newest.pk))

    def save_the_edit() -> None:
        held[0].employees = 12
        held[0].save()

    # The new year's mark waits on the locked row; the edit's own mark comes after. A lock on the
    # enterprise taken before marking made the two wait on each other (a deadlock).
    errors = _at_once(
        open_for_edit,
        lambda: EnterpriseYear.objects.create(enterprise=enterprise, year=2026),
        then=save_the_edit,
    )
    assert errors == []
    assert latest_years_wrong() == {}
    assert _marked() == [2026]
