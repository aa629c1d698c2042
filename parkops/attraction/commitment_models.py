"""What a signed project committed to (履约承诺), kept apart from the lead's own estimates: the
lead's figures are what the company said while talking, the commitment is what it signed.

Imported at the end of models.py, so that Django finds the model in the app's models module.
Units as the enterprise's year figures store them (万元, 吨标准煤, 人): compared without conversion.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.attraction.models import Lead, _number
from parkops.common.models import TimeStamped


class Commitment(TimeStamped):
    lead = models.OneToOneField(
        Lead, on_delete=models.CASCADE, related_name="commitment", verbose_name=_("招商线索"),
        editable=False,
    )  # fmt: skip
    signed_on = models.DateField(_("签约日期"))
    document = models.CharField(
        _("协议文件"), max_length=200, help_text=_("投资协议或承诺书的名称、文号")
    )
    investment_wan = _number(_("承诺固定资产投资（万元）"))
    output_wan = _number(_("承诺达产年产值（万元）"))
    tax_wan = _number(_("承诺达产年税收（万元）"))
    energy_tce = _number(_("承诺年综合能耗上限（吨标准煤）"))
    jobs = models.PositiveIntegerField(_("承诺用工（人）"), null=True, blank=True)
    start_on = models.DateField(_("承诺开工日期"), null=True, blank=True)
    production_on = models.DateField(_("承诺投产日期"), null=True, blank=True)
    full_on = models.DateField(_("承诺达产日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("履约承诺")
        verbose_name_plural = _("履约承诺")
        ordering = ["lead"]
        constraints = [
            models.CheckConstraint(
                condition=Q(production_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(production_on__gte=models.F("start_on")),
                name="commitment_production_after_start",
                violation_error_message=_("承诺投产日期不能早于承诺开工日期"),
            ),
            models.CheckConstraint(
                condition=Q(full_on__isnull=True)
                | Q(production_on__isnull=True)
                | Q(full_on__gte=models.F("production_on")),
                name="commitment_full_after_production",
                violation_error_message=_("承诺达产日期不能早于承诺投产日期"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lead} · {self._meta.verbose_name}"

    def get_absolute_url(self) -> str:
        return self.lead.get_absolute_url()
