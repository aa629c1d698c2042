"""Joint investment attraction (联合招商): one pipeline of leads shared by the park office and the
small parks, admission screening against versioned rule sets, and the decisions taken.

Money is in 万元 as the lead states it, land in 亩, floor space in m², energy in 吨标准煤.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.attraction.choices import (
    Decision,
    PipelineType,
    ScreeningVerdict,
    Stage,
    Stance,
    VetoKind,
)
from parkops.common.models import TimeStamped
from parkops.core.units import DEFAULT_FLOOR_M2_PER_MU
from parkops.execution.models import KeyProject
from parkops.registry.models import Enterprise, SmallPark
from parkops.registry.validators import validate_industry_code_field, validate_uscc_field
from parkops.smallparks.choices import EiaCategory

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NON_NEGATIVE: list[MinValueValidator] = [MinValueValidator(Decimal(0))]


def _number(verbose_name: StrOrPromise, digits: int = 14) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=digits, decimal_places=2, null=True, blank=True,
        validators=NON_NEGATIVE,
    )  # fmt: skip


class LostReason(models.Model):
    """Why a lead was lost: a list the park office keeps (in the admin)."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    label = models.CharField(_("原因"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    is_active = models.BooleanField(_("可选"), default=True)
    # Edited in the admin with a reason, like every list the park office keeps there.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("流失原因")
        verbose_name_plural = _("流失原因")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label


class Lead(TimeStamped):
    """A project lead (招商线索). Owner: a small park, or the park office when blank."""

    company_name = models.CharField(_("企业（项目）名称"), max_length=200)
    name_key = models.CharField(_("名称查重键"), max_length=200, unique=True, editable=False)
    uscc = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, null=True, blank=True,
        validators=[validate_uscc_field], help_text=_("已知时填写；注册落地时必填"),
    )  # fmt: skip
    contact = models.CharField(_("联系人及电话"), max_length=100, blank=True)
    source = models.CharField(_("线索来源"), max_length=100, blank=True)
    pipeline_type = models.CharField(
        _("招商类型"), max_length=20, choices=PipelineType.choices, default=PipelineType.NEW
    )
    industry_code = models.CharField(
        _("行业代码"), max_length=8, blank=True, validators=[validate_industry_code_field],
        help_text=_("国民经济行业分类 GB/T 4754-2017，如 C2710"),
    )  # fmt: skip
    products = models.TextField(_("主要产品及工艺"), blank=True)
    investment_wan = _number(_("计划固定资产投资（万元）"))
    output_wan = _number(_("达产年产值（万元）"))
    tax_wan = _number(_("达产年税收（万元）"))
    energy_tce = _number(_("达产年综合能耗（吨标准煤）"))
    jobs = models.PositiveIntegerField(_("计划用工（人）"), null=True, blank=True)
    land_mu = _number(_("用地需求（亩）"), 10)
    floor_m2 = _number(_("厂房面积需求（㎡）"), 12)
    plot_ratio = _number(_("容积率"), 6)
    building_coverage_pct = _number(_("建筑系数（%）"), 6)
    clear_height_m = _number(_("净高要求（米）"), 10)
    floor_load_kn_m2 = _number(_("荷载要求（kN/㎡）"), 10)
    power_kva = _number(_("用电需求（kVA）"), 10)
    hazardous_chemicals = models.BooleanField(_("使用危险化学品"), default=False)
    eia_category = models.CharField(
        _("环评类别"), max_length=20, choices=EiaCategory.choices, blank=True
    )
    owner_park = models.ForeignKey(
        SmallPark, on_delete=models.PROTECT, null=True, blank=True, related_name="leads",
        verbose_name=_("负责小园区"), help_text=_("留空由园区办（漕荣公司）负责"),
    )  # fmt: skip
    offered_to = models.ManyToManyField(
        SmallPark, blank=True, related_name="leads_offered", verbose_name=_("共享给小园区")
    )
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.LEAD)
    next_action = models.CharField(_("下一步工作"), max_length=200)
    next_action_on = models.DateField(_("下一步日期"))
    last_activity_at = models.DateTimeField(_("最近跟进"), editable=False)
    planned_start_on = models.DateField(_("计划开工日期"), null=True, blank=True)
    planned_production_on = models.DateField(_("计划投产日期"), null=True, blank=True)
    planned_full_on = models.DateField(_("计划达产日期"), null=True, blank=True)
    landed_on = models.DateField(_("注册落地日期"), null=True, blank=True, editable=False)
    lost_reason = models.ForeignKey(
        LostReason, on_delete=models.PROTECT, null=True, blank=True, related_name="leads",
        verbose_name=_("流失原因"),
    )  # fmt: skip
    lost_note = models.CharField(_("流失说明"), max_length=200, blank=True)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, null=True, blank=True, related_name="leads",
        verbose_name=_("登记企业"), editable=False,
    )  # fmt: skip
    key_project = models.OneToOneField(
        KeyProject, on_delete=models.PROTECT, null=True, blank=True, related_name="lead",
        verbose_name=_("“四早”项目"), editable=False,
    )  # fmt: skip
    is_demo = models.BooleanField(_("演示数据"), default=False, editable=False)
    history = HistoricalRecords(m2m_fields=[offered_to])

    class Meta:
        verbose_name = _("招商线索")
        verbose_name_plural = _("招商线索")
        ordering = ["next_action_on", "pk"]
        permissions = [("sign_lead", _("签约及注册落地"))]
        indexes = [models.Index(fields=["stage", "owner_park"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_production_on__isnull=True)
                | Q(planned_start_on__isnull=True)
                | Q(planned_production_on__gte=models.F("planned_start_on")),
                name="lead_production_after_start",
                violation_error_message=_("计划投产日期不能早于计划开工日期"),
            ),
            models.CheckConstraint(
                condition=Q(planned_full_on__isnull=True)
                | Q(planned_production_on__isnull=True)
                | Q(planned_full_on__gte=models.F("planned_production_on")),
                name="lead_full_after_production",
                violation_error_message=_("计划达产日期不能早于计划投产日期"),
            ),
        ]

    def __str__(self) -> str:
        return self.company_name

    def get_absolute_url(self) -> str:
        return reverse("attraction:lead_detail", args=[self.pk])

    @property
    def is_lost(self) -> bool:
        return self.lost_reason_id is not None


