from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from parkops.common.admin import ReadOnlyMixin
from parkops.ops.models import AuditEvent, Job


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: an audit log that its readers could edit would prove nothing."""

    list_display = ("created_at", "kind", "username", "ip_address", "path")
    list_filter = ("kind",)
    search_fields = ("username", "path")


@admin.register(Job)
class JobAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: a job is started, retried and swept by the pages and commands."""

    list_display = ("pk", "kind", "status", "user", "created_at", "finished_at")
    list_filter = ("kind", "status")


# django-tasks-db's own admin edits and deletes the queue's rows: shown read-only instead.
admin.site.unregister(DBTaskResult)


@admin.register(DBTaskResult)
class TaskResultAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("id", "task_path", "status", "enqueued_at", "finished_at")
    list_filter = ("status",)
