"""The request export: small at once, large as a job writing the same file in the user's scope."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from django.contrib.auth.models import User

from parkops.registry.models import Enterprise
from parkops.service.tests.conftest import accept, shanghai
from parkops.testing.exports import column, export_deferred

pytestmark = pytest.mark.django_db
MONDAY = shanghai(2025, 3, 3, 10)


def test_a_large_request_export_is_written_by_a_job(
    at: Callable[[datetime], None], rob: User, alice: User, lena: User, charlie: User,
    firm: Enterprise, stranger: Enterprise,
) -> None:  # fmt: skip
    at(MONDAY)
    first = accept(rob, firm, MONDAY)
    second = accept(rob, firm, shanghai(2025, 3, 4, 10))
    accept(alice, stranger, MONDAY)
    book = export_deferred(rob, "/service/requests/export.xlsx", stranger=lena, refused=charlie)
    assert column(book, "编号") == [second.number, first.number]
