"""The small parks' rating rules in words, from a rule set's own numbers (parkops.core.parkrating
applies them), and how the default rule set differs from the proposal it was drawn from.

The proposal (reference/small-park-rating.md §4) scores a park out of 100 on six parts, several
of which need facts ParkOps does not hold (the operator's services, quarterly reporting, fire
drills). The default rule set therefore does not implement it: it rates on the metrics ParkOps
computes, with thresholds taken from §4 where §4 gives one. `differences` says exactly where.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from parkops.smallparks.models import RatingRuleSet


def _n(value: Decimal | int) -> str:
    if isinstance(value, int):
        return str(value)
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def rating_rules(rs: RatingRuleSet) -> list[str]:
    """The rule set, rule by rule, in the order they are applied."""
    benchmark = (
        _("基准为 %(wan)s 万元/亩") % {"wan": _n(rs.benchmark_tax_per_mu_wan)}
        if rs.benchmark_tax_per_mu_wan is not None
        else _("基准为同批参评小园区的平均值（税收合计 ÷ 占地合计）")
    )
    return [
        _("亩均税收 = 园内企业税收合计 ÷ 小园区占地面积；%(benchmark)s，R 为亩均税收与基准之比。")
        % {"benchmark": benchmark},
        _("违法违规记录（当年园内企业的否决事项，不分等级）达到 %(n)s 起：直接评为低效。")
        % {"n": rs.bad_veto_violations},
        _(
            "低效迹象：R 低于 %(r)s；空置率高于 %(v)s%%；D 类企业占比高于 %(d)s%%；"
            "三大重点产业企业占比低于 %(k)s%%。达到 %(hits)s 项评为低效。"
        )
        % {
            "r": _n(rs.bad_max_tax_ratio),
            "v": _n(rs.bad_min_vacancy_pct),
            "d": _n(rs.bad_min_d_share_pct),
            "k": _n(rs.bad_max_key_share_pct),
            "hits": rs.bad_min_hits,
        },
        _(
            "优质：R 不低于 %(r)s，空置率不高于 %(v)s%%，A/B 类企业占比不低于 %(ab)s%%，"
            "D 类企业占比不高于 %(d)s%%，违法违规不多于 %(x)s 起，全部满足；"
            "任一项无法计算则不能评为优质。其余为发展不平衡。"
        )
        % {
            "r": _n(rs.good_min_tax_ratio),
            "v": _n(rs.good_max_vacancy_pct),
            "ab": _n(rs.good_min_ab_share_pct),
            "d": _n(rs.good_max_d_share_pct),
            "x": rs.good_max_violations,
        },
        _(
            "比较方式：各项按十进制精确比较，恰好等于阈值不算越线；理由中显示的数值若按常规位数"
            "会与阈值相同，则多显示几位，使显示与判断一致。"
        ),
        _(
            "A/B 类、D 类占比只计已定 A–D 类的企业；T 类、N 类不计入。低效企业清单中租赁企业的"
            "亩均税收按企业评价的折算用地（租用建筑面积折算）计算。"
        ),
    ]


def differences(rs: RatingRuleSet) -> list[str]:
    """How this rule set differs from the proposed default of reference §4."""
    return [
        _("不计 100 分制得分：§4 按六部分计分（满分 100），本规则直接按上列指标和阈值评定。"),
        _(
            "§4 的管理服务、安全环保扣分、产业集聚（营业收入占比）、企业质量加分未实现："
            "系统中没有运营主体、服务站、季度报数、消防演练等数据。"
        ),
        _(
            "否决：§4 一起较大及以上安全事故或严重环境违法即评为低效；本规则按当年违法违规记录"
            "起数（不分等级）计，达到 %(n)s 起才直接评为低效。"
        )
        % {"n": rs.bad_veto_violations},
        _(
            "§4 要求优质得分 ≥ 80 且各部分不低于满分的 60%%，并限 5 个名额；本规则没有得分门槛"
            "和名额，占用率 ≥ 85%% 改为空置率不高于 %(v)s%%。"
        )
        % {"v": _n(rs.good_max_vacancy_pct)},
        _("§4 对新建或新改造的小园区两年内不评低效；本规则没有过渡期。"),
        _(
            "低效迹象：取 §4“三项中两项”的三项——R 低于 %(r)s、占用率低于 70%%（此处为空置率"
            "高于 %(v)s%%）、主导产业占比低于 30%%（此处为三大重点产业企业家数占比低于 %(k)s%%）——"
            "另加 D 类企业占比高于 %(d)s%% 一项，四项中达到 %(hits)s 项即为低效。"
        )
        % {
            "r": _n(rs.bad_max_tax_ratio),
            "v": _n(rs.bad_min_vacancy_pct),
            "k": _n(rs.bad_max_key_share_pct),
            "d": _n(rs.bad_min_d_share_pct),
            "hits": rs.bad_min_hits,
        },
    ]
