from django.contrib import admin

from parkops.ops.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: an audit log that its readers could edit would prove nothing."""

    list_display = ("created_at", "kind", "username", "ip_address", "path")
    list_filter = ("kind",)
    search_fields = ("username", "path")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
