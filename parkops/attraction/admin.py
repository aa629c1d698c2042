"""Leads, screenings and veto lists are written on the pages and by the import: read-only here.
The admission rule sets and the lost-lead reasons are data without a page: edited here with a
reason, never deleted; a rule set a decision was taken on refuses a change (model clean)."""

from django.contrib import admin

from parkops.attraction.models import AdmissionRuleSet, Lead, LostReason, Screening, VetoList
from parkops.common.admin import GuardedAdmin, ReadOnlyAdmin


@admin.register(AdmissionRuleSet)
class AdmissionRuleSetAdmin(GuardedAdmin):
    list_display = ("version", "label", "is_default", "created_at")


@admin.register(LostReason)
class LostReasonAdmin(GuardedAdmin):
    """The list of reasons a lead is lost: changed with a reason, never deleted (a reason no
    longer offered is made inactive; leads keep the one they were lost for)."""

    list_display = ("code", "label", "order", "is_active")


admin.site.register([Lead, Screening, VetoList], ReadOnlyAdmin)
