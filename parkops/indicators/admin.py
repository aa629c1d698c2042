"""Manual values are set on the indicator's page with a reason: read-only here. Indicators and
their targets (Table 1) have no page of their own: edited here with a reason, never deleted."""

from django.contrib import admin

from parkops.common.admin import GuardedAdmin, GuardedInline, ReadOnlyAdmin
from parkops.indicators.models import Indicator, IndicatorTarget, ManualValue


class TargetInline(GuardedInline):
    model = IndicatorTarget


@admin.register(Indicator)
class IndicatorAdmin(GuardedAdmin):
    list_display = ("number", "group", "name", "unit", "computation")
    inlines = (TargetInline,)


@admin.register(ManualValue)
class ManualValueAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "year", "value", "reason", "set_by")
