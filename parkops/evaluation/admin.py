"""Admin: schemes and veto events are edited on the site's own pages (new versions, soft voids);
runs and results are read-only here so that a published run can never change behind the service."""

from __future__ import annotations

from django.contrib import admin

from parkops.common.admin import ReadOnlyAdmin, ReadOnlyMixin
from parkops.evaluation.models import EvaluationRun, Scheme, SchemeVersion, VetoEvent


@admin.register(Scheme)
class SchemeAdmin(ReadOnlyAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)


@admin.register(SchemeVersion)
class SchemeVersionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("scheme", "number", "is_provisional", "created_at")


@admin.register(EvaluationRun)
class EvaluationRunAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("year", "scheme_version", "status", "enterprise_count", "created_at")
    list_filter = ("status", "year")
    exclude = ("input_snapshot",)


@admin.register(VetoEvent)
class VetoEventAdmin(ReadOnlyAdmin):
    """Recorded and voided on the veto page: the event stays on record."""

    list_display = ("occurred_on", "enterprise", "kind", "grade", "is_void")
    list_filter = ("kind", "grade", "is_void")
    search_fields = ("enterprise__name",)
