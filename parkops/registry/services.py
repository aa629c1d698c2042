"""Writes to the registry. Each validates the whole record (full_clean) before saving."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from parkops.common.versioning import record_reason, record_save
from parkops.core.figures import FIGURE_FIELDS
from parkops.registry.choices import DataSource
from parkops.registry.models import Designation, Enterprise, EnterpriseYear, SmallPark

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


SMALLPARK_EDITABLE = (
    "owner_name",
    "address",
    "road",
    "land_mu",
    "floor_area_m2",
    "rentable_floor_m2",
    "contact_person",
    "contact_phone",
    "note",
)


@transaction.atomic
def smallpark_update(
    *,
    small_park: SmallPark,
    data: Mapping[str, Any],
    owners: Iterable[User] | None = None,
    reason: str,
    version: str | None = None,
) -> SmallPark:
    """Change a small park's master data and, when `owners` is given, its owners' accounts.

    A change without a reason raises ValidationError (on "reason"); a change based on an outdated
    `version` raises StaleVersion and writes nothing, the accounts included. Nothing changed:
    nothing written, no reason needed."""
    reason = reason.strip()
    missing_reason = _("修改小园区台账须说明修改原因")
    new_owners = None if owners is None else {u.pk: u for u in owners}
    owners_change = new_owners is not None and set(new_owners) != set(
        small_park.owners.values_list("pk", flat=True)
    )
    if owners_change and not reason:
        raise ValidationError({"reason": [missing_reason]})
    _apply(small_park, data, SMALLPARK_EDITABLE)
    before = small_park.updated_at
    record_save(small_park, reason=reason, version=version, missing_reason=missing_reason)
    if owners_change:
        assert new_owners is not None
        record_reason(small_park, reason)
        small_park.owners.set(new_owners.values())
        if small_park.updated_at == before:
            # Only the accounts changed: move the version on, so that a form opened before this
            # change is refused like any other stale edit.
            small_park.updated_at = timezone.now()
            SmallPark.objects.filter(pk=small_park.pk).update(updated_at=small_park.updated_at)
    return small_park


DESIGNATION_EDITABLE = (
    "kind",
    "level",
    "awarded_on",
    "expires_on",
    "revoked_on",
    "certificate_no",
    "note",
)


@transaction.atomic
def designation_create(
    *, enterprise: Enterprise, data: Mapping[str, Any], reason: str = ""
) -> Designation:
    """Record a designation; a 专精特新 one completes the enterprise's 专精特新 cultivation entry
    listed on or before its date (execution.selectors reads it, nothing is written there)."""
    designation = Designation(enterprise=enterprise)
    _apply(designation, data, DESIGNATION_EDITABLE)
    return record_save(designation, reason=reason.strip() or _("新增认定"))


@transaction.atomic
def designation_update(
    *, designation: Designation, data: Mapping[str, Any], reason: str, version: str | None = None
) -> Designation:
    """Correct a designation: a reason is required, a stale `version` is refused."""
    _apply(designation, data, DESIGNATION_EDITABLE)
    return record_save(
        designation,
        reason=reason.strip(),
        version=version,
        missing_reason=_("修改认定须说明修改原因"),
    )


@transaction.atomic
def designation_end(
    *, designation: Designation, ended_on: date, reason: str, version: str | None = None
) -> Designation:
    """End a designation on `ended_on` (revoked, or given up): kept, marked ended, with why."""
    if designation.revoked_on is not None:
        raise ValidationError(
            _("该认定已于 %(day)s 终止") % {"day": designation.revoked_on.isoformat()}
        )
    designation.revoked_on = ended_on
    return record_save(
        designation, reason=reason.strip(), version=version, missing_reason=_("请填写终止原因")
    )
