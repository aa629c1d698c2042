"""Every kind, code and status of the enforcement record, as choices with Chinese labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InspectionType(models.TextChoices):
    ROUTINE = "routine", _("日常检查")
    SPECIAL = "special", _("专项检查")
    JOINT = "joint", _("联合检查")
    COMPLAINT = "complaint", _("投诉举报")


class InspectionResult(models.TextChoices):
    """The 双随机一公开 result codes (service-norms §3): the four seen published, then SAMR's others."""

    NORMAL = "normal", _("正常")
    NOT_DISCLOSED = "not_disclosed", _("未按规定公示信息")
    UNREACHABLE = "unreachable", _("通过登记住所无法联系")
    ORDERED_CORRECTED = "ordered_corrected", _("发现问题已责令改正")
    NO_PROBLEM = "no_problem", _("未发现问题")
    FALSE_DISCLOSURE = "false_disclosure", _("公示信息弄虚作假")
    OBSTRUCTED = "obstructed", _("不配合检查情节严重")
    NO_ACTIVITY = "no_activity", _("未发现开展本次抽查涉及的经营活动")
    PENDING = "pending", _("发现问题待后续处理")
    CLOSED = "closed", _("已关闭停业或正在清算")


class IncidentKind(models.TextChoices):
    """What an incident record is, and so which rule grades it."""

    SAFETY = "safety", _("生产安全事故")
    ENVIRONMENTAL = "environmental", _("突发环境事件")


class FindingDomain(models.TextChoices):
    SAFETY = "safety", _("安全")
    ENVIRONMENT = "environment", _("环保")
    FIRE = "fire", _("消防")
    MARKET = "market", _("市场监管")
    TAX = "tax", _("税务")
    PLANNING = "planning", _("规划")
    OTHER = "other", _("其他")


class Severity(models.TextChoices):
    ORDINARY = "1_ordinary", _("一般")
    SERIOUS = "2_serious", _("较重")
    MAJOR = "3_major", _("重大")


class ReinspectionResult(models.TextChoices):
    PASSED = "passed", _("整改到位")
    FAILED = "failed", _("未整改到位")


class RectificationStatus(models.TextChoices):
    """Computed from the dates and the re-inspection, never typed."""

    OPEN = "open", _("整改中")
    OVERDUE = "overdue", _("逾期未整改")
    DONE = "done", _("整改到位")
    FAILED = "failed", _("复查未通过")


class PenaltyType(models.TextChoices):
    """行政处罚法（2021）第九条, plus the non-penalty measure 责令改正/限期整改."""

    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    LOWER_QUALIFICATION = "lower_qualification", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_OPERATIONS = "restrict_operations", _("限制开展生产经营活动")
    SUSPEND_PRODUCTION = "suspend_production", _("责令停产停业")
    CLOSURE = "closure", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")
    OTHER = "other", _("其他")
    RECTIFY = "rectify", _("责令改正/限期整改")


# Penalties that carry an amount of money.
MONEY_PENALTIES = frozenset({PenaltyType.FINE, PenaltyType.CONFISCATE_GAINS})
# Penalties that close an enterprise: each one proposes it for 关停一批.
CLOSING_PENALTIES = frozenset({PenaltyType.CLOSURE, PenaltyType.SUSPEND_PRODUCTION})


class AmountUnit(models.TextChoices):
    """The unit the decision states; kept as stated, never converted."""

    WAN = "wan", _("万元")
    YUAN = "yuan", _("元")


class ControlEventType(models.TextChoices):
    PROPERTY_REGISTRATION = "property_registration", _("不动产登记")
    EQUITY_CHANGE = "equity_change", _("股权变更")
    JUDICIAL_AUCTION = "judicial_auction", _("司法拍卖")
    NEW_CAPACITY = "new_capacity", _("新增产能申请")


class ControlMeasure(models.TextChoices):
    NO_NEW_CAPACITY = "no_new_capacity", _("不得新增产能")
    PRIORITY_ACQUISITION = "priority_acquisition", _("优先收储")
    JOINT_REVIEW = "joint_review", _("联合审查")
    NOTIFY = "notify", _("告知相关部门")
    OTHER = "other", _("其他")


class ClosureGround(models.TextChoices):
    CLOSURE_ORDER = "closure_order", _("责令关闭或停产停业")
    REPEATED_MAJOR = "repeated_major", _("12 个月内 2 个及以上重大问题")
    OVERDUE = "overdue", _("问题逾期未整改")


class ProposalDecision(models.TextChoices):
    ACCEPTED = "accepted", _("同意列入关停一批")
    REJECTED = "rejected", _("不予列入")


class TargetOrigin(models.TextChoices):
    RISK = "risk", _("按风险提出")
    CHOSEN = "chosen", _("人工选定")
