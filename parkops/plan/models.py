"""What the plan itself says about the park's enterprises and plots, kept as written."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from parkops.plan.choices import FACT_LABELS, PlanSource
from parkops.registry.models import Enterprise, LandPlot


class PlanMention(models.Model):
    """One row of one of the plan's lists (or one sentence of its text), with its facts.

    The same enterprise or plot can appear in several lists with different figures; each row is
    kept as the plan wrote it, so that a difference is shown rather than resolved by the loader.
    """

    source = models.CharField(_("出处"), max_length=30, choices=PlanSource.choices)
    row = models.PositiveSmallIntegerField(_("序号"))
    name_in_plan = models.CharField(_("方案中的名称"), max_length=200)
    enterprise = models.ForeignKey(
        Enterprise,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_mentions",
        verbose_name=_("企业"),
    )
    plot = models.ForeignKey(
        LandPlot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_mentions",
        verbose_name=_("地块"),
    )
    facts = models.JSONField(_("记载内容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("方案记载")
        verbose_name_plural = _("方案记载")
        ordering = ["source", "row"]
        constraints = [
            models.UniqueConstraint(fields=["source", "row"], name="plan_mention_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} #{self.row} {self.name_in_plan}"

    def labelled_facts(self) -> list[tuple[str, str]]:
        return [(str(FACT_LABELS.get(key, key)), str(value)) for key, value in self.facts.items()]
