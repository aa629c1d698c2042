"""Safe writes of an edited record: one mechanism for every form, the API and the admin.

- A record's version is its `updated_at` (ISO text). An edit form carries it as a hidden field,
  an API client as `version` (or If-Match); `record_save` refuses the save when the stored record
  has moved on since, naming who changed what from the history, and writes nothing.
- Saving a record whose fields equal the stored ones writes nothing and adds no history row.
- Every service write goes through `record_save` (validate, check the version, save with a
  reason), `record_write` (a save of fields the service has already checked) or `record_delete`:
  the reason for the history is set in one place, `_keep_reason`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Protocol, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from parkops.common.history import Names, field_changes

# Not a person's change: the timestamps, and flags the program derives and sets itself (an
# enterprise year's `latest_of`, which save() writes cleared and then marks).
UNTRACKED = frozenset({"created_at", "updated_at", "latest_of"})
M = TypeVar("M", bound=models.Model)


class _WithReason(Protocol):
    """django-simple-history's hook: the reason its next historical record carries."""

    _change_reason: str


def _keep_reason(record: models.Model, reason: str) -> None:
    cast(_WithReason, record)._change_reason = reason


def record_reason(record: models.Model, reason: str) -> None:
    """Give the history rows a write outside `record_save` makes (a many-to-many `set`) `reason`."""
    _keep_reason(record, reason)


class StaleVersion(ValidationError):
    """The record was changed by someone else after the version the edit was based on."""


def version_of(record: models.Model) -> str:
    stamp: datetime | None = getattr(record, "updated_at", None)
    return stamp.isoformat() if stamp is not None and record.pk is not None else ""


def requested_version(body_version: str | None, if_match: str | None) -> str | None:
    """The version an API write is based on: the body's `version`, else the If-Match header
    (an ETag, quotes and weak prefix dropped)."""
    if body_version:
        return body_version
    if if_match and if_match.strip() != "*":
        return if_match.strip().removeprefix("W/").strip('"') or None
    return None


def tracked_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The stored fields a person can change: not the key, not timestamps, not generated."""
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key
        and field.name not in UNTRACKED
        and not isinstance(field, models.GeneratedField)
    ]


def changed_fields(record: models.Model, stored: models.Model) -> list[str]:
    return [
        f.name
        for f in tracked_fields(type(record))
        if getattr(record, f.attname) != getattr(stored, f.attname)
    ]


def record_save(
    record: M,
    *,
    reason: str = "",
    version: str | None = None,
    missing_reason: str = "",
) -> M:
    """Validate and save `record` with `reason` kept in its history (atomic); return it.

    An existing record is locked first. When `version` is given and the stored record is newer,
    StaleVersion is raised and nothing is written. When nothing changed, nothing is written.
    With `missing_reason`, a change to a stored record without a reason is refused with that
    message (on the field "reason")."""
    with transaction.atomic():
        if record.pk is not None:
            manager = type(record)._default_manager
            # By the key alone: a Meta.ordering across a nullable relation would add an outer
            # join, which PostgreSQL refuses to lock.
            stored = manager.select_for_update().filter(pk=record.pk).order_by("pk").first()
            if stored is not None:
                if version and version_of(stored) != version:
                    raise StaleVersion(stale_message(stored, version), code="stale")
                if not changed_fields(record, stored):
                    return record
                if missing_reason and not reason.strip():
                    raise ValidationError({"reason": [missing_reason]})
        record.full_clean()
        _keep_reason(record, reason)
        record.save()
        return record


def record_write(record: M, *, reason: str, update_fields: list[str] | None = None) -> M:
    """Save `record` as it is, `reason` kept in its history: for a service that has checked the
    change itself (a status flip, a note) and writes only `update_fields`. No version check."""
    _keep_reason(record, reason)
    record.save(update_fields=update_fields)
    return record


def record_delete(record: models.Model, *, reason: str) -> None:
    """Delete `record`, `reason` kept in its history's deletion row."""
    _keep_reason(record, reason)
    record.delete()


def stale_message(stored: models.Model, version: str) -> str:
    """'此记录已被他人修改 …: who on when changed field old → new; …' from the history."""
    since = parse_datetime(version)
    changes = list(_changes_since(stored, since)) if since is not None else []
    detail = "；".join(changes) or _("修改时间 %(when)s") % {"when": _when(stored.updated_at)}  # type: ignore[attr-defined]
    return _(
        "此记录在您打开后已被他人修改，本次未保存。%(detail)s。请刷新页面，在最新数据上重新修改。"
    ) % {"detail": detail}


def _changes_since(stored: models.Model, since: datetime) -> Iterable[str]:
    history = getattr(stored, "history", None)
    if history is None:
        return
    for record in (
        history.filter(updated_at__gt=since).select_related("history_user").order_by("history_date")
    ):
        previous = record.prev_record
        if previous is None:
            continue
        changes = field_changes(record, previous, skip=UNTRACKED)
        names = Names()  # a stale edit is rare: one lookup per related model is cheap
        for field, old, new in changes:
            names.want(field, old)
            names.want(field, new)
        names.load()
        fields = [
            f"{field.verbose_name}：{names.text(field, old)} → {names.text(field, new)}"
            for field, old, new in changes
        ]
        yield _("%(who)s 于 %(when)s 修改了 %(fields)s") % {
            "who": record.history_user or _("系统"),
            "when": _when(record.history_date),
            "fields": "、".join(fields) or "—",
        }


def _when(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")
