"""The vacancy export: small at once, large as a job writing the same file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from parkops.registry.models import SmallPark
from parkops.smallparks import services
from parkops.testing.exports import column, export_deferred

pytestmark = pytest.mark.django_db


def test_a_large_vacancy_export_is_written_by_a_job(
    dora: User, lena: User, charlie: User, ailiu: SmallPark, changning: SmallPark
) -> None:
    for park, area in ((ailiu, "1200"), (changning, "800")):
        services.vacancy_create(
            small_park=park, data={"area_m2": Decimal(area), "vacant_since": date(2025, 1, 15)}
        )
    book = export_deferred(
        dora, "/estates/vacancies/", {"format": "xlsx"}, stranger=lena, refused=charlie
    )
    assert sorted(column(book, "空置面积（㎡）")) == [800.0, 1200.0]
