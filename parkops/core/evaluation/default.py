"""The default scheme, modelled on published Zhejiang county practice (亩均效益综合评价).

Used until the district's own handbook (《金山区工业企业资源利用效率评价结果手册》) is entered;
every number is a default the park office can change. Sources are written into the scheme.
"""

from __future__ import annotations

from typing import Any

from parkops.core.evaluation.scheme import Scheme

DEFAULT_SCHEME_NAME = "默认方案（参照浙江县级亩均效益评价）"

SOURCES = (
    "指标体系：浙江省人民政府《关于深化“亩均论英雄”改革的指导意见》浙政发〔2018〕5号"
    "（规上企业六项指标：亩均税收、亩均增加值、全员劳动生产率、单位能耗增加值、"
    "单位排放增加值、R&D经费支出占主营业务收入之比）。",
    "权重与基准值：台州市黄岩区 2022 年工业企业亩均效益综合评价计算说明"
    "（规上：亩均税收30、亩均增加值20、单位能耗增加值20、单位排放增加值10、全员劳产率10、"
    "R&D占比10；基准值 24.097万元/亩、136.16万元/亩、2.694万元/吨标准煤、4929.81万元/吨、"
    "18.14万元/人、3.02%），https://www.chacewang.com/newsdetail/news430850.html。",
    "规下企业以亩均税收为主：杭州市 2018 年做法；规下基准值取黄岩 2022 年 11.5932 万元/亩。",
    "缺失数据按该指标平均得分计：黄岩 2022 年对无排放数据规上企业的处理。",
    "等级划分 A 20%、B 40%、C 35%、D 5%，不定等级（T类：供水供电供气企业、投产不满两年企业）："
    "淮安市 2024 年亩均效益评价办法。",
    "规下企业纳入评价的最小用地：景宁、淮安为自有用地 3 亩，另有地市纳入租赁厂房 3000 平方米以上"
    "（gu456）；默认取折算用地 1.5 亩（即租赁厂房 3000 平方米）。",
    "租赁厂房按 2000 平方米折算 1 亩用地（公开系统的折算约定）。",
    "单项指标值以基准值 3 倍封顶、一票否决事项（较大及以上生产安全事故、突发环境事件强制 D 类；"
    "违法用地、严重失信最高 C 类）：县级办法的通常做法，未查到原文，可修改。",
)


def _indicator(
    code: str, label: str, unit: str, numerator: str, denominator: str, weight: float, bench: float
) -> dict[str, Any]:
    return {
        "code": code,
        "label": label,
        "unit": unit,
        "numerator": numerator,
        "denominator": denominator,
        "weight": weight,
        "benchmark": bench,
        "benchmark_kind": "fixed",
        "benchmark_factor": 1.0,
        "mode": "ratio",
        "cap_multiple": 3.0,
        "missing": "average",
    }


def default_definition() -> dict[str, Any]:
    return {
        "name": DEFAULT_SCHEME_NAME,
        "note": "默认方案：依据公开的浙江县级做法拟定，区级评价手册录入前使用。",
        "sources": list(SOURCES),
        "tenant_rule": "convert",
        "floor_m2_per_mu": 2000.0,
        "exclusion": {
            "label": "T类（不定等级）",
            "min_years_in_production": 2.0,
            "industry_prefixes": ["D44", "D45", "D46"],
        },
        "populations": [
            {
                "code": "above",
                "label": "规上企业",
                "above_scale": True,
                "min_land_mu": 0.0,
                "indicators": [
                    _indicator("tax_per_mu", "亩均税收", "万元/亩", "tax", "land_mu", 30, 24.097),
                    _indicator(
                        "va_per_mu", "亩均增加值", "万元/亩", "value_added", "land_mu", 20, 136.16
                    ),
                    _indicator(
                        "va_per_tce",
                        "单位能耗增加值",
                        "万元/吨标准煤",
                        "value_added",
                        "energy_tce",
                        20,
                        2.694,
                    ),
                    _indicator(
                        "va_per_emission",
                        "单位排放增加值",
                        "万元/吨",
                        "value_added",
                        "emissions_t",
                        10,
                        4929.81,
                    ),
                    _indicator(
                        "va_per_worker",
                        "全员劳动生产率",
                        "万元/人",
                        "value_added",
                        "employees",
                        10,
                        18.14,
                    ),
                    _indicator(
                        "rd_intensity", "研发投入强度", "", "rd_expense", "revenue", 10, 0.0302
                    ),
                ],
            },
            {
                "code": "below",
                "label": "规下企业",
                "above_scale": False,
                "min_land_mu": 1.5,
                "indicators": [
                    _indicator("tax_per_mu", "亩均税收", "万元/亩", "tax", "land_mu", 100, 11.5932),
                ],
            },
        ],
        "classes": {
            "method": "percentile",
            "shares": {"A": 20.0, "B": 40.0, "C": 35.0, "D": 5.0},
            "thresholds": {},
        },
        "vetoes": [
            {
                "kind": "safety_accident",
                "min_grade": 2,
                "action": "force",
                "target_class": "D",
                "label": "较大及以上生产安全事故，一票否决为 D 类",
            },
            {
                "kind": "environmental_incident",
                "min_grade": 2,
                "action": "force",
                "target_class": "D",
                "label": "较大及以上突发环境事件，一票否决为 D 类",
            },
            {
                # Read from the enforcement record: a 重大 safety, environmental or fire finding.
                "kind": "major_violation",
                "min_grade": 3,
                "action": "force",
                "target_class": "D",
                "label": "重大安全环保违法行为（执法检查认定），一票否决为 D 类",
            },
            {
                # Read from the enforcement record: 责令关闭 or 责令停产停业.
                "kind": "closure_order",
                "min_grade": 3,
                "action": "force",
                "target_class": "D",
                "label": "被责令关闭或停产停业，一票否决为 D 类",
            },
            {
                "kind": "illegal_land_use",
                "min_grade": 1,
                "action": "cap",
                "target_class": "C",
                "label": "违法用地/违法建设，最高评为 C 类",
            },
            {
                "kind": "serious_dishonesty",
                "min_grade": 1,
                "action": "cap",
                "target_class": "C",
                "label": "列入严重失信名单，最高评为 C 类",
            },
        ],
    }


def default_scheme() -> Scheme:
    return Scheme.from_dict(default_definition())
