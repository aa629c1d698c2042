"""Supply–demand matching (供需对接) inside the park: what each enterprise offers and needs, the
matching sessions, and the pairs proposed for a session with the clerk's decision and outcome.

A pair is stored when proposed (score and reasons as they were then), never recomputed on view.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.common.models import TimeStamped
from parkops.core.industry import IndustryCodeError, parse_industry_code
from parkops.matching.choices import PairDecision, PairOutcome, SessionKind, SessionStatus


def codes_split(text: str) -> list[str]:
    """Industry codes as typed: separated by commas, 、, semicolons or spaces."""
    words = (w.strip().upper() for w in re.split(r"[,，、;；\s]+", text))
    return list(dict.fromkeys(w for w in words if w))


def _check_codes(text: str, field: str) -> None:
    bad = []
    for code in codes_split(text):
        try:
            parse_industry_code(code)
        except IndustryCodeError:
            bad.append(code.upper())
    if bad:
        raise ValidationError(
            {
                field: [
                    _("不是有效的国民经济行业代码（GB/T 4754-2017）：%(codes)s")
                    % {"codes": "、".join(bad)}
                ]
            }
        )


class SupplyDemandProfile(TimeStamped):
    """What an enterprise offers (products, capabilities) and what it needs, by industry code
    and keywords."""

    enterprise = models.OneToOneField(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="supply_demand",
        verbose_name=_("企业"),
    )
    offer_text = models.TextField(_("产品与能力"), blank=True)
    offer_codes = models.CharField(
        _("供给行业代码"), max_length=200, blank=True, help_text=_("如 C2927，多个以逗号分隔")
    )
    offer_keywords = models.CharField(
        _("供给关键词"), max_length=500, blank=True, help_text=_("多个以逗号或顿号分隔")
    )
    need_text = models.TextField(_("需求"), blank=True)
    need_codes = models.CharField(
        _("需求行业代码"), max_length=200, blank=True, help_text=_("如 C2927，多个以逗号分隔")
    )
    need_keywords = models.CharField(
        _("需求关键词"), max_length=500, blank=True, help_text=_("多个以逗号或顿号分隔")
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("供需画像")
        verbose_name_plural = _("供需画像")
        ordering = ["enterprise__name"]

    def __str__(self) -> str:
        return str(_("%(name)s的供需画像") % {"name": self.enterprise.name})

    def clean(self) -> None:
        _check_codes(self.offer_codes, "offer_codes")
        _check_codes(self.need_codes, "need_codes")

    def get_absolute_url(self) -> str:
        return reverse("registry:enterprise_detail", args=[self.enterprise_id]) + "#panel-matching"


class MatchingSession(TimeStamped):
    title = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(
        _("形式"), max_length=20, choices=SessionKind.choices, default=SessionKind.MEETING
    )
    held_on = models.DateField(_("日期"))
    organiser = models.CharField(_("组织方"), max_length=100)
    status = models.CharField(
        _("状态"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    invitees = models.ManyToManyField(
        "registry.Enterprise",
        blank=True,
        related_name="matching_sessions",
        verbose_name=_("邀请企业"),
        help_text=_("不选则在全园区企业中撮合"),
    )
    note = models.TextField(_("备注"), blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    history = HistoricalRecords(m2m_fields=[invitees])

    class Meta:
        verbose_name = _("对接活动")
        verbose_name_plural = _("对接活动")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("matching:session_detail", args=[self.pk])


class MatchPair(TimeStamped):
    """One enterprise's need met by another's offer, proposed for a session."""

    session = models.ForeignKey(
        MatchingSession, on_delete=models.CASCADE, related_name="pairs", verbose_name=_("对接活动")
    )
    need_enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="matches_as_need",
        verbose_name=_("需求方"),
    )
    offer_enterprise = models.ForeignKey(
        "registry.Enterprise",
        on_delete=models.PROTECT,
        related_name="matches_as_offer",
        verbose_name=_("供给方"),
    )
    score = models.PositiveSmallIntegerField(_("匹配分"))
    code_level = models.PositiveSmallIntegerField(_("行业代码相同位数"), default=0)
    shared_keywords = models.JSONField(_("共同关键词"), default=list, blank=True)
    decision = models.CharField(
        _("采纳"), max_length=20, choices=PairDecision.choices, default=PairDecision.PROPOSED
    )
    outcome = models.CharField(
        _("对接结果"), max_length=20, choices=PairOutcome.choices, default=PairOutcome.PENDING
    )
    outcome_reason = models.CharField(_("结果说明"), max_length=200, blank=True)
    amount_wan = models.DecimalField(
        _("合作金额（万元）"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("对接配对")
        verbose_name_plural = _("对接配对")
        ordering = ["-score", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "need_enterprise", "offer_enterprise"],
                name="matchpair_once_per_session",
                violation_error_message=_("本次活动已有这对企业的配对"),
            ),
            models.CheckConstraint(
                condition=~Q(need_enterprise=F("offer_enterprise")),
                name="matchpair_two_enterprises",
                violation_error_message=_("需求方与供给方须是两家企业"),
            ),
            models.CheckConstraint(
                condition=Q(amount_wan__isnull=True) | Q(amount_wan__gte=0),
                name="matchpair_amount_not_negative",
                violation_error_message=_("合作金额不能为负数"),
            ),
            models.CheckConstraint(
                condition=~Q(outcome=PairOutcome.FAILED) | ~Q(outcome_reason=""),
                name="matchpair_failed_has_reason",
                violation_error_message=_("对接未成须说明原因"),
            ),
            models.CheckConstraint(
                condition=Q(outcome=PairOutcome.PENDING) | Q(decision=PairDecision.ACCEPTED),
                name="matchpair_outcome_only_accepted",
                violation_error_message=_("只有已采纳的配对才能记录对接结果"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.need_enterprise} ← {self.offer_enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("matching:session_detail", args=[self.session_id]) + f"#pair-{self.pk}"
