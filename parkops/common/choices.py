"""Choices that carry their label and their colour (NetBox's ChoiceSet), so that every page, chart
and export shows a status the same way and no template re-spells a label or picks a colour.

    class RatingLevel(ColouredChoices):
        GOOD = "good", _("优质")
        INEFFICIENT = "inefficient", _("低效")
        colours = nonmember({"good": Colour.GREEN, "inefficient": Colour.RED})

`RatingLevel.GOOD.colour` is Colour.GREEN; `Colour.GREEN.css` is the Bootstrap badge class and
`Colour.GREEN.hex` the colour for ECharts and .xlsx. Templates show a stored value with
`{% badge value "RatingLevel" %}` (parkops.web's tags); a choices class is found by its name.
"""

from __future__ import annotations

from enum import StrEnum, nonmember
from typing import Any

from django.db import models

__all__ = ["Colour", "ColouredChoices", "choices_named", "colours_of", "nonmember"]


class Colour(StrEnum):
    """The house palette: Bootstrap's contextual colours and one orange (parkops.css)."""

    GREEN = "success"
    BLUE = "primary"
    ORANGE = "orange"
    YELLOW = "warning"
    RED = "danger"
    GREY = "secondary"
    CYAN = "info"
    LIGHT = "light"

    @property
    def css(self) -> str:
        return f"text-bg-{self.value}"

    @property
    def hex(self) -> str:
        return _HEX[self]


_HEX = {
    Colour.GREEN: "#198754",
    Colour.BLUE: "#0d6efd",
    Colour.ORANGE: "#fd7e14",
    Colour.YELLOW: "#ffc107",
    Colour.RED: "#dc3545",
    Colour.GREY: "#6c757d",
    Colour.CYAN: "#0dcaf0",
    Colour.LIGHT: "#f8f9fa",
}

_BY_NAME: dict[str, type[ColouredChoices]] = {}


class ColouredChoices(models.TextChoices):
    """TextChoices whose members each have a colour, given by value in `colours` (a nonmember;
    not declared here, since mypy takes an enum's attributes as final)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        known = _BY_NAME.setdefault(cls.__name__, cls)
        if known is not cls and known.__module__ != cls.__module__:
            raise TypeError(f"two choices classes named {cls.__name__}")
        _BY_NAME[cls.__name__] = cls  # a module reloaded in a test replaces its own class

    @property
    def colour(self) -> Colour:
        return colours_of(type(self))[self.value]


def colours_of(choices: type[ColouredChoices]) -> dict[str, Colour]:
    """The class's colour of each value."""
    found: dict[str, Colour] = getattr(choices, "colours", {})
    return found


def choices_named(name: str) -> type[ColouredChoices]:
    """The coloured choices class of that name (LookupError if there is none)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise LookupError(f"no coloured choices named {name!r}") from None


def all_coloured_choices() -> list[type[ColouredChoices]]:
    return list(_BY_NAME.values())
