from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from parkops.common.panels import PanelSlot, panels_render

register = template.Library()


@register.filter
def bootstrap(field: forms.BoundField) -> SafeString:
    """Render a form field with Bootstrap's class for its kind of widget."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


@register.filter
def amount(value: Any, places: int = 2) -> str:
    """A figure with thousands separators, or a dash when it was not reported."""
    if value is None or value == "":
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return f"{Decimal(value):,.{places}f}"


@register.simple_tag
def demo_badge() -> SafeString:
    return format_html(
        '<span class="badge text-bg-warning" title="{}">{}</span>',
        _("虚构企业，数据仅供演示"),
        _("演示数据"),
    )


@register.simple_tag(takes_context=True)
def record_panels(context: template.Context, obj: Any, slot: str = PanelSlot.RECORD) -> SafeString:
    """The panels other apps registered on this record's page, as far as the user may see them."""
    return panels_render(context, obj, slot)


@register.simple_tag(takes_context=True)
def list_actions(context: template.Context, model: str) -> SafeString:
    """The actions other apps registered on a list page (its export, say), inside its results."""
    return panels_render(context, model, PanelSlot.LIST_ACTIONS)
