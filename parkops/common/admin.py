"""The Django admin is a window on the data, not a way round its rules.

Every ModelAdmin of the project derives from one of these:
- ReadOnlyAdmin: records that the pages, the API and the imports write through their services
  (reason, history, version, validation). The admin shows them and their history, and changes,
  adds, deletes and reverts nothing.
- GuardedAdmin: records with no page of their own (roads, small parks, plots, targets …). The
  admin edits them with a required reason and the version check, through the same record_save
  as the services, and never deletes them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from parkops.common.forms import VersionedModelForm
from parkops.common.versioning import record_save, stale_message, version_of


class _NoRevert(SimpleHistoryAdmin):
    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        # Reverting to an old version saves the record behind every service: never here.
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyMixin:
    """Shown, never written: for any ModelAdmin, with or without a history."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyMixin, _NoRevert):
    pass


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0


class GuardedAdminForm(VersionedModelForm):
    change_reason = forms.CharField(
        label=_("修改原因"), max_length=200, help_text=_("写入修改历史")
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        instance = self.instance
        if instance.pk is not None and self.based_on:
            stored = type(instance)._default_manager.filter(pk=instance.pk).first()
            if stored is not None and version_of(stored) != self.based_on:
                raise ValidationError(stale_message(stored, self.based_on))
        return cleaned


class GuardedInline(admin.TabularInline):
    """Rows edited with the parent's reason; never deleted here."""

    extra = 0
    can_delete = False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class GuardedAdmin(_NoRevert):
    form = GuardedAdminForm

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # The form has shown a stale version as an error; this refuses the rare one that
        # slipped in between its check and this locked save.
        try:
            record_save(obj, reason=form.cleaned_data["change_reason"], version=form.based_on)
        except ValidationError as error:
            raise PermissionDenied(" ".join(error.messages)) from error

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        reason = form.cleaned_data["change_reason"]
        with transaction.atomic():
            for row in formset.save(commit=False):
                record_save(row, reason=reason)
            formset.save_m2m()
