from django.contrib import admin

from parkops.common.admin import ReadOnlyMixin
from parkops.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Batches are made and undone by the import service only."""

    list_display = ("id", "kind", "status", "file_name", "user", "created_at", "added", "changed")
    list_filter = ("kind", "status")
    exclude = ("content", "undo_data")
    readonly_fields = [
        f.name for f in ImportBatch._meta.fields if f.name not in ("content", "undo_data")
    ]
