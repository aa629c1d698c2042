"""The rules the evaluation applies where a published 办法 is silent, in words, from the scheme.

The engine (parkops.core.evaluation.engine, rules 1–7) decides them; this module says the same
on the scheme's page, with the scheme's own numbers, so that a park office can check a result
against the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from parkops.core.evaluation.engine import LAND_PLACES
from parkops.core.evaluation.ranking import SCORE_PLACES, class_sizes
from parkops.core.evaluation.scheme import CLASSES, ClassMethod, MissingRule, Scheme, TenantRule

EXAMPLE_SIZES = (10, 20, 30, 100)


@dataclass(frozen=True)
class ClassSizeRow:
    size: int
    counts: list[int]  # A, B, C, D


def exclusion_order(scheme: Scheme) -> list[str]:
    """The reasons for leaving an enterprise out of the ranking, in the order they are tried:
    an enterprise gets the first that applies."""
    ex = scheme.exclusion
    steps = [_("没有营业收入数据，无法判定规上/规下：N 类（未参评）")]
    if ex.min_years_in_production > 0:
        steps.append(
            _(
                "投产不满 %(years)s 年（按日历计算已满的整年数，截至当年 12 月 31 日；满周年当日即算满）：%(label)s"
            )
            % {"years": f"{ex.min_years_in_production:g}", "label": ex.label}
        )
    if ex.industry_prefixes:
        steps.append(
            _("行业代码以 %(prefixes)s 开头：%(label)s")
            % {"prefixes": "、".join(ex.industry_prefixes), "label": ex.label}
        )
    if scheme.tenant_rule == TenantRule.INHERIT:
        steps.append(_("有业主单位的租赁企业：继承业主单位的最终等级，自身不参加排名"))
    steps.append(_("用地面积未填或为 0（租赁企业为租用建筑面积）：N 类，不按平均分计入"))
    for p in scheme.populations:
        if p.min_land_mu > 0:
            steps.append(
                _("%(population)s用地不足 %(mu)s 亩（按三位小数比较）：N 类")
                % {"population": p.label, "mu": f"{p.min_land_mu:g}"}
            )
    excluded = [
        i.label
        for p in scheme.populations
        for i in p.indicators
        if i.missing == MissingRule.EXCLUDE
    ]
    if excluded:
        steps.append(_("缺少以下指标的数据：%(labels)s：N 类") % {"labels": "、".join(excluded)})
    return steps


def decided_rules(scheme: Scheme) -> list[str]:
    """The other rules the scheme's text leaves open, as this system decides them."""
    rules = []
    if scheme.classes.method == ClassMethod.PERCENTILE:
        rules.append(
            _(
                "等级比例取整：按排名从前往后，每一等级及更优等级的家数为“参评家数 × 累计比例”"
                "四舍五入（0.5 进位），精确计算；得分相同的企业同属较优等级。参评家数较少时，"
                "比例小的等级可能为 0 家（见下表）。"
            )
        )
    else:
        rules.append(
            _("按得分划分等级：综合得分按页面显示的 %(places)s 位小数与最低得分比较。")
            % {"places": SCORE_PLACES}
        )
    rules.append(
        _(
            "一票否决只作用于已定为 A–D 类的企业；T 类（不定等级）和 N 类（未参评）不受否决"
            "影响（否决事项仍保留在否决事项清单中）。继承等级的租赁企业先取业主单位否决后的等级，"
            "再适用自身的否决事项。"
        )
    )
    if scheme.tenant_rule == TenantRule.CONVERT:
        rules.append(
            _(
                "租赁企业的用地一律按租用建筑面积 ÷ %(m2)s ㎡ 折算，即使另填了用地面积；"
                "小园区低效企业清单的亩均税收也按同一折算计算。"
            )
            % {"m2": f"{scheme.floor_m2_per_mu:g}"}
        )
    rules.append(_("用地面积按 %(places)s 位小数与最小用地比较。") % {"places": LAND_PLACES})
    return rules


def class_size_table(scheme: Scheme) -> list[ClassSizeRow]:
    """Class counts for a few population sizes under the scheme's shares (before ties)."""
    if scheme.classes.method != ClassMethod.PERCENTILE:
        return []
    return [
        ClassSizeRow(n, [class_sizes(n, scheme.classes.shares)[c] for c in CLASSES])
        for n in EXAMPLE_SIZES
    ]
