"""Each enterprise's newest visit (visits.models.LastVisit), a derived fact the due list reads:
every writer of visits keeps it, and two visits of one enterprise saved at once leave the newer
date marked."""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext

from parkops.demo.services import demo_load
from parkops.plan.services import plan_load
from parkops.registry.models import Enterprise
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.testing.races import at_once, race
from parkops.visits.demo import visits_demo_load
from parkops.visits.models import LastVisit, Visit
from parkops.visits.services import visit_create, visit_update


def _marks() -> dict[int, date]:
    return dict(LastVisit.objects.values_list("enterprise_id", "visited_on"))


def _newest() -> dict[int, date]:
    """The same fact worked out from the visits themselves."""
    return dict(
        Visit.objects.order_by()
        .values("enterprise_id")
        .annotate(last=Max("visited_on"))
        .values_list("enterprise_id", "last")
    )


def _visit(user: User, enterprise: Enterprise, day: date) -> Visit:
    return visit_create(
        user=user, enterprise=enterprise, data={"visited_on": day, "discussed": "生产经营情况"}
    )


@pytest.mark.django_db
def test_logging_editing_and_removing_visits_keep_the_newest_date(
    rob: User, pingye_firm: Enterprise
) -> None:
    assert _marks() == {}
    march = _visit(rob, pingye_firm, date(2026, 3, 1))
    assert _marks() == {pingye_firm.pk: date(2026, 3, 1)}
    january = _visit(rob, pingye_firm, date(2026, 1, 10))  # an older visit logged late
    assert _marks() == {pingye_firm.pk: date(2026, 3, 1)}

    # The newest visit's date corrected to an earlier one: the mark follows it down.
    visit_update(
        visit=march, data={"visited_on": date(2026, 2, 1)}, reason="日期填错", version=None
    )
    assert _marks() == {pingye_firm.pk: date(2026, 2, 1)}

    march.delete()
    assert _marks() == {pingye_firm.pk: date(2026, 1, 10)}
    january.delete()
    assert _marks() == {}


@pytest.mark.django_db
def test_an_edit_that_keeps_the_date_and_enterprise_leaves_the_mark_alone(
    rob: User, pingye_firm: Enterprise
) -> None:
    visit = _visit(rob, pingye_firm, date(2026, 3, 1))
    stored = Visit.objects.get(pk=visit.pk)
    with CaptureQueriesContext(connection) as queries:
        visit_update(visit=stored, data={"findings": "无"}, reason="补记", version=None)
    assert not [q for q in queries if "visits_lastvisit" in q["sql"]]
    assert _marks() == {pingye_firm.pk: date(2026, 3, 1)}


@pytest.mark.django_db
def test_a_visit_moved_to_another_enterprise_moves_the_mark(
    rob: User, pingye_firm: Enterprise
) -> None:
    other = cast(Enterprise, EnterpriseFactory(road=pingye_firm.road))
    kept = _visit(rob, pingye_firm, date(2026, 1, 5))
    moved = _visit(rob, pingye_firm, date(2026, 4, 5))
    moved = Visit.objects.get(pk=moved.pk)
    moved.enterprise = other  # no page moves a visit; the model keeps the mark all the same
    moved.save()
    assert _marks() == {pingye_firm.pk: kept.visited_on, other.pk: date(2026, 4, 5)}


@pytest.mark.django_db
def test_the_demo_visits_loaded_in_bulk_are_marked() -> None:
    plan_load()
    demo_load(count=30)
    visits_demo_load(today=date(2026, 11, 27))
    assert len(_marks()) == Enterprise.objects.filter(visits__isnull=False).distinct().count()
    assert _marks() == _newest()


@race
def test_two_visits_of_one_enterprise_saved_at_once_leave_the_newer_date(
    rob: User, pingye_firm: Enterprise
) -> None:
    # The newer visit's transaction stays open while the older one is saved: the second must
    # read the first's visit once it commits, not mark its own older date (nor fail on the key).
    errors = at_once(
        lambda: _visit(rob, pingye_firm, date(2026, 11, 25)),
        lambda: _visit(rob, pingye_firm, date(2026, 11, 20)),
    )
    assert errors == []
    assert _marks() == {pingye_firm.pk: date(2026, 11, 25)}
    assert _newest() == _marks()


@race
def test_the_newest_visit_deleted_while_a_newer_one_is_saved(
    rob: User, pingye_firm: Enterprise
) -> None:
    _visit(rob, pingye_firm, date(2026, 11, 10))
    newest = _visit(rob, pingye_firm, date(2026, 11, 25))
    # The new visit's transaction stays open while the newest is deleted: the delete's work-out
    # must wait for it (its lock on the mark) and read it, not mark 11-10 over it.
    errors = at_once(
        lambda: _visit(rob, pingye_firm, date(2026, 11, 20)),
        lambda: Visit.objects.get(pk=newest.pk).delete(),
    )
    assert errors == []
    assert _marks() == {pingye_firm.pk: date(2026, 11, 20)}
    assert _newest() == _marks()
