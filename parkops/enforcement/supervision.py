"""Supervision of controlled land users (严格管控) and the park office's decisions on 关停 proposals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.enforcement.choices import ControlEventType, ControlMeasure, ProposalDecision
from parkops.land.models import BatchAssignment, ControlListEntry
from parkops.registry.models import Enterprise


class ControlEvent(TimeStamped):
    """An event the plan watches on a controlled land user: a registration, an equity change, a
    judicial auction, an application for new capacity; with the measure it triggers."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="control_events", verbose_name=_("企业")
    )
    control_entry = models.ForeignKey(
        ControlListEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("管控清单条目"),
    )
    kind = models.CharField(_("事项类型"), max_length=30, choices=ControlEventType.choices)
    occurred_on = models.DateField(_("发生日期"))
    source_document = models.CharField(
        _("来源文书"), max_length=200, help_text=_("如 不动产登记簿、法院拍卖公告的名称和编号")
    )
    measure = models.CharField(_("触发的管控措施"), max_length=30, choices=ControlMeasure.choices)
    note = models.TextField(_("说明"), blank=True)
    handled_on = models.DateField(_("处置日期"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("录入人"),
    )
    history = HistoricalRecords()

    class Meta:
        app_label = "enforcement"
        verbose_name = _("管控事项")
        verbose_name_plural = _("管控事项")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind", "occurred_on", "source_document"],
                name="control_event_unique",
                violation_error_message=_("该事项已录入"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()} · {self.occurred_on}"


class ClosureDecision(TimeStamped):
    """The park office's decision on an enterprise proposed for 关停一批, with the evidence it saw."""

    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        related_name="closure_decisions",
        verbose_name=_("企业"),
    )
    decision = models.CharField(_("决定"), max_length=10, choices=ProposalDecision.choices)
    reason = models.TextField(_("理由"))
    evidence = models.TextField(_("依据"))
    decided_on = models.DateField(_("决定日期"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("决定人"),
    )
    assignment = models.OneToOneField(
        BatchAssignment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closure_decision",
        verbose_name=_("三个一批条目"),
    )
    history = HistoricalRecords()

    class Meta:
        app_label = "enforcement"
        verbose_name = _("关停提议决定")
        verbose_name_plural = _("关停提议决定")
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_decision_display()}"
