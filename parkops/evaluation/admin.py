"""Admin: schemes and veto events are edited on the site's own pages (new versions, soft voids);
runs and results are read-only here so that a published run can never change behind the service."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from parkops.evaluation.models import EvaluationRun, Scheme, SchemeVersion, VetoEvent


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Scheme)
class SchemeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)


@admin.register(SchemeVersion)
class SchemeVersionAdmin(ReadOnly):
    list_display = ("scheme", "number", "is_provisional", "created_at")


@admin.register(EvaluationRun)
class EvaluationRunAdmin(ReadOnly):
    list_display = ("year", "scheme_version", "status", "enterprise_count", "created_at")
    list_filter = ("status", "year")
    exclude = ("input_snapshot",)


@admin.register(VetoEvent)
class VetoEventAdmin(SimpleHistoryAdmin):
    list_display = ("occurred_on", "enterprise", "kind", "grade", "is_void")
    list_filter = ("kind", "grade", "is_void")
    search_fields = ("enterprise__name",)
    autocomplete_fields = ("enterprise",)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # void instead: the event stays on record
