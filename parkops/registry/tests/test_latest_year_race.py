"""Two transactions writing years of the same enterprise at the same moment (PostgreSQL: SQLite
lets one writer in at a time). Each sees only its own new year until the other commits; the
newest-year mark must still end on the newest year, with no error for either."""

from __future__ import annotations

from typing import cast

from parkops.registry.models import Enterprise, EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.registry.tests.latest import latest_years_wrong
from parkops.testing.races import RACE, at_once

pytestmark = RACE


def _marked() -> list[int]:
    return list(EnterpriseYear.objects.exclude(latest_of=None).values_list("year", flat=True))


def test_two_years_added_at_once_leave_one_mark_on_the_newer() -> None:
    # No year before: neither transaction's clearing of an older mark waits on the other's, so
    # both reach the marking step before either commits.
    enterprise = cast(Enterprise, EnterpriseFactory())
    errors = at_once(
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
    errors = at_once(
        open_for_edit,
        lambda: EnterpriseYear.objects.create(enterprise=enterprise, year=2026),
        then=save_the_edit,
    )
    assert errors == []
    assert latest_years_wrong() == {}
    assert _marked() == [2026]
