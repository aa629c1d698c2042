"""Filters every list shares: a yes/no filter that reads 全部 / 是 / 否."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import BooleanWidget


class YesNoWidget(BooleanWidget):
    """django-filter's true/false select, with the site's own words (its own says "Unknown")."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        forms.Select.__init__(self, attrs, (("", _("全部")), ("true", _("是")), ("false", _("否"))))


class YesNoFilter(django_filters.BooleanFilter):
    """A BooleanFilter whose select offers 全部 / 是 / 否 (`?name=true|false`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", YesNoWidget())
        super().__init__(*args, **kwargs)
