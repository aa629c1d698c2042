"""The 数据待补 export: small at once, large as a job writing the same file (its links to the host
the user asked, not the worker's)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from parkops.site.tests.test_data_gaps import _world
from parkops.testing.exports import column, export_deferred

pytestmark = pytest.mark.django_db


def test_a_large_gap_export_is_written_by_a_job(alice: User, lena: User) -> None:
    _world(timezone.localdate(), alice)
    book = export_deferred(alice, "/data-gaps/export.xlsx", stranger=lena, refused=lena)
    assert len(column(book, "名称")) == 7
    assert "http://testserver/imports/" in column(book, "补录链接")
