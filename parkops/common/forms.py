"""Form pieces shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from parkops.common.versioning import version_of


class VersionedModelForm(forms.ModelForm):
    """An edit form that carries, hidden, the version of the record it was opened on, so that
    the service refuses the save when someone else changed the record in between.

    After is_valid(), `self.based_on` holds that version (None for a new record) and
    `cleaned_data` no longer holds it, so views pass cleaned_data to services unchanged."""

    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.based_on: str | None = None
        self.fields["version"].initial = version_of(self.instance)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.based_on = cleaned.pop("version", "") or None
        return cleaned


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: by field where the form has that field,
    above the form otherwise (a model field the form does not show, or a non-field error)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
