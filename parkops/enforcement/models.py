"""The enforcement record: inspections with their findings, penalties and accidents.

Plans (plans.py) and the supervision of controlled land users (supervision.py) live beside it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from parkops.accounts.models import Department
from parkops.common.models import TimeStamped
from parkops.enforcement.choices import (
    MONEY_PENALTIES,
    AmountUnit,
    FindingDomain,
    IncidentKind,
    InspectionResult,
    InspectionType,
    PenaltyType,
    ReinspectionResult,
    Severity,
)
from parkops.enforcement.plans import JointInspectionPlan, PlanTarget
from parkops.enforcement.supervision import ClosureDecision, ControlEvent
from parkops.evaluation.choices import IncidentGrade
from parkops.registry.models import Enterprise

__all__ = [
    "Accident",
    "ClosureDecision",
    "ControlEvent",
    "Finding",
    "FindingPhoto",
    "Inspection",
    "JointInspectionPlan",
    "Penalty",
    "PlanTarget",
]


class Inspection(TimeStamped):
    """One inspection of one enterprise (检查记录), led by one department, maybe with others."""

    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("检查对象")
    )
    inspected_on = models.DateField(_("检查日期"))
    kind = models.CharField(_("检查类型"), max_length=20, choices=InspectionType.choices)
    lead_department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="inspections_led",
        verbose_name=_("牵头部门"),
    )
    departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="inspections_joined",
        verbose_name=_("参加部门"),
        help_text=_("牵头部门以外参加检查的部门"),
    )
    inspectors = models.CharField(
        _("检查人员"), max_length=200, help_text=_("持执法证人员姓名，组长在前")
    )
    items_checked = models.TextField(_("检查内容"))
    result = models.CharField(_("检查结果"), max_length=30, choices=InspectionResult.choices)
    plan = models.ForeignKey(
        JointInspectionPlan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("联合执法计划"),
    )
    note = models.TextField(_("备注"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("录入人"),
    )
    history = HistoricalRecords(m2m_fields=[departments])

    class Meta:
        verbose_name = _("检查记录")
        verbose_name_plural = _("检查记录")
        ordering = ["-inspected_on", "-pk"]
        indexes = [models.Index(fields=["inspected_on", "enterprise"])]

    def __str__(self) -> str:
        return f"{self.number} {self.enterprise} {self.inspected_on}"

    @property
    def number(self) -> str:
        return f"JC-{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:inspection_detail", args=[self.pk])


class Finding(TimeStamped):
    """A problem found in an inspection, with its legal basis and its rectification (整改)."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="findings", verbose_name=_("检查记录")
    )
    description = models.TextField(_("问题描述"))
    domain = models.CharField(_("领域"), max_length=20, choices=FindingDomain.choices)
    law = models.CharField(_("法律依据"), max_length=200, help_text=_("法律法规名称"))
    article = models.CharField(_("条款"), max_length=50, help_text=_("如 第二十五条第一款"))
    severity = models.CharField(_("严重程度"), max_length=20, choices=Severity.choices)
    deadline = models.DateField(_("整改期限"), null=True, blank=True)
    reinspected_on = models.DateField(_("复查日期"), null=True, blank=True)
    reinspection_result = models.CharField(
        _("复查结果"), max_length=20, choices=ReinspectionResult.choices, blank=True
    )
    reinspection_note = models.TextField(_("复查说明"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("检查发现问题")
        verbose_name_plural = _("检查发现问题")
        ordering = ["inspection", "pk"]

    def __str__(self) -> str:
        return f"{self.inspection.number} · {self.get_domain_display()} · {self.description[:30]}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        inspected = self.inspection.inspected_on if self.inspection_id else None
        if self.deadline and inspected and self.deadline < inspected:
            errors["deadline"] = _("整改期限不能早于检查日期")
        if self.reinspected_on and inspected and self.reinspected_on < inspected:
            errors["reinspected_on"] = _("复查日期不能早于检查日期")
        if bool(self.reinspected_on) != bool(self.reinspection_result):
            errors["reinspection_result"] = _("复查日期和复查结果须同时填写")
        if errors:
            raise ValidationError(errors)


class FindingPhoto(TimeStamped):
    """A photo of a finding. Stored outside the static files and served only to a user who may
    read the inspection (enforcement:photo)."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="photos", verbose_name=_("问题")
    )
    file = models.FileField(_("照片"), upload_to="enforcement/photos/%Y/%m/")
    content_type = models.CharField(_("文件类型"), max_length=50)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("上传人"),
    )

    class Meta:
        verbose_name = _("问题照片")
        verbose_name_plural = _("问题照片")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file.name


class Penalty(TimeStamped):
    """An administrative penalty decision (行政处罚决定书) or the measure 责令改正/限期整改.

    A decision taken by a department outside an inspection recorded here is entered from its
    document: `document_title` names it, `document` holds the scan."""

    decision_number = models.CharField(_("决定书文号"), max_length=100, unique=True)
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="penalties", verbose_name=_("当事企业")
    )
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penalties",
        verbose_name=_("检查记录"),
    )
    finding = models.ForeignKey(
        Finding,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penalties",
        verbose_name=_("所涉问题"),
    )
    kind = models.CharField(_("处罚种类"), max_length=30, choices=PenaltyType.choices)
    amount = models.DecimalField(
        _("金额"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("按决定书填写"),
    )
    amount_unit = models.CharField(
        _("金额单位"), max_length=10, choices=AmountUnit.choices, default=AmountUnit.YUAN
    )
    decided_on = models.DateField(_("决定日期"))
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="penalties", verbose_name=_("决定部门")
    )
    document_title = models.CharField(
        _("来源文书"), max_length=200, blank=True, help_text=_("在本平台以外作出的决定：文书名称")
    )
    document = models.FileField(
        _("文书扫描件"), upload_to="enforcement/documents/%Y/%m/", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("处罚决定")
        verbose_name_plural = _("处罚决定")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="penalty_amount_not_negative",
                violation_error_message=_("金额不能为负数"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} {self.get_kind_display()}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.kind in MONEY_PENALTIES and self.amount is None:
            errors["amount"] = _("罚款、没收违法所得须填写金额")
        if self.kind not in MONEY_PENALTIES and self.amount is not None:
            errors["amount"] = _("该处罚种类不涉及金额，请留空")
        if self.inspection and self.enterprise_id != self.inspection.enterprise_id:
            errors["enterprise"] = _("当事企业须与检查对象一致")
        if self.finding and self.inspection_id != self.finding.inspection_id:
            errors["finding"] = _("所涉问题须属于该检查记录")
        if not self.inspection_id and not self.document_title:
            errors["document_title"] = _("不在检查记录下的处罚决定须写明来源文书")
        if errors:
            raise ValidationError(errors)

    @property
    def amount_text(self) -> str:
        if self.amount is None:
            return "—"
        return f"{self.amount:,.2f} {self.get_amount_unit_display()}"


class Accident(TimeStamped):
    """A production safety accident (生产安全事故, graded by 国务院令第493号) or an environmental
    incident (突发环境事件, graded by the 2014 national contingency plan); the grade is computed
    from the figures, raised where the determining department states a qualitative grade."""

    kind = models.CharField(
        _("类别"), max_length=20, choices=IncidentKind.choices, default=IncidentKind.SAFETY
    )
    enterprise = models.ForeignKey(
        Enterprise, on_delete=models.PROTECT, related_name="accidents", verbose_name=_("企业")
    )
    occurred_on = models.DateField(_("发生日期"))
    description = models.TextField(_("事故概况"))
    deaths = models.PositiveIntegerField(_("死亡（人）"), default=0)
    serious_injuries = models.PositiveIntegerField(
        _("重伤或中毒（人）"), default=0, help_text=_("含急性工业中毒")
    )
    evacuated = models.PositiveIntegerField(
        _("疏散转移（人）"), default=0, help_text=_("仅突发环境事件按此分级")
    )
    direct_loss_wan = models.DecimalField(
        _("直接经济损失（万元）"), max_digits=12, decimal_places=2, default=0
    )
    stated_grade = models.CharField(
        _("认定文书所定等级"),
        max_length=20,
        choices=IncidentGrade.choices,
        blank=True,
        help_text=_(
            "预案中不以数字衡量的情形（如饮用水水源地取水中断、区域生态功能丧失）由认定部门按文书填写；"
            "记录取计算等级与此等级中较高者"
        ),
    )
    grade = models.CharField(
        _("事故等级"),
        max_length=20,
        choices=IncidentGrade.choices,
        editable=False,
        help_text=_(
            "由伤亡、疏散和损失计算（生产安全事故按国务院令第493号，突发环境事件按国家突发环境事件应急预案）"
        ),
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="accidents", verbose_name=_("认定部门")
    )
    source = models.CharField(_("认定文书"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("事故与突发环境事件")
        verbose_name_plural = _("事故与突发环境事件")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(direct_loss_wan__gte=0),
                name="accident_loss_not_negative",
                violation_error_message=_("直接经济损失不能为负数"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.occurred_on} {self.get_grade_display()}"

    def get_absolute_url(self) -> str:
        return reverse("enforcement:accident_detail", args=[self.pk])
