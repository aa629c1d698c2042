"""Normalisation of the text users paste: full-width characters, stray spaces, brackets."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def to_half_width(text: str) -> str:
    """Full-width ASCII (Ａ１２，（）) to its half-width form; other characters unchanged."""
    return unicodedata.normalize("NFKC", text)


def normalise_code(text: str) -> str:
    """A code as typed (USCC, industry code): half-width, upper case, no spaces or dashes."""
    return _SPACES.sub("", to_half_width(text)).replace("-", "").upper()


def normalise_name(text: str) -> str:
    """An organisation's name: no spaces inside, Chinese full-width brackets as registered."""
    name = _SPACES.sub("", text.strip())
    return name.replace("(", "（").replace(")", "）")


def gettext_noop(text: str) -> str:
    """Marks a string for the translation catalogue and returns it unchanged: the pure core
    has no Django, and its callers translate the marked strings when they show them."""
    return text