class LeadActivity(models.Model):
    """A line in the lead's log: a stage change, a note of a contact, a screening."""

    lead = models.ForeignKey(
        Lead, on_delete=models.CASCADE, related_name="activities", verbose_name=_("线索")
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("记录人"),
    )  # fmt: skip
    text = models.CharField(_("内容"), max_length=500)

    class Meta:
        verbose_name = _("跟进记录")
        verbose_name_plural = _("跟进记录")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.text


def _threshold(verbose_name: StrOrPromise) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=4, null=True, blank=True,
        validators=NON_NEGATIVE, help_text=_("留空则不设此项"),
    )  # fmt: skip


class AdmissionRuleSet(TimeStamped):
    """One version of the admission rules. A version a decision was taken on stays as it was."""

    version = models.CharField(_("版本"), max_length=50, unique=True)
    label = models.CharField(_("名称"), max_length=200)
    is_default = models.BooleanField(_("当前使用"), default=False)
    note = models.TextField(_("说明及依据"), blank=True)
    floor_m2_per_mu = models.DecimalField(
        _("厂房面积折算用地（㎡/亩）"), max_digits=8, decimal_places=2, default=DEFAULT_FLOOR_M2_PER_MU,
        validators=[MinValueValidator(Decimal(1))], help_text=_("与综合评价的折算一致"),
    )  # fmt: skip
    min_investment_intensity = _threshold(_("固定资产投资强度不低于（万元/亩）"))
    min_tax_per_mu = _threshold(_("亩均税收不低于（万元/亩）"))
    min_output_per_mu = _threshold(_("亩均产值不低于（万元/亩）"))
    max_energy_per_output = _threshold(_("单位产值能耗不高于（吨标准煤/万元）"))
    min_plot_ratio = _threshold(_("容积率不低于"))
    min_building_coverage = _threshold(_("建筑系数不低于（%）"))
    inefficient_raise_pct = models.DecimalField(
        _("低效小园区门槛提高（%）"), max_digits=6, decimal_places=2, default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(500))],
    )  # fmt: skip
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("准入规则")
        verbose_name_plural = _("准入规则")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.label}（{self.version}）"

    def clean(self) -> None:
        # A version a decision was taken on stays as it was, so each decision keeps its rules.
        if self.pk is None or not self.screenings.exclude(decision="").exists():
            return
        stored = AdmissionRuleSet.objects.get(pk=self.pk)
        fixed = [f.attname for f in self._meta.concrete_fields
                 if f.attname.startswith(("min_", "max_", "floor_", "inefficient_"))]  # fmt: skip
        if any(getattr(stored, name) != getattr(self, name) for name in fixed):
            raise ValidationError(_("该规则版本已用于准入决定，不能修改阈值；请新建一个版本"))


