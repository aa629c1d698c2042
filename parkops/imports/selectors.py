"""Reads of the import log and of what the import's own export sends."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from parkops.common.types import AnyUser
from parkops.common.years import YEAR_MAX, YEAR_MIN
from parkops.imports.choices import BatchStatus
from parkops.imports.models import ImportBatch
from parkops.registry.models import EnterpriseYear
from parkops.registry.selectors import enterprises_visible_to


def batch_list() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("user", "undone_by").defer("content", "undo_data")


def batch_get(*, pk: int, pending: bool = False) -> ImportBatch:
    """One batch (404 when missing); `pending` asks for a batch still waiting to be confirmed."""
    batches = ImportBatch.objects.all()
    if pending:
        batches = batches.filter(status=BatchStatus.PENDING)
    return get_object_or_404(batches, pk=pk)


def figures_for_export(*, user: AnyUser, year: str = "") -> QuerySet[EnterpriseYear]:
    """Every visible enterprise's annual figures, one year when `year` names one the platform can
    hold (a year outside that range has none: a huge one overflowed the database)."""
    years = EnterpriseYear.objects.filter(enterprise__in=enterprises_visible_to(user))
    if year.isdigit():
        in_range = YEAR_MIN <= int(year) <= YEAR_MAX
        years = years.filter(year=int(year)) if in_range else years.none()
    return years.select_related("enterprise").order_by("enterprise__name", "year")
