"""The lost-lead reasons and the default admission rule set, labelled as a default (loaded by the
migration, and again by a transactional test that flushed them)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

REASONS = [
    ("admission", "准入不符", 1),
    ("space", "空间不符", 2),
    ("elsewhere", "落户他处", 3),
    ("withdrawn", "企业放弃", 4),
    ("stalled", "长期无进展", 5),
    ("other", "其他", 9),
]
DEFAULT_LABEL = "默认（参考公开实践，待替换为区级文件）"
NOTE = (
    "参考公开实践，待替换为区级文件。阈值取自某县开发区入园项目管理办法（见 reference/"
    "next-capabilities.md §2.1）：固定资产投资强度 ≥ 300 万元/亩；亩均税收 ≥ 30 万元/亩"
    "（含租赁厂房项目）；容积率 ≥ 1.0；建筑系数 ≥ 40%。亩均产值、单位产值能耗及低效小园区"
    "门槛提高幅度，公开资料未给数值，暂不设，待区级文件载入。四类否决清单（淘汰类、限制类、"
    "区环保限制严格准入目录、负面清单）须以 .xlsx 载入其来源文件；未载入前审查结果为“缺少数据”。"
)
DEFAULT_RULES: dict[str, Any] = {
    "label": DEFAULT_LABEL,
    "is_default": True,
    "note": NOTE,
    "min_investment_intensity": Decimal(300),
    "min_tax_per_mu": Decimal(30),
    "min_plot_ratio": Decimal("1.0"),
    "min_building_coverage": Decimal(40),
}


INCENTIVE_NOTE = (
    "参考公开实践，待替换为《漕荣公司和小园区联合招商方案》原文。各地招商引资奖励办法常见两种"
    "做法：按引进并注册落地的项目给予定额奖励；按项目落地后前几年实缴税收（或地方财力贡献）的"
    "一定比例给予奖励。此处数值为示意：每个落地项目 5 万元；落地当年起 3 年内，按企业当年税收"
    "每万元奖励 0.05 万元（5%）。仅计“小园区联合招商”类、由小园区负责（或共享给小园区并在该园区"
    "注册）的线索。"
)
DEFAULT_INCENTIVES: dict[str, Any] = {
    "label": DEFAULT_LABEL.replace("区级文件", "联合招商方案"),
    "is_default": True,
    "note": INCENTIVE_NOTE,
    "landed_reward_wan": Decimal(5),
    "tax_reward_per_wan": Decimal("0.05"),
    "tax_years": 3,
}


def incentive_defaults_load(rule_set: Any = None) -> None:
    """The default incentive rules, when missing (the migration passes its historical model)."""
    if rule_set is None:
        from parkops.attraction.models import IncentiveRuleSet

        rule_set = IncentiveRuleSet
    rule_set.objects.get_or_create(version="incentive-default-2026", defaults=DEFAULT_INCENTIVES)


def defaults_load(lost_reason: Any = None, rule_set: Any = None) -> None:
    """Create what is missing; never change what is there. The migration passes its historical
    models; called without them, the app's own."""
    own = lost_reason is None or rule_set is None
    if own:
        from parkops.attraction.models import AdmissionRuleSet, LostReason

        lost_reason, rule_set = LostReason, AdmissionRuleSet
    for code, label, order in REASONS:
        lost_reason.objects.get_or_create(code=code, defaults={"label": label, "order": order})
    rule_set.objects.get_or_create(version="default-2026", defaults=DEFAULT_RULES)
    if own:
        incentive_defaults_load()
