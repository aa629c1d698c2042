"""Leads for tests: a minimal valid one, owned by a small park or the park office."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from parkops.attraction import services
from parkops.attraction.models import Lead


def lead(user: User, **data: Any) -> Lead:
    values: dict[str, Any] = {
        "company_name": "上海测试生物科技有限公司",
        "industry_code": "C2710",
        "investment_wan": Decimal(3000),
        "tax_wan": Decimal(300),
        "output_wan": Decimal(10000),
        "floor_m2": Decimal(20000),
        "next_action": "实地考察",
        "next_action_on": date(2026, 12, 1),
        **data,
    }
    offered = values.pop("offered_to", ())
    return services.lead_create(user=user, data=values, offered_to=offered)
