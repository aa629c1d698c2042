"""Table 1's export: small at once; past the limit a job writes the same file."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from parkops.indicators.tests.test_indicators import fixture_data  # noqa: F401 (a fixture)
from parkops.testing.exports import column, export_deferred

pytestmark = pytest.mark.django_db


def test_a_large_table_1_export_is_written_by_a_job(
    fixture_data: None,  # noqa: F811
    lena: User,
    dora: User,
    charlie: User,
) -> None:
    book = export_deferred(lena, "/indicators/export.xlsx", stranger=dora, refused=charlie)
    assert len(column(book, "指标名称")) > 1
