"""Enterprises and their annual figures are written on the site's pages, the API and the imports
(reason, history, version): read-only here, never deleted. Roads, small parks, designations and
plots have no edit page: edited here with a required reason and the version check, never deleted."""

from django.contrib import admin

from parkops.common.admin import GuardedAdmin, ReadOnlyAdmin, ReadOnlyInline
from parkops.registry.models import (
    Designation,
    Enterprise,
    EnterpriseYear,
    Grid,
    LandPlot,
    Road,
    SmallPark,
)


@admin.register(Road)
class RoadAdmin(GuardedAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    filter_horizontal = ("chiefs",)


@admin.register(SmallPark)
class SmallParkAdmin(GuardedAdmin):
    list_display = ("plan_sequence", "name", "owner_name", "road", "land_mu")
    search_fields = ("name", "full_name", "owner_name")
    filter_horizontal = ("owners",)


class DesignationInline(ReadOnlyInline):
    model = Designation


@admin.register(Enterprise)
class EnterpriseAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "uscc",
        "small_park",
        "road",
        "industry_code",
        "key_industry",
        "status",
        "is_demo",
    )
    list_filter = ("is_demo", "status", "key_industry", "cluster", "small_park")
    search_fields = ("name", "short_name", "uscc")
    list_select_related = ("small_park", "road")
    inlines = [DesignationInline]


@admin.register(EnterpriseYear)
class EnterpriseYearAdmin(ReadOnlyAdmin):
    list_display = (
        "enterprise",
        "year",
        "output_value",
        "revenue",
        "tax",
        "land_mu",
        "is_above_scale",
        "source",
    )
    list_filter = ("year", "source", "land_basis")
    search_fields = ("enterprise__name", "enterprise__uscc")
    list_select_related = ("enterprise",)


@admin.register(Designation)
class DesignationAdmin(GuardedAdmin):
    list_display = ("enterprise", "kind", "awarded_on", "expires_on", "revoked_on")
    list_filter = ("kind",)
    search_fields = ("enterprise__name",)
    autocomplete_fields = ("enterprise",)


@admin.register(LandPlot)
class LandPlotAdmin(GuardedAdmin):
    list_display = ("name", "address", "road", "holder", "area_mu")
    search_fields = ("name", "address", "holder__name")
    list_select_related = ("road", "holder")
    autocomplete_fields = ("holder",)


@admin.register(Grid)
class GridAdmin(GuardedAdmin):
    list_display = ("name", "road")
    search_fields = ("name",)
    filter_horizontal = ("officers",)
