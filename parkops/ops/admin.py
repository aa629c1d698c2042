from django.contrib import admin

from parkops.common.admin import ReadOnlyMixin
from parkops.ops.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: an audit log that its readers could edit would prove nothing."""

    list_display = ("created_at", "kind", "username", "ip_address", "path")
    list_filter = ("kind",)
    search_fields = ("username", "path")
