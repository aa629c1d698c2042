"""Commitments after signing (履约): storing them, and reading them against the enterprise's year
figures (parkops/core/commitments.py does the arithmetic).

A lead's commitment is recorded from 签约 on by whoever works the lead; the comparison starts once
the project is due (达产 reached, or its committed full-production date passed). Other apps read
the enterprises behind their commitments through `parkops.common.records.enterprise_flags`
(registered in AppConfig.ready), never by importing this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from parkops.attraction import selectors
from parkops.attraction.choices import STAGE_ORDER, CommitmentFigure, CommitmentStatus, Stage
from parkops.attraction.models import Commitment, Lead
from parkops.common.types import AnyUser
from parkops.common.versioning import record_save
from parkops.core import commitments as core
from parkops.execution.choices import Milestone
from parkops.execution.models import ProjectMilestone
from parkops.registry.models import EnterpriseYear

COMMITMENT_EDITABLE = (
    "signed_on", "document", "investment_wan", "output_wan", "tax_wan", "energy_tce", "jobs",
    "start_on", "production_on", "full_on",
)  # fmt: skip
# Which enterprise year field stands for each committed figure (the same units).
ACTUAL_FIELD = {
    core.Figure.OUTPUT: "output_value",
    core.Figure.TAX: "tax",
    core.Figure.ENERGY: "energy_tce",
    core.Figure.JOBS: "employees",
}
COMMITTED_FIELD = {
    core.Figure.OUTPUT: "output_wan",
    core.Figure.TAX: "tax_wan",
    core.Figure.ENERGY: "energy_tce",
    core.Figure.JOBS: "jobs",
}


@transaction.atomic
def commitment_save(
    *,
    user: User,
    lead: Lead,
    data: Mapping[str, Any],
    version: str | None = None,
    reason: str = "",
) -> Commitment:
    """Record or change the lead's commitment: from 签约 on, by whoever works the lead; a change
    needs a reason, and an edit based on an older version is refused."""
    if not selectors.can_work(user, lead):
        raise PermissionDenied
    if STAGE_ORDER.index(Stage(lead.stage)) < STAGE_ORDER.index(Stage.SIGNED):
        raise ValidationError(_("签约后才能登记履约承诺"))
    unknown = set(data) - set(COMMITMENT_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    commitment = Commitment.objects.filter(lead=lead).first() or Commitment(lead=lead)
    is_new = commitment.pk is None
    for name, value in data.items():
        setattr(commitment, name, value)
    return record_save(
        commitment,
        reason=reason.strip() or ("登记履约承诺" if is_new else ""),
        version=version,
        missing_reason=_("修改履约承诺须填写修改原因"),
    )


@dataclass(frozen=True)
class CommitmentRow:
    lead: Lead
    check: core.Check

    @property
    def figure(self) -> CommitmentFigure:
        return CommitmentFigure(self.check.figure.value)

    @property
    def status(self) -> CommitmentStatus:
        return CommitmentStatus(self.check.status.value)


def _reached(leads: list[Lead]) -> dict[int, date]:
    """Project id -> the date 达产 was reached (the key project's milestone)."""
    rows = ProjectMilestone.objects.filter(
        project__in=[lead.key_project_id for lead in leads if lead.key_project_id],
        kind=Milestone.FULL_PRODUCTION,
        achieved_on__isnull=False,
    ).values_list("project_id", "achieved_on")
    return {project: on for project, on in rows if on is not None}


def _actuals(leads: list[Lead]) -> dict[int, dict[int, dict[core.Figure, Decimal | None]]]:
    """Enterprise id -> year -> each figure as reported (None: not reported)."""
    found: dict[int, dict[int, dict[core.Figure, Decimal | None]]] = {}
    rows = EnterpriseYear.objects.filter(
        enterprise__in=[lead.enterprise_id for lead in leads if lead.enterprise_id]
    ).values("enterprise_id", "year", *ACTUAL_FIELD.values())
    for row in rows:
        found.setdefault(row["enterprise_id"], {})[row["year"]] = {
            figure: None if row[field] is None else Decimal(row[field])
            for figure, field in ACTUAL_FIELD.items()
        }
    return found


def committed_leads(user: AnyUser) -> QuerySet[Lead]:
    # Through lead_list: a lead offered to an owner's park names its owning park only when the
    # owner may see that park.
    return (
        selectors.lead_list(user=user)
        .filter(commitment__isnull=False)
        .select_related("commitment", "enterprise")
    )


def commitment_checks(leads: Iterable[Lead], *, today: date) -> list[CommitmentRow]:
    """Each due year's comparison of each committed figure, for leads read with their
    commitment (three queries, whatever the number of leads)."""
    leads = list(leads)
    reached, actuals = _reached(leads), _actuals(leads)
    rows = []
    for lead in leads:
        commitment: Commitment = lead.commitment
        years = due_years(lead, commitment, reached, today)
        committed = {
            figure: None if getattr(commitment, field) is None
            else Decimal(getattr(commitment, field))
            for figure, field in COMMITTED_FIELD.items()
        }  # fmt: skip
        for check in core.compare(committed, actuals.get(lead.enterprise_id or 0, {}), years):
            rows.append(CommitmentRow(lead, check))
    return rows


def due_years(
    lead: Lead, commitment: Commitment, reached: Mapping[int, date], today: date
) -> list[int]:
    reached_on = reached.get(lead.key_project_id or 0)
    if reached_on is None and lead.stage == Stage.FULL:
        reached_on = commitment.full_on or lead.planned_full_on
    return core.due_years(full_on=commitment.full_on, reached_on=reached_on, today=today)


def behind_flags(enterprise_ids: Iterable[int], today: date) -> dict[int, str]:
    """Enterprise id -> "未履约：年税收（万元）2025 80.0%…" for those behind a commitment in
    their latest due year; registered as a flag source for the visit and land lists."""
    ids = set(enterprise_ids)
    if not ids:
        return {}
    # Few projects carry a commitment, while a list may ask for 10,000 enterprises: read the
    # committed ones and keep those asked for, rather than send every id to the database.
    leads = [
        lead
        for lead in Lead.objects.filter(
            enterprise__isnull=False, commitment__isnull=False
        ).select_related("commitment")
        if lead.enterprise_id in ids
    ]
    latest: dict[int, list[core.Check]] = {}
    for row in commitment_checks(leads, today=today):
        key = row.lead.enterprise_id or 0
        kept = latest.setdefault(key, [])
        if kept and kept[0].year < row.check.year:
            kept.clear()
        if not kept or kept[0].year == row.check.year:
            kept.append(row.check)
    flags = {}
    for enterprise_id, checks in latest.items():
        behind = [c for c in checks if c.status == core.Status.BEHIND]
        if behind:
            flags[enterprise_id] = _("未履约承诺：%(items)s") % {
                "items": "、".join(
                    f"{c.year} {CommitmentFigure(c.figure.value).label} {c.pct}%" for c in behind
                )
            }
    return flags
