"""The joint scheme's incentives (《漕荣公司和小园区联合招商方案》) as data: versioned rules, and
the ledger of what each small park earned under them, year by year.

Imported at the end of models.py, so that Django finds the models in the app's models module.
Money in 万元.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.attraction.choices import IncentiveKind
from parkops.attraction.models import NON_NEGATIVE, Lead
from parkops.common.models import TimeStamped
from parkops.registry.models import SmallPark


class IncentiveRuleSet(TimeStamped):
    """One version of the scheme's incentive rules. A version the ledger was computed on keeps
    its amounts, so each entry can be read against the rule that made it."""

    version = models.CharField(_("版本"), max_length=50, unique=True)
    label = models.CharField(_("名称"), max_length=200)
    is_default = models.BooleanField(_("当前使用"), default=False)
    note = models.TextField(_("说明及依据"), blank=True)
    landed_reward_wan = models.DecimalField(
        _("每个落地项目奖励（万元）"), max_digits=10, decimal_places=2, default=Decimal(0),
        validators=NON_NEGATIVE,
        help_text=_("项目在该年度注册落地（小园区联合招商类线索）"),
    )  # fmt: skip
    tax_reward_per_wan = models.DecimalField(
        _("每万元税收奖励（万元）"), max_digits=6, decimal_places=4, default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("按落地企业当年实缴税收计，如 0.05 即 5%"),
    )  # fmt: skip
    tax_years = models.PositiveSmallIntegerField(
        _("税收奖励年限（年）"), default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("落地当年为第 1 年"),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联合招商奖励规则")
        verbose_name_plural = _("联合招商奖励规则")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.label}（{self.version}）"

    def clean(self) -> None:
        if self.pk is None or not self.entries.exists():
            return
        stored = IncentiveRuleSet.objects.get(pk=self.pk)
        fixed = ("landed_reward_wan", "tax_reward_per_wan", "tax_years")
        if any(getattr(stored, name) != getattr(self, name) for name in fixed):
            raise ValidationError(_("该奖励规则版本已用于台账计算，不能修改；请新建一个版本"))


class IncentiveEntry(TimeStamped):
    """One line of a small park's ledger: what one lead earned it in one year, under which rule
    version, with the arithmetic as evidence. Written only by `incentive_ledger_compute`."""

    small_park = models.ForeignKey(
        SmallPark, on_delete=models.PROTECT, related_name="incentive_entries",
        verbose_name=_("小园区"),
    )  # fmt: skip
    year = models.PositiveSmallIntegerField(_("年度"))
    lead = models.ForeignKey(
        Lead, on_delete=models.PROTECT, related_name="incentive_entries",
        verbose_name=_("招商线索"),
    )  # fmt: skip
    kind = models.CharField(_("奖励类别"), max_length=20, choices=IncentiveKind.choices)
    basis_wan = models.DecimalField(
        _("计奖税收（万元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_wan = models.DecimalField(_("奖励金额（万元）"), max_digits=14, decimal_places=2)
    evidence = models.CharField(_("计算依据"), max_length=300)
    rule_set = models.ForeignKey(
        IncentiveRuleSet, on_delete=models.PROTECT, related_name="entries",
        verbose_name=_("奖励规则"),
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("联合招商奖励台账")
        verbose_name_plural = _("联合招商奖励台账")
        ordering = ["-year", "small_park", "lead", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "lead", "kind"], name="incentive_entry_unique",
                violation_error_message=_("该线索本年度已有此类奖励"),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.small_park} {self.year} · {self.lead} · {self.get_kind_display()}"
