"""The activity export: small at once, large as a job writing the same file."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from parkops.activities.models import Activity
from parkops.activities.tests.test_views import attended, july  # noqa: F401 (fixtures)
from parkops.testing.exports import column, export_deferred

pytestmark = pytest.mark.django_db


def test_a_large_activity_export_is_written_by_a_job(
    alice: User,
    lena: User,
    charlie: User,
    attended: Activity,  # noqa: F811
    july: Activity,  # noqa: F811
) -> None:
    book = export_deferred(alice, "/activities/export.xlsx", stranger=lena, refused=charlie)
    assert column(book, "活动名称") == ["七月企业家座谈会", "环保政策宣讲会"]
