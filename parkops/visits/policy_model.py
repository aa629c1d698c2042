"""Support policies as data (政策找企业): eligibility rules checked by parkops/core/policyrules.py."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.core.policyrules import validate_rules


def validate_policy_rules(value: Any) -> None:
    errors = validate_rules(value)
    if errors:
        raise ValidationError([gettext(e) for e in errors])


class Policy(TimeStamped):
    name = models.CharField(_("政策名称"), max_length=200, unique=True)
    issuer = models.CharField(_("发布单位"), max_length=100)
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期止"), null=True, blank=True)
    benefit = models.TextField(_("支持内容"))
    rules = models.JSONField(
        _("适用条件"),
        default=dict,
        blank=True,
        validators=[validate_policy_rules],
        help_text=_(
            '如 {"classes": ["A", "B"], "above_scale": true, "rd_intensity_min": 3}；'
            "空对象表示所有企业"
        ),
    )
    source_url = models.URLField(_("原文链接"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        app_label = "visits"
        verbose_name = _("扶持政策")
        verbose_name_plural = _("扶持政策")
        ordering = ["-valid_from", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="policy_period_order",
                violation_error_message=_("有效期止不能早于有效期起"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("visits:policy_detail", args=[self.pk])
