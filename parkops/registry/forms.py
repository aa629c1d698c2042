from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from parkops.accounts.roles import Role
from parkops.common.forms import VersionedModelForm
from parkops.common.versioning import version_of
from parkops.registry.models import Designation, Enterprise, EnterpriseYear, SmallPark
from parkops.registry.services import (
    DESIGNATION_EDITABLE,
    ENTERPRISE_EDITABLE,
    SMALLPARK_EDITABLE,
    YEAR_EDITABLE,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EnterpriseForm(VersionedModelForm):
    class Meta:
        model = Enterprise
        fields = ENTERPRISE_EDITABLE
        widgets = {
            "production_started_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class EnterpriseYearForm(VersionedModelForm):
    """A year's figures; correcting a stored year asks for the reason, kept in the history."""

    reason = forms.CharField(label=_("修改原因"), max_length=100, required=False)

    class Meta:
        model = EnterpriseYear
        fields = YEAR_EDITABLE
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # a new year needs no reason
            del self.fields["reason"]
        else:  # the year is the record's key: corrected by a new record, not here
            self.fields["year"].disabled = True


class _ReasonForm(VersionedModelForm):
    """An edit of a stored record: the reason is asked for, and the service refuses an edit
    without one (its message lands on this field)."""

    reason = forms.CharField(label=_("修改原因"), max_length=100, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _("写入修改历史")


class _AccountsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        full = obj.get_full_name()
        return f"{obj.username}（{full}）" if full else str(obj.username)


class SmallParkForm(_ReasonForm):
    """A small park's master data and its owners' accounts (the accounts of 小园区业主)."""

    owners = _AccountsField(
        label=_("业主账号"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
        help_text=_("可以查看并维护本小园区的用户（角色为小园区业主的账号）"),
    )

    class Meta:
        model = SmallPark
        fields = SMALLPARK_EDITABLE
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = self.fields["owners"]
        assert isinstance(owners, forms.ModelMultipleChoiceField)
        owners.queryset = User.objects.filter(
            groups__name=Role.SMALL_PARK_OWNER.value, is_active=True
        ).order_by("username")
        if self.instance.pk is not None:
            owners.initial = list(self.instance.owners.values_list("pk", flat=True))


class DesignationForm(_ReasonForm):
    """A designation; a new one needs no reason, an edit of a stored one does."""

    class Meta:
        model = Designation
        fields = DESIGNATION_EDITABLE
        widgets = {
            "awarded_on": DATE,
            "expires_on": DATE,
            "revoked_on": DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["reason"]
            del self.fields["revoked_on"]  # a new designation is in force; 终止 ends it


class DesignationEndForm(forms.Form):
    """End a designation (撤销, or given up before its date): the day it ended and why. A plain
    form, so that the designation is changed by the service alone."""

    ended_on = forms.DateField(label=_("终止日期"), widget=DATE)
    reason = forms.CharField(label=_("终止原因"), max_length=100)
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, designation: Designation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = version_of(designation)
