"""Forms of the visits app. The visit form is phone-first: one column, native date and camera."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from parkops.accounts.models import Department
from parkops.accounts.roles import Role
from parkops.common.forms import VersionedModelForm
from parkops.registry.models import Enterprise, Grid, Road
from parkops.visits.choices import DueStatus, RaisedCategory, VisitKind, VisitMethod, VisitTier
from parkops.visits.models import PendingQuestion, Visit

DATE = forms.DateInput(attrs={"type": "date"})
FIELD_ROLES = (Role.ROAD_CHIEF, Role.GRID_OFFICER, Role.PARK_OFFICE)


def visitor_choices() -> QuerySet[User]:
    """Who can be named as a visitor: the park office, road chiefs and grid officers."""
    return (
        User.objects.filter(is_active=True, groups__name__in=[r.value for r in FIELD_ROLES])
        .distinct()
        .order_by("username")
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several files from one input (Django's documented pattern); each is checked by the service."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp", "multiple": True}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class VisitForm(forms.ModelForm):
    photos = PhotosField(
        label=_("现场照片"),
        required=False,
        help_text=_("JPG、PNG 或 WebP，每张不超过 10 MB，最多 10 张"),
    )

    class Meta:
        model = Visit
        fields = (
            "visited_on", "kind", "method", "visitors", "other_visitors", "interviewee_name",
            "interviewee_position", "interviewee_phone", "discussed", "findings", "next_visit_on",
        )  # fmt: skip
        widgets = {
            "visited_on": DATE,
            "next_visit_on": DATE,
            "discussed": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 2}),
            "interviewee_phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args: Any, questions: list[PendingQuestion] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        visitors: Any = self.fields["visitors"]
        visitors.queryset = visitor_choices()
        visitors.required = False
        visitors.help_text = _("不选则为本人")
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = forms.CharField(
                label=f"{question.department}：{question.text}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"answer_{q.pk}", "") for q in self.questions}

    def visit_data(self) -> dict[str, Any]:
        skip = {"visitors", "photos"} | {f"answer_{q.pk}" for q in self.questions}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class RaisedRequestForm(forms.Form):
    category = forms.ChoiceField(
        label=_("诉求类别"), choices=[("", "---------"), *RaisedCategory.choices], required=False
    )
    text = forms.CharField(
        label=_("诉求内容"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    department = forms.ModelChoiceField(
        label=_("建议承办部门"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("text", "").strip() and not cleaned.get("category"):
            self.add_error("category", _("请选择诉求类别"))
        if cleaned.get("category") and not cleaned.get("text", "").strip():
            self.add_error("text", _("请填写诉求内容"))
        return cleaned


RaisedRequestFormSet = forms.formset_factory(RaisedRequestForm, extra=2, max_num=10)


class VisitEditForm(VersionedModelForm):
    reason = forms.CharField(label=_("修改原因"), max_length=200, required=False)

    class Meta:
        model = Visit
        fields = VisitForm.Meta.fields
        widgets = VisitForm.Meta.widgets

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visitors: Any = self.fields["visitors"]
        visitors.queryset = visitor_choices()


class QuestionForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Enterprise.objects.none())
    department = forms.ModelChoiceField(label=_("提问部门"), queryset=Department.objects.none())
    text = forms.CharField(label=_("问题"), max_length=200)

    def __init__(
        self,
        *args: Any,
        enterprises: QuerySet[Enterprise],
        departments: QuerySet[Department],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        enterprise: Any = self.fields["enterprise"]
        enterprise.queryset = enterprises.order_by("name")
        department: Any = self.fields["department"]
        department.queryset = departments


class DueFilterForm(forms.Form):
    """The due list is computed from the cycles (no model's rows), so a plain form filters it."""

    q = forms.CharField(label=_("企业名称"), required=False)
    road = forms.ModelChoiceField(label=_("道路"), queryset=Road.objects.all(), required=False)
    grid = forms.ModelChoiceField(label=_("微网格"), queryset=Grid.objects.all(), required=False)
    status = forms.ChoiceField(
        label=_("走访状态"), choices=[("", "---------"), *DueStatus.choices], required=False
    )
    tier = forms.ChoiceField(
        label=_("企业类别"), choices=[("", "---------"), *VisitTier.choices], required=False
    )


class CoverageForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)
    by = forms.ChoiceField(
        label=_("按"), choices=[("road", _("道路")), ("grid", _("微网格"))], required=False
    )


KIND_CHOICES = [("", "---------"), *VisitKind.choices]
METHOD_CHOICES = [("", "---------"), *VisitMethod.choices]
