"""Writes of the evaluation. Schemes live in services_scheme, runs in services_runs; this module
keeps the veto events and gives every public name of the three, so that
`from parkops.evaluation import services; services.run_create(...)` keeps working."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from parkops.common.versioning import record_save
from parkops.evaluation.models import VetoEvent
from parkops.evaluation.services_runs import (
    BATCH,
    Progress,
    input_hash,
    result_override,
    run_create,
    run_delete,
    run_publish,
    run_update_note,
    snapshot_decode,
    snapshot_encode,
)
from parkops.evaluation.services_scheme import (
    scheme_copy,
    scheme_default,
    scheme_import,
    scheme_parse,
    scheme_version_create,
)

__all__ = [
    "BATCH",
    "VETO_EDITABLE",
    "Progress",
    "input_hash",
    "result_override",
    "run_create",
    "run_delete",
    "run_publish",
    "run_update_note",
    "scheme_copy",
    "scheme_default",
    "scheme_import",
    "scheme_parse",
    "scheme_version_create",
    "snapshot_decode",
    "snapshot_encode",
    "veto_event_create",
    "veto_event_void",
]

VETO_EDITABLE = ("enterprise", "kind", "grade", "occurred_on", "description", "source")


@transaction.atomic
def veto_event_create(*, data: Mapping[str, Any], reason: str = "") -> VetoEvent:
    unknown = set(data) - set(VETO_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    event = VetoEvent(**data)
    return record_save(event, reason=reason or _("登记否决事件"))


def veto_event_void(*, event: VetoEvent, reason: str, version: str | None = None) -> VetoEvent:
    """Void an event after review: it stays on record, the reason in its history, and no new run
    counts it. Refused without a reason, when already void, and (StaleVersion) when the event
    changed after `version`."""
    if not reason.strip():
        raise ValidationError({"reason": [_("请说明撤销原因")]})
    with transaction.atomic():
        stored = VetoEvent.objects.select_for_update().get(pk=event.pk)
        if stored.is_void:
            raise ValidationError(_("该否决事件已撤销"), code="void")
        stored.is_void = True
        record_save(stored, reason=reason.strip(), version=version)
    return stored
