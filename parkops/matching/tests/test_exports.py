"""The profile and pair exports: small ones at once, large ones as a job writing the same file."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from parkops.matching import services
from parkops.matching.models import MatchingSession
from parkops.matching.tests.conftest import Firms
from parkops.testing.exports import column, export_deferred

pytestmark = pytest.mark.django_db


def test_a_large_profile_export_is_written_by_a_job(
    firms: Firms, alice: User, lena: User, charlie: User
) -> None:
    book = export_deferred(
        alice, "/matching/profiles/", {"format": "xlsx"}, stranger=lena, refused=charlie
    )
    assert len(book[next(iter(book))]) >= 4
    names = {str(cell) for rows in book.values() for row in rows for cell in row}
    assert {"上海甲日化有限公司", "上海丁塑料有限公司"} <= names


def test_a_large_pair_export_is_written_by_a_job(
    session: MatchingSession, alice: User, lena: User, charlie: User
) -> None:
    services.pairs_propose(session=session)
    book = export_deferred(
        alice, f"/matching/{session.pk}/", {"format": "xlsx"}, stranger=lena, refused=charlie
    )
    assert column(book, "需求方")[0] == "上海甲日化有限公司"
    assert len(column(book, "需求方")) == 3
