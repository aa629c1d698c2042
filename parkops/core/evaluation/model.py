"""Shared constants and the veto event record of the engine."""

from __future__ import annotations

from dataclasses import dataclass

from parkops.core.evaluation.scheme import CLASSES

CLASS_ORDER = {c: n for n, c in enumerate(CLASSES, 1)}  # A 1 … D 4; larger is worse
RANKED = list(CLASSES)
INHERIT_REASON = "租赁企业继承业主单位等级"


@dataclass(frozen=True)
class Event:
    """A recorded veto event: an accident, an incident, illegal land use …"""

    enterprise_id: int
    kind: str
    grade: int  # 1 一般, 2 较大, 3 重大, 4 特别重大
