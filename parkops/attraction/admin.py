"""Leads, screenings, veto lists and the incentive ledger are written on the pages and by the import: read-only here.
The admission rule sets and the lost-lead reasons are data without a page: edited here with a
reason, never deleted; a rule set a decision was taken on refuses a change (model clean)."""

from django.contrib import admin

from parkops.attraction.models import (
    AdmissionRuleSet,
    IncentiveEntry,
    IncentiveRuleSet,
    Lead,
    LostReason,
    Screening,
    VetoList,
)
from parkops.common.admin import GuardedAdmin, ReadOnlyAdmin


@admin.register(AdmissionRuleSet)
class AdmissionRuleSetAdmin(GuardedAdmin):
    list_display = ("version", "label", "is_default", "created_at")


@admin.register(LostReason)
class LostReasonAdmin(GuardedAdmin):
    """The list of reasons a lead is lost: changed with a reason, never deleted (a reason no
    longer offered is made inactive; leads keep the one they were lost for)."""

    list_display = ("code", "label", "order", "is_active")


@admin.register(IncentiveRuleSet)
class IncentiveRuleSetAdmin(GuardedAdmin):
    """The joint scheme's incentive rules: a new version replaces the default; a version the
    ledger was computed on refuses a change (model clean)."""

    list_display = ("version", "label", "is_default", "landed_reward_wan", "tax_reward_per_wan",
                    "tax_years")  # fmt: skip


admin.site.register([Lead, Screening, VetoList, IncentiveEntry], ReadOnlyAdmin)
