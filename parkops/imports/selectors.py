"""Reads of the import log."""

from __future__ import annotations

from django.db.models import QuerySet

from parkops.imports.models import ImportBatch


def batch_list() -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("user", "undone_by").defer("content", "undo_data")
