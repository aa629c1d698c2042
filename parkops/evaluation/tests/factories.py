from __future__ import annotations

from decimal import Decimal
from typing import Any

from parkops.registry.models import Enterprise, EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory


def enterprise_with_year(year: int = 2025, **figures: Any) -> Enterprise:
    """An enterprise in production for years, with 规上 figures unless told otherwise."""
    enterprise = EnterpriseFactory(
        production_started_on=figures.pop("production_started_on", None),
        small_park=figures.pop("small_park", None),
        road=figures.pop("road", None),
    )
    defaults: dict[str, Any] = {
        "revenue": Decimal("5000"),
        "tax": Decimal("200"),
        "value_added": Decimal("1000"),
        "energy_tce": Decimal("300"),
        "emissions_t": Decimal("0.2"),
        "rd_expense": Decimal("150"),
        "employees": 60,
        "land_mu": Decimal("10"),
    }
    EnterpriseYearFactory(enterprise=enterprise, year=year, **{**defaults, **figures})
    return enterprise


def add_year(enterprise: Enterprise, year: int, **figures: Any) -> EnterpriseYear:
    year_row: EnterpriseYear = EnterpriseYearFactory(enterprise=enterprise, year=year, **figures)
    return year_row
