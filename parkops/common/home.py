"""Sections of the home page that the domain apps register, so the home page imports none of them.

A section is a template and a function giving its context for a request, or None when the
section is not for this user (each role's home page is its work: a road chief's shows his road
and his visits due). Apps register their sections in AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    key: str
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]
    order: int = 100


@dataclass(frozen=True)
class ShownSection:
    key: str
    template: str
    context: dict[str, Any]


_SECTIONS: dict[str, HomeSection] = {}


def home_section_register(section: HomeSection) -> None:
    """Add (or replace, by key) a section of the home page."""
    _SECTIONS[section.key] = section


def home_sections(request: HttpRequest) -> list[ShownSection]:
    """The sections this request's user sees, in their order."""
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request)
        if context is not None:
            shown.append(ShownSection(section.key, section.template, context))
    return shown
