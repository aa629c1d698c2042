from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from parkops.indicators.models import Indicator, IndicatorTarget, ManualValue


class TargetInline(admin.TabularInline):
    model = IndicatorTarget
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("number", "group", "name", "unit", "computation")
    inlines = (TargetInline,)


@admin.register(ManualValue)
class ManualValueAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "year", "value", "reason", "set_by")
    raw_id_fields = ("set_by",)
