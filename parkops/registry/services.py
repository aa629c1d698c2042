"""Writes to the registry. Each validates the whole record (full_clean) before saving."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from parkops.registry.models import Enterprise

ENTERPRISE_EDITABLE = (
    "name",
    "short_name",
    "uscc",
    "industry_code",
    "key_industry",
    "cluster",
    "small_park",
    "road",
    "address",
    "status",
    "production_started_on",
    "note",
)


def _apply(instance: Any, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for field, value in data.items():
        setattr(instance, field, value)


@transaction.atomic
def enterprise_create(*, data: Mapping[str, Any], reason: str = "") -> Enterprise:
    enterprise = Enterprise()
    _apply(enterprise, data, ENTERPRISE_EDITABLE)
    enterprise.full_clean()
    enterprise._change_reason = reason  # type: ignore[attr-defined]
    enterprise.save()
    return enterprise


@transaction.atomic
def enterprise_update(
    *, enterprise: Enterprise, data: Mapping[str, Any], reason: str = ""
) -> Enterprise:
    _apply(enterprise, data, ENTERPRISE_EDITABLE)
    enterprise.full_clean()
    enterprise._change_reason = reason  # type: ignore[attr-defined]
    enterprise.save()
    return enterprise
