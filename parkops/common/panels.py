"""Panels: an app adds a section to another app's page without that page importing it.

NetBox's PluginTemplateExtension is the model. The enterprise page (registry) knows nothing of the
evaluation card or the plan's mentions; `evaluation` and `plan` register a panel on
`registry.Enterprise` in their `AppConfig.ready()`, and the page renders whatever is registered
with `{% record_panels enterprise %}`. A list page renders its actions (an export link, say) the
same way with `{% list_actions "registry.Enterprise" %}`.

A panel shows only to a user who holds its permission and passes its visibility predicate; the
panel's own context function still scopes what it reads to that user.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.template import Context
from django.template.loader import get_template
from django.utils.functional import Promise
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from parkops.common.types import AnyUser


class PanelSlot(StrEnum):
    """Where on a page a panel sits."""

    TOP = "top"  # above a record's facts: warnings about the record
    RECORD = "record"  # below a record's own sections, above its history
    LIST_ACTIONS = "list_actions"  # beside a list's result count, inside the swapped results


# (request, the record shown, or None on a list page) -> the panel template's context
ContextFunction = Callable[[HttpRequest, Any], Mapping[str, Any]]
Visibility = Callable[[AnyUser, Any], bool]


@dataclass(frozen=True)
class Panel:
    model: str  # the model's label, "registry.Enterprise"
    name: str  # unique per model and slot; the section's id is "panel-<name>"
    template: str
    title: str | Promise
    context: ContextFunction
    permission: str | None = None
    visible: Visibility | None = None
    order: int = 100
    slot: str = PanelSlot.RECORD

    def shows_to(self, user: AnyUser, obj: Any) -> bool:
        # AnonymousUser and every User have has_perm; AbstractBaseUser alone does not.
        if self.permission is not None and not user.has_perm(self.permission):  # type: ignore[union-attr]
            return False
        return self.visible is None or self.visible(user, obj)


class PanelError(ValueError):
    pass


_panels: dict[tuple[str, str], dict[str, Panel]] = {}


def model_label(model: type[Model] | Model | str) -> str:
    """ "registry.enterprise" for the model, an instance of it or its label in any case."""
    if isinstance(model, str):
        return model.lower()
    return str(model._meta.label_lower)


def panel_register(panel: Panel) -> None:
    """Add a panel; registering one name twice on one model's slot is a mistake, not an update."""
    if panel.slot not in PanelSlot.__members__.values():
        raise PanelError(f"panel {panel.name}: unknown slot {panel.slot!r}")
    registered = _panels.setdefault((model_label(panel.model), panel.slot), {})
    if panel.name in registered:
        raise PanelError(f"panel {panel.name} is already registered on {panel.model}")
    registered[panel.name] = panel


def panel_unregister(model: type[Model] | str, name: str, slot: str = PanelSlot.RECORD) -> None:
    registered = _panels.get((model_label(model), slot), {})
    if registered.pop(name, None) is None:
        raise PanelError(f"no panel {name} on {model_label(model)}")


def panels_of(model: type[Model] | Model | str, slot: str = PanelSlot.RECORD) -> list[Panel]:
    """Every panel registered on the model's slot, in order (then by name)."""
    registered = _panels.get((model_label(model), slot), {})
    return sorted(registered.values(), key=lambda p: (p.order, p.name))


def panels_render(
    context: Context, target: Model | str, slot: str = PanelSlot.RECORD
) -> SafeString:
    """The panels the page's user may see, rendered in order; a list page passes the model's
    label. Each renders as an inclusion tag does: its own values, plus the page's request,
    permissions and CSRF token (the context processors are not run again)."""
    request: HttpRequest = context["request"]
    obj = None if isinstance(target, str) else target
    parts = []
    for panel in panels_of(target, slot):
        if not panel.shows_to(request.user, obj):
            continue
        values = {
            **panel.context(request, obj),
            "panel": panel,
            "object": obj,
            "request": request,
            "perms": context.get("perms"),
            "csrf_token": context.get("csrf_token"),
        }
        template = get_template(panel.template).template  # type: ignore[attr-defined]
        html = template.render(context.new(values))
        if html.strip():  # a panel with nothing to say this time leaves no trace
            parts.append((panel.name, html))
    if slot == PanelSlot.LIST_ACTIONS:
        # Actions sit inline beside the result count: no wrapper; each is a rendered template.
        return mark_safe("".join(html for _name, html in parts))
    return format_html_join(
        "\n", '<div class="record-panel" id="panel-{}">{}</div>', ((n, h) for n, h in parts)
    )
