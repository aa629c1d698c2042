"""Writes to the registry. Each validates the whole record (full_clean) before saving."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from parkops.common.versioning import record_save
from parkops.core.figures import FIGURE_FIELDS
from parkops.registry.choices import DataSource
from parkops.registry.models import Enterprise, EnterpriseYear

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


YEAR_EDITABLE = ("year", *FIGURE_FIELDS, "note")


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
    return record_save(enterprise, reason=reason)


@transaction.atomic
def enterprise_update(
    *, enterprise: Enterprise, data: Mapping[str, Any], reason: str = "", version: str | None = None
) -> Enterprise:
    """Change an enterprise; refused (StaleVersion) when it changed after `version`."""
    _apply(enterprise, data, ENTERPRISE_EDITABLE)
    record_save(enterprise, reason=reason, version=version)
    return enterprise


@transaction.atomic
def enterprise_year_save(
    *,
    enterprise: Enterprise,
    data: Mapping[str, Any],
    record: EnterpriseYear | None = None,
    reason: str = "",
    version: str | None = None,
) -> EnterpriseYear:
    """Add a year's figures typed in by hand, or correct a stored year with its reason, which
    the history keeps. A correction without a reason, a duplicate year or a broken rule raises
    ValidationError in Chinese; a correction based on an outdated `version` raises StaleVersion.
    A correction that changes nothing writes nothing and needs no reason."""
    reason = reason.strip()
    if record is None:
        record = EnterpriseYear(enterprise=enterprise, source=DataSource.MANUAL)
    elif record.enterprise_id != enterprise.pk:
        raise ValueError("the year belongs to another enterprise")
    _apply(record, data, YEAR_EDITABLE)
    missing_reason = _("更正已有的年度数据须说明修改原因")
    record_save(record, reason=reason, version=version, missing_reason=missing_reason)
    return record
