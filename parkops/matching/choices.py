"""Kinds and states of the matching app, as choices (label and colour)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    MEETING = "meeting", _("供需对接会")
    ONE_ON_ONE = "one_on_one", _("一对一撮合")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("筹备中")
    HELD = "held", _("已举办")
    CLOSED = "closed", _("已结束")

    @property
    def colour(self) -> str:
        return {"planned": "info", "held": "primary", "closed": "secondary"}[self.value]


class PairDecision(models.TextChoices):
    """The clerk's word on a proposed pair: only accepted pairs are worked on."""

    PROPOSED = "proposed", _("待确认")
    ACCEPTED = "accepted", _("已采纳")
    REJECTED = "rejected", _("不采纳")

    @property
    def colour(self) -> str:
        return {"proposed": "warning", "accepted": "success", "rejected": "secondary"}[self.value]


class PairOutcome(models.TextChoices):
    PENDING = "pending", _("待对接")
    CONTACTED = "contacted", _("已对接")
    INTENT = "intent", _("达成意向")
    SIGNED = "signed", _("签约合作")
    FAILED = "failed", _("未成")

    @property
    def colour(self) -> str:
        return {
            "pending": "secondary",
            "contacted": "info",
            "intent": "primary",
            "signed": "success",
            "failed": "danger",
        }[self.value]


class Side(models.TextChoices):
    OFFER = "offer", _("供给")
    NEED = "need", _("需求")
