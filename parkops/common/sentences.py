"""Sentences the Django-free core stores in Chinese, translated when they are shown.

The evaluation engine and the small-park rating write their reasons as Chinese sentences built
from a fixed wording and parameters ("用地面积不足 5 亩"). Each app registers those wordings
here as msgids with named parameters ("用地面积不足 %(mu)s 亩"); on display a stored sentence is
matched against them, its parameters read back, and the wording translated with the parameters
put in again. So every stored row — old ones included — reads in the user's language with no
data migration, and the Chinese page shows exactly what was stored.

A parameter listed as a label (an indicator's or an exclusion's name from the scheme) is itself
looked up in the catalogue. A sentence no wording matches (a veto rule's label typed into a
scheme, an older wording) is looked up whole in the catalogue, else shown as stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext

_PARAMETER = re.compile(r"%\((\w+)\)s")


@dataclass(frozen=True)
class Wording:
    msgid: str
    pattern: re.Pattern[str]
    labels: frozenset[str]


_WORDINGS: dict[str, Wording] = {}


def _pattern(msgid: str) -> re.Pattern[str]:
    parts = _PARAMETER.split(msgid)
    # split() alternates literal text and parameter names: text, name, text, name, text …
    regex = "".join(
        re.escape(part.replace("%%", "%")) if i % 2 == 0 else f"(?P<{part}>.+?)"
        for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$", re.S)


def sentences_register(msgids: Iterable[str], *, labels: Iterable[str] = ()) -> None:
    """Register wordings (msgids marked with gettext_noop); `labels` are the parameters that
    are names to translate too."""
    for msgid in msgids:
        _WORDINGS[msgid] = Wording(msgid, _pattern(msgid), frozenset(labels))


def sentence_translate(text: str) -> str:
    """`text`, a stored sentence, in the active language."""
    if not text:
        return text
    for wording in _WORDINGS.values():
        found = wording.pattern.match(text)
        if found is None:
            continue
        params = {
            name: gettext(value) if name in wording.labels else value
            for name, value in found.groupdict().items()
        }
        return gettext(wording.msgid) % params
    return gettext(text)
