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


def defaults_load(lost_reason: Any = None, rule_set: Any = None) -> None:
    """Create what is missing; never change what is there. The migration passes its historical
    models; called without them, the app's own."""
    if lost_reason is None or rule_set is None:
        from parkops.attraction.models import AdmissionRuleSet, LostReason

        lost_reason, rule_set = LostReason, AdmissionRuleSet
    for code, label, order in REASONS:
        lost_reason.objects.get_or_create(code=code, defaults={"label": label, "order": order})
    rule_set.objects.get_or_create(version="default-2026", defaults=DEFAULT_RULES)
