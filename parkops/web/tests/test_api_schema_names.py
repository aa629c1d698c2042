"""OpenAPI names a response schema by its class name alone: two apps' schemas of one name merge
into one component, and the contract then describes only one of them (an attraction match was
checked against the visits' match and failed). Every schema name is therefore unique."""

from __future__ import annotations

import sys
from collections import Counter

from ninja import Schema

import config.api  # noqa: F401  (imports every router, so every schema class exists)


def _schemas(base: type) -> list[type]:
    found = []
    for sub in base.__subclasses__():
        # A class its module defines under its own name (not one ninja derives from it).
        module = sys.modules.get(sub.__module__)
        if sub.__module__.startswith("parkops.") and getattr(module, sub.__name__, None) is sub:
            found.append(sub)
        found.extend(_schemas(sub))
    return found


def test_no_two_api_schemas_share_a_name() -> None:
    names = Counter(cls.__name__ for cls in set(_schemas(Schema)))
    assert [name for name, n in names.items() if n > 1] == []
