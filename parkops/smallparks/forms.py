from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.registry.models import Enterprise, SmallPark
from parkops.smallparks.models import Building, Tenancy, VacantSpace

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BuildingForm(forms.ModelForm):
    class Meta:
        model = Building
        fields = ("name", "floors", "floor_area_m2", "note")
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class _InParkForm(forms.ModelForm):
    def __init__(self, *args: Any, small_park: SmallPark, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.small_park = small_park
        self.fields["building"].queryset = small_park.buildings.all()  # type: ignore[attr-defined]


class TenancyForm(_InParkForm):
    class Meta:
        model = Tenancy
        fields = ("enterprise", "building", "floor_area_m2", "starts_on", "ends_on", "note")
        widgets = {"starts_on": DATE, "ends_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(
        self, *args: Any, small_park: SmallPark, candidates: QuerySet[Enterprise], **kwargs: Any
    ) -> None:
        """`candidates`: the enterprises that may be entered (selectors.tenancy_candidates)."""
        super().__init__(*args, small_park=small_park, **kwargs)
        self.fields["enterprise"].queryset = candidates  # type: ignore[attr-defined]


class VacancyForm(_InParkForm):
    class Meta:
        model = VacantSpace
        fields = (
            "building", "floor", "area_m2", "vacant_since", "suitable_uses", "clear_height_m",
            "floor_load_kn_m2", "power_kva", "hazardous_allowed", "eia_max_category",
            "suitable_industries", "note",
        )  # fmt: skip
        widgets = {"vacant_since": DATE, "note": forms.Textarea(attrs={"rows": 2})}


class DateForm(forms.Form):
    on = forms.DateField(label=_("日期"), widget=DATE)


class RunForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
