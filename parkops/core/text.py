"""Normalisation of the text users paste: full-width characters, stray spaces, brackets."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def to_half_width(text: str) -> str:
    """Full-width ASCII (Ａ１２，（）) to its half-width form; other characters unchanged."""
    return unicodedata.normalize("NFKC", text)


@functools.lru_cache(maxsize=4096)
def normalise_code(text: str) -> str:
    """A code as typed (USCC, industry code): half-width, upper case, no spaces or dashes.
    Cached: matching compares the same few industry codes thousands of times."""
    return _SPACES.sub("", to_half_width(text)).replace("-", "").upper()


def normalise_name(text: str) -> str:
    """An organisation's name: no spaces inside, Chinese full-width brackets as registered."""
    name = _SPACES.sub("", text.strip())
    return name.replace("(", "（").replace(")", "）")


def gettext_noop(text: str) -> str:
    """Marks a string for the translation catalogue and returns it unchanged: the pure core
    has no Django, and its callers translate the marked strings when they show them."""
    return text


_COMPANY_NOISE = re.compile(
    r"股份有限公司|有限责任公司|有限公司|股份|集团|公司|[（(](上海|中国)[)）]|^上海|^中国"
)


def company_key(name: str) -> str:
    """A company's name reduced to what tells two companies apart, for spotting duplicates:
    half-width, no spaces or punctuation, without 有限公司 / 股份 / （上海） and the like.
    "上海 甲乙科技股份有限公司" and "甲乙科技（上海）有限公司" are one key."""
    text = _SPACES.sub("", to_half_width(name)).replace("(", "（").replace(")", "）")
    previous = None
    while previous != text:
        previous, text = text, _COMPANY_NOISE.sub("", text)
    return re.sub(r"[\W_]+", "", text).lower()
