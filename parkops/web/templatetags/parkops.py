from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from parkops.common.choices import Colour, ColouredChoices, choices_named
from parkops.common.panels import PanelSlot, panels_render
from parkops.common.sentences import sentence_translate

register = template.Library()


@register.filter
def bootstrap(field: forms.BoundField) -> SafeString:
    """Render a form field with Bootstrap's class for its kind of widget."""
    widget = field.field.widget
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple too
        return _choices(field)
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    return field.as_widget(attrs={"class": css})


def _choices(field: forms.BoundField) -> SafeString:
    """A list of radio buttons or checkboxes, each in Bootstrap's .form-check. Given the class as
    an attribute, Django puts it on the list's wrapper too: a wrapper floated as a 1em checkbox
    squeezed every label to one character a line, over the fields below it."""
    invalid = " is-invalid" if field.errors else ""
    items = []
    for choice in field.subwidgets:
        choice.data["attrs"]["class"] = "form-check-input" + invalid
        items.append(
            format_html(
                '<div class="form-check">{}<label class="form-check-label" for="{}">{}</label></div>',
                choice.tag(wrap_label=False),
                choice.id_for_label,
                choice.choice_label,
            )
        )
    return format_html('<div id="{}">{}</div>', field.auto_id, mark_safe("".join(items)))


@register.filter
def sentence(value: str) -> str:
    """A reason the core stored in Chinese, in the user's language (parkops.common.sentences)."""
    return sentence_translate(value)


@register.filter
def sentences(values: list[str], separator: str = "；") -> str:
    """Stored reasons, each in the user's language, joined (an empty list gives "")."""
    return separator.join(sentence_translate(v) for v in values or [])


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


def _choice(value: Any, choices: str) -> ColouredChoices | None:
    """The member of the named choices for a stored value (or a member, or a core StrEnum);
    None for a blank or a value the choices do not know (the page shows it, never a 500)."""
    found = choices_named(choices)
    return found(str(value)) if str(value) in found.values else None


@register.simple_tag
def badge(value: Any, choices: str, extra: str = "") -> SafeString:
    """A stored value as its choice's label on a badge of its choice's colour; a dash if empty.
    `data-value` keeps the stored value for scripts and tests."""
    choice = _choice(value, choices)
    if choice is None:
        if value is None or value == "":
            return mark_safe('<span class="text-muted">—</span>')  # a constant
        return format_html('<span class="badge {}">{}</span>', Colour.GREY.css, value)
    css = f"badge {choice.colour.css} {extra}".strip()
    return format_html(
        '<span class="{}" data-value="{}">{}</span>', css, choice.value, choice.label
    )


@register.filter
def choice_label(value: Any, choices: str) -> str:
    choice = _choice(value, choices)
    return "" if choice is None else str(choice.label)


@register.filter
def choice_colour(value: Any, choices: str) -> str:
    """The Bootstrap class of the value's colour (text-bg-…), for markup a badge does not fit."""
    choice = _choice(value, choices)
    return "" if choice is None else choice.colour.css


@register.simple_tag
def legend(choices: str) -> SafeString:
    """Every member of the named choices as its badge, in order: a chart's or a table's key."""
    return format_html_join(" ", "{}", ((badge(c.value, choices),) for c in choices_named(choices)))


@register.simple_tag(takes_context=True)
def record_panels(context: template.Context, obj: Any, slot: str = PanelSlot.RECORD) -> SafeString:
    """The panels other apps registered on this record's page, as far as the user may see them."""
    return panels_render(context, obj, slot)


@register.simple_tag(takes_context=True)
def list_actions(context: template.Context, model: str) -> SafeString:
    """The actions other apps registered on a list page (its export, say), inside its results."""
    return panels_render(context, model, PanelSlot.LIST_ACTIONS)
