"""Names in pinyin order, as a Chinese reader looks them up: 金轩路, 平业路, 亭卫公路, 月工路.

PostgreSQL orders by its ICU collation "zh-x-icu" (created by the registry's migration where the
server lacks it). SQLite has no ICU: a collation of the same name is registered on each new
connection, comparing pinyin sort keys (pypinyin), so that `order_by(pinyin("name"))` reads the
same on both databases and the tests, run on both, pin one order.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from django.db.models import QuerySet
from django.db.models.expressions import OrderBy
from django.db.models.functions import Collate

PINYIN = "zh-x-icu"

# ICU's Chinese order of scripts: spaces and punctuation, digits, Han (by pinyin), then Latin.
_OTHER, _DIGIT, _HAN, _LATIN = range(4)


def pinyin(field: str, *, descending: bool = False) -> OrderBy:
    """An ordering of `field` in pinyin order."""
    collated = Collate(field, PINYIN)
    return collated.desc() if descending else collated.asc()


def pinyin_ordered(
    queryset: QuerySet[Any], field: str, descending: bool
) -> tuple[QuerySet[Any], bool]:
    """A django-tables2 `order_<column>` answer: the rows by `field` in pinyin order."""
    return queryset.order_by(pinyin(field, descending=descending), "pk"), True


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def _other_key(char: str) -> tuple[int, str]:
    if char.isdigit():
        return _DIGIT, char
    folded = unicodedata.normalize("NFKD", char).casefold()[:1]
    if folded.isascii() and folded.isalpha():
        return _LATIN, folded
    return _OTHER, char


@lru_cache(maxsize=65_536)
def sort_key(text: str) -> tuple[tuple[int, str], ...]:
    """The text's pinyin sort key: each character by its script, a Han character by its reading
    with the tone as a digit ("zhan3" before "zhang1", as in a dictionary) and then by itself.
    A run of Han characters is read as a phrase, so 长宁 reads chang2 ning2."""
    from pypinyin import Style, lazy_pinyin  # a large dictionary: loaded when first needed

    text = unicodedata.normalize("NFKC", text)
    key: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = start
        while end < len(text) and _is_han(text[end]):
            end += 1
        if end == start:
            key.append(_other_key(text[start]))
            start += 1
            continue
        run = text[start:end]
        readings = lazy_pinyin(run, style=Style.TONE3, neutral_tone_with_five=True)
        key += [(_HAN, f"{r}{c}") for r, c in zip(readings, run, strict=True)]
        start = end
    return tuple(key)


def compare(a: str, b: str) -> int:
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def register_on_sqlite(sender: Any, connection: Any, **kwargs: Any) -> None:
    """`connection_created` receiver: SQLite learns the collation PostgreSQL has from ICU."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(PINYIN, compare)
