"""Records that one app keeps and another app's rules read, without the reader importing the
keeper: the keeper registers a source in its AppConfig.ready(); the reader asks the registry.

- Veto sources: events of a year that a scheme's veto rules may match (kind, grade 1–4), each
  with a label and a link to the record behind it (an inspection, an accident).
- Violation sources: per enterprise, the number of violations on record in a year (the small-park
  rating's violations metric).
- Flag sources: per enterprise, a short warning another app's lists show beside it (an
  enterprise behind its investment commitments on the visit due list and the land lists).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RecordedEvent:
    enterprise_id: int
    kind: str  # a veto rule's kind: safety_accident, environmental_incident, …
    grade: int  # 1 一般, 2 较大, 3 重大, 4 特别重大
    occurred_on: date
    label: str  # what the record is, in the user's words ("检查 JC-3：重大环保问题")
    url: str  # the record's page


VetoSource = Callable[[int], list[RecordedEvent]]
ViolationSource = Callable[[int], dict[int, int]]

FlagSource = Callable[[Iterable[int], date], dict[int, str]]

_veto_sources: dict[str, VetoSource] = {}
_violation_sources: dict[str, ViolationSource] = {}
_flag_sources: dict[str, FlagSource] = {}


def register_veto_source(name: str, source: VetoSource) -> None:
    """Register (or replace: ready() may run twice) the source called `name`."""
    _veto_sources[name] = source


def register_violation_source(name: str, source: ViolationSource) -> None:
    _violation_sources[name] = source


def register_flag_source(name: str, source: FlagSource) -> None:
    _flag_sources[name] = source


def enterprise_flags(enterprise_ids: Iterable[int], today: date) -> dict[int, list[str]]:
    """Enterprise id -> the warnings the registered sources raise on it (in source order)."""
    ids = list(enterprise_ids)
    flags: dict[int, list[str]] = {}
    for name in sorted(_flag_sources):
        for enterprise_id, text in _flag_sources[name](ids, today).items():
            flags.setdefault(enterprise_id, []).append(text)
    return flags


def recorded_events(year: int, *, enterprise_id: int | None = None) -> list[RecordedEvent]:
    """Every registered source's events of `year`, in a stable order."""
    events = [e for source in _veto_sources.values() for e in source(year)]
    if enterprise_id is not None:
        events = [e for e in events if e.enterprise_id == enterprise_id]
    return sorted(events, key=lambda e: (e.enterprise_id, e.occurred_on, e.kind, e.url))


def recorded_violations(year: int) -> dict[int, int]:
    """Enterprise id -> violations on record in `year`, summed over the registered sources."""
    total: Counter[int] = Counter()
    for source in _violation_sources.values():
        total.update(source(year))
    return dict(total)