class VetoList(TimeStamped):
    """A veto list of a rule set, loaded from its source document (.xlsx of codes or keywords)."""

    rule_set = models.ForeignKey(
        AdmissionRuleSet, on_delete=models.CASCADE, related_name="veto_lists",
        verbose_name=_("准入规则"),
    )  # fmt: skip
    kind = models.CharField(_("清单"), max_length=20, choices=VetoKind.choices)
    source = models.CharField(_("来源文件"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("否决清单")
        verbose_name_plural = _("否决清单")
        ordering = ["rule_set", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "kind"], name="veto_list_unique_kind",
                violation_error_message=_("该规则版本已有此清单"),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.source}）"


class VetoItem(models.Model):
    veto_list = models.ForeignKey(
        VetoList, on_delete=models.CASCADE, related_name="items", verbose_name=_("清单")
    )
    code = models.CharField(_("行业代码"), max_length=8, blank=True)
    keyword = models.CharField(_("关键词"), max_length=100, blank=True)
    description = models.CharField(_("条目"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("清单条目")
        verbose_name_plural = _("清单条目")
        ordering = ["veto_list", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(code="") | ~Q(keyword=""), name="veto_item_code_or_keyword",
                violation_error_message=_("条目须有行业代码或关键词"),
            )
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.code or self.keyword


class Screening(TimeStamped):
    """One screening of a lead: each rule's result with its evidence, the verdict, the rule-set
    version, and the decision taken on it."""

    lead = models.ForeignKey(
        Lead, on_delete=models.CASCADE, related_name="screenings", verbose_name=_("线索")
    )
    rule_set = models.ForeignKey(
        AdmissionRuleSet, on_delete=models.PROTECT, related_name="screenings",
        verbose_name=_("准入规则"),
    )  # fmt: skip
    screened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+",
        verbose_name=_("审查人"),
    )  # fmt: skip
    verdict = models.CharField(_("审查结论"), max_length=20, choices=ScreeningVerdict.choices)
    results = models.JSONField(_("逐条结果"), default=list)
    inputs = models.JSONField(_("审查所用数据"), default=dict)
    raise_pct = models.DecimalField(
        _("门槛提高（%）"), max_digits=6, decimal_places=2, default=Decimal(0)
    )
    decision = models.CharField(_("决定"), max_length=20, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("决定人"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    decision_note = models.TextField(_("决定说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("准入审查")
        verbose_name_plural = _("准入审查")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.lead} · {self.get_verdict_display()}"


class ReviewOpinion(models.Model):
    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="opinions", verbose_name=_("准入审查")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("审查人"),
    )  # fmt: skip
    stance = models.CharField(_("意见"), max_length=20, choices=Stance.choices)
    text = models.TextField(_("审查意见"))
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("审查意见")
        verbose_name_plural = _("审查意见")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} · {self.get_stance_display()}"


# The commitments after signing live in their own module; imported here for Django to find them.
from parkops.attraction.commitment_models import Commitment  # noqa: E402, F401
from parkops.attraction.incentive_models import IncentiveEntry, IncentiveRuleSet  # noqa: E402, F401
