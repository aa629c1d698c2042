"""Designations (认定): 专精特新 / 小巨人 / 单项冠军 awarded to an enterprise, with their level and dates.

A 专精特新 cultivation entry of the plan completes from these rows (see the plan app).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.registry.choices import DesignationKind, DesignationLevel


class Designation(TimeStamped):
    """A 专精特新 / 小巨人 / 单项冠军 designation, with the date it was awarded."""

    enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="designations",
        verbose_name=_("企业"),
    )
    kind = models.CharField(_("认定类型"), max_length=20, choices=DesignationKind.choices)
    level = models.CharField(
        _("认定级别"), max_length=20, choices=DesignationLevel.choices, blank=True
    )
    awarded_on = models.DateField(_("认定日期"))
    expires_on = models.DateField(_("有效期至"), null=True, blank=True)
    revoked_on = models.DateField(
        _("终止日期"), null=True, blank=True, help_text=_("被撤销或不再保持认定的日期")
    )
    certificate_no = models.CharField(_("证书编号"), max_length=100, blank=True)
    note = models.TextField(_("备注"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("企业认定")
        verbose_name_plural = _("企业认定")
        ordering = ["enterprise", "awarded_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind", "awarded_on"],
                name="designation_unique",
                violation_error_message=_("该企业在同一日期已有同类认定"),
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("awarded_on")),
                name="designation_expires_after_award",
                violation_error_message=_("有效期至不能早于认定日期"),
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=models.F("awarded_on")),
                name="designation_revoked_after_award",
                violation_error_message=_("终止日期不能早于认定日期"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()} · {self.awarded_on}"
