"""Forms of the request pages: the new request, and one small form per action, each carrying
the version of the request it was opened on."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from parkops.accounts.models import Department
from parkops.common.types import AnyUser
from parkops.registry.models import Enterprise
from parkops.registry.selectors import enterprises_visible_to
from parkops.service.choices import Category, Channel, DissatisfactionCause, Rating, ReasonKind
from parkops.service.models import ReasonCode

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class RequestCreateForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Enterprise.objects.none())
    channel = forms.ChoiceField(label=_("渠道"), choices=Channel.choices)
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    title = forms.CharField(label=_("标题"), max_length=100)
    text = forms.CharField(label=_("诉求内容"), widget=TEXTAREA)
    contact = forms.CharField(label=_("企业联系人及电话"), max_length=100, required=False)
    file = forms.FileField(
        label=_("附件"), required=False, help_text=_("PDF、JPG、PNG、Word 或 Excel，不超过 10 MB")
    )

    def __init__(self, *args: Any, user: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["enterprise"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = enterprises_visible_to(user).order_by("name")


class ActionForm(forms.Form):
    version = forms.CharField(required=False, widget=forms.HiddenInput)


def _reasons(kind: ReasonKind) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("原因代码"),
        queryset=ReasonCode.objects.filter(kind=kind, is_active=True),
        required=False,
    )


def _departments(label: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=label, queryset=Department.objects.filter(is_active=True))


class DispatchForm(ActionForm):
    department = _departments(_("承办部门"))
    text = forms.CharField(label=_("派单说明"), widget=TEXTAREA, required=False)


class TransferForm(ActionForm):
    department = _departments(_("转至部门"))
    text = forms.CharField(label=_("转办理由"), widget=TEXTAREA, required=False)


class CoHandleForm(ActionForm):
    departments = forms.ModelMultipleChoiceField(
        label=_("联办部门"), queryset=Department.objects.filter(is_active=True)
    )
    text = forms.CharField(label=_("说明"), widget=TEXTAREA, required=False)


class NoteForm(ActionForm):
    text = forms.CharField(label=_("说明"), widget=TEXTAREA, required=False)


class AnswerForm(ActionForm):
    answer = forms.CharField(label=_("答复内容"), widget=TEXTAREA, required=False)


class ReturnForm(ActionForm):
    reason = _reasons(ReasonKind.RETURN)
    text = forms.CharField(label=_("说明"), widget=TEXTAREA, required=False)


class ExtendForm(ActionForm):
    reason = _reasons(ReasonKind.EXTEND)
    limit_days = forms.IntegerField(label=_("延期后时限（工作日）"), min_value=1, max_value=60)
    text = forms.CharField(label=_("说明"), widget=TEXTAREA, required=False)


class CloseForm(ActionForm):
    reason = _reasons(ReasonKind.CLOSE)
    text = forms.CharField(label=_("说明"), widget=TEXTAREA, required=False)


class RateForm(ActionForm):
    efficiency = forms.ChoiceField(label=_("效率"), choices=Rating.choices)
    attitude = forms.ChoiceField(label=_("态度"), choices=Rating.choices)
    result = forms.ChoiceField(label=_("结果"), choices=Rating.choices)
    cause = forms.ChoiceField(
        label=_("不满意原因"), choices=DissatisfactionCause.choices, required=False
    )
    note = forms.CharField(label=_("企业意见"), widget=TEXTAREA, required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("附件"), help_text=_("PDF、JPG、PNG、Word 或 Excel，不超过 10 MB")
    )
