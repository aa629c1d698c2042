"""The Caojing plan's own facts, transcribed from 漕府〔2024〕11号 (11 March 2024).

Only what the plan states is here, in its own figures and words. Names broken across lines by the
seed's text extraction are joined ("上海瓯风新材料科 技有限公司" is one name); digits split by spaces
in Table 1 are joined ("1 0" is 10). Nothing here is invented: no output or tax of any enterprise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from parkops.plan.choices import PlanSource

DOCUMENT_NUMBER = "漕府〔2024〕11号"
ISSUED_ON = "2024-03-11"
YEARS = (2024, 2025, 2026)

# Footnote 1: the 20 small parks, in the plan's order.
SMALL_PARKS: tuple[str, ...] = (
    "矮柳", "长宁", "爱尔", "美宝", "方科", "邦虎",
    "友豪", "永胜光磊", "普利滋", "万海", "达天",
    "远创", "鑫狄良", "申亿", "万拓",
    "康林", "高凡", "利法纳", "兴平", "荣升",
)  # fmt: skip

# The roads the plan names (附件 3 addresses, 附件 4 road works).
ROADS: tuple[str, ...] = ("平业路", "月工路", "金轩路", "展业路", "张漕公路", "亭卫公路")


@dataclass(frozen=True)
class PlanEnterprise:
    name: str
    short_name: str = ""
    cluster: str = ""  # a Cluster value where the plan names the enterprise as a cluster's leader
    address: str = ""
    road: str = ""


@dataclass(frozen=True)
class PlanPlot:
    name: str
    address: str = ""
    road: str = ""
    holder: str = ""  # the enterprise's full name, where the plan ties the plot to one


@dataclass(frozen=True)
class Mention:
    """One row (or sentence) of the plan about an enterprise and/or a plot, as written."""

    source: PlanSource
    row: int
    name_in_plan: str
    enterprise: str = ""
    plot: str = ""
    facts: dict[str, Any] = field(default_factory=dict)


HEQUAN = "上海合全药业股份有限公司"
KEQIN = "克琴科技"  # the plan gives only this short name
MOKE = "膜可光学材料（上海）有限公司"
CAORONG = "上海漕荣经济发展有限公司"
YOUXING = "有行鲨鱼（上海）科技股份有限公司"
BANGKAI = "邦凯控股集团有限公司"
GUDAO = "上海古岛时装有限公司"
PULIZI = "上海普利滋纺织染整有限公司"
OUFENG = "上海瓯风新材料科技有限公司"
KUNLEI = "上海昆磊毛纺织有限公司"

GUDAO_PLOT = "上海古岛时装有限公司地块"
PULIZI_PLOT = "上海普利滋纺织染整有限公司地块"
KUNLEI_PLOT = "上海昆磊毛纺织有限公司地块"

ENTERPRISES: tuple[PlanEnterprise, ...] = (
    PlanEnterprise(HEQUAN, "合全药业", cluster="drug_valley"),
    PlanEnterprise(KEQIN, "克琴科技", cluster="urban_beauty"),
    PlanEnterprise(MOKE, "膜可"),
    PlanEnterprise(CAORONG, "漕荣公司"),
    # 附件 2: 新增规上企业
    PlanEnterprise("上海迪二电器成套有限公司", "迪二"),
    PlanEnterprise("上海万拓实业有限公司", "万拓"),
    PlanEnterprise("上海聚发汽车零部件有限公司", "聚发"),
    PlanEnterprise("上海和捷机械设备制造有限公司", "和捷"),
    PlanEnterprise("上海众菁包装材料有限公司", "众菁"),
    PlanEnterprise("巢进化学（上海）有限公司", "巢进化学"),
    PlanEnterprise("上海悦集特种车辆制造有限公司", "悦集"),
    # 附件 2: 新增专精特新企业
    PlanEnterprise("华威粘结材料（上海）股份有限公司", "华威粘结"),
    PlanEnterprise("上海强华实业股份有限公司", "强华"),
    PlanEnterprise(YOUXING, "有行鲨鱼"),
    PlanEnterprise("上海磐彩环保科技股份有限公司", "磐彩"),
    PlanEnterprise("上海吉虞实业有限公司", "吉虞"),
    PlanEnterprise("上海志力泵业制造有限公司", "志力泵业"),
    PlanEnterprise("上海汇博精工电子科技有限公司", "汇博精工"),
    PlanEnterprise(BANGKAI, "邦凯"),
    PlanEnterprise("垂欧教科设备（上海）有限公司", "垂欧"),
    PlanEnterprise("上海邦布科技集团有限公司", "邦布"),
    PlanEnterprise("凯睿达粉体工程（上海）有限公司", "凯睿达"),
    PlanEnterprise("米鲁流体科技（上海）有限公司", "米鲁流体"),
    PlanEnterprise("上海津力药业股份有限公司", "津力药业"),
    PlanEnterprise("上海容奥包装科技有限公司", "容奥包装"),
    PlanEnterprise("上海群力紧固件制造有限公司", "群力紧固件"),
    # 附件 2: 技改企业 (合全, 邦凯, 有行鲨鱼 are above)
    PlanEnterprise("上海中淳高科桩业有限公司", "中淳"),
    PlanEnterprise("上海台界化工有限公司", "台界"),
    PlanEnterprise("上海友豪科技股份有限公司", "友豪"),
    PlanEnterprise("上海漕源建材贸易有限公司", "漕源"),
    # 附件 3
    PlanEnterprise(GUDAO, "古岛"),
    PlanEnterprise(PULIZI, "普利滋", address="月工路 169 号", road="月工路"),
    PlanEnterprise(KUNLEI, "昆磊"),
    PlanEnterprise(OUFENG, "瓯风", address="平业路 189 号 8 幢", road="平业路"),
    PlanEnterprise("上海佳美漂染有限公司", "佳美漂染", address="张漕公路 588 号", road="张漕公路"),
    PlanEnterprise("上海革信门业有限公司", "革信门业", address="东海村镇南 2208 号 B 区"),
    PlanEnterprise(
        "上海长宁橡胶制品厂有限公司", "长宁橡胶", address="亭卫公路 3688 号 8 幢", road="亭卫公路"
    ),
    PlanEnterprise("上海永胜光磊贵金属有限公司", "永胜光磊", address="月工路 58 号", road="月工路"),
)

PLOTS: tuple[PlanPlot, ...] = (
    PlanPlot(GUDAO_PLOT, address="展业路 108 号", road="展业路", holder=GUDAO),
    PlanPlot(PULIZI_PLOT, address="月工路 169 号", road="月工路", holder=PULIZI),
    PlanPlot(KUNLEI_PLOT, holder=KUNLEI),
    PlanPlot(f"{OUFENG}地块", address="平业路 189 号 8 幢", road="平业路", holder=OUFENG),
    PlanPlot(
        "上海佳美漂染有限公司地块",
        address="张漕公路 588 号",
        road="张漕公路",
        holder="上海佳美漂染有限公司",
    ),
    PlanPlot(
        "上海革信门业有限公司地块", address="东海村镇南 2208 号 B 区", holder="上海革信门业有限公司"
    ),
    PlanPlot(
        "上海长宁橡胶制品厂有限公司地块",
        address="亭卫公路 3688 号 8 幢",
        road="亭卫公路",
        holder="上海长宁橡胶制品厂有限公司",
    ),
    PlanPlot(
        "上海永胜光磊贵金属有限公司地块",
        address="月工路 58 号",
        road="月工路",
        holder="上海永胜光磊贵金属有限公司",
    ),
)


def _above_scale(row: int, name: str, output: int, year: int) -> Mention:
    return Mention(
        PlanSource.ANNEX_2_ABOVE_SCALE, row, name, enterprise=name,
        facts={"predicted_output_wan": output, "planned_year": year},
    )  # fmt: skip


def _listed(source: PlanSource, row: int, name: str, year: int) -> Mention:
    return Mention(source, row, name, enterprise=name, facts={"planned_year": year})


_ABOVE_SCALE = (
    ("上海迪二电器成套有限公司", 2127, 2024),
    ("上海万拓实业有限公司", 2821, 2024),
    ("上海聚发汽车零部件有限公司", 3200, 2024),
    ("上海和捷机械设备制造有限公司", 2600, 2025),
    ("上海众菁包装材料有限公司", 3200, 2025),
    ("巢进化学（上海）有限公司", 2700, 2026),
    ("上海悦集特种车辆制造有限公司", 2500, 2026),
)
_SRDI = (
    ("华威粘结材料（上海）股份有限公司", 2024),
    ("上海强华实业股份有限公司", 2024),
    (YOUXING, 2024),
    ("上海磐彩环保科技股份有限公司", 2024),
    ("上海吉虞实业有限公司", 2024),
    ("上海志力泵业制造有限公司", 2025),
    ("上海汇博精工电子科技有限公司", 2025),
    (BANGKAI, 2025),
    ("垂欧教科设备（上海）有限公司", 2025),
    ("上海邦布科技集团有限公司", 2025),
    ("凯睿达粉体工程（上海）有限公司", 2026),
    ("米鲁流体科技（上海）有限公司", 2026),
    ("上海津力药业股份有限公司", 2026),
    ("上海容奥包装科技有限公司", 2026),
    ("上海群力紧固件制造有限公司", 2026),
)
_TECH = (
    (HEQUAN, 2024),
    (BANGKAI, 2024),
    ("上海中淳高科桩业有限公司", 2025),
    ("上海台界化工有限公司", 2025),
    (YOUXING, 2025),
    ("上海友豪科技股份有限公司", 2026),
    ("上海漕源建材贸易有限公司", 2026),
)

MENTIONS: tuple[Mention, ...] = (
    Mention(PlanSource.TEXT, 1, "合全药业", enterprise=HEQUAN, facts={"cluster": "创新药谷"}),
    Mention(PlanSource.TEXT, 2, "克琴科技", enterprise=KEQIN, facts={"cluster": "城市美装"}),
    Mention(
        PlanSource.ANNEX_1, 1, MOKE, enterprise=MOKE,
        facts={
            "milestone": "早开工",
            "project": "年产 10000 吨烟包复合、转移卡纸包装材料项目",
            "schedule": "2023 年 12 月 22 开工",
            "state": "滞后",
            "progress": "已开工",
        },
    ),
    Mention(
        PlanSource.ANNEX_1, 2, CAORONG, enterprise=CAORONG,
        facts={
            "milestone": "早投产",
            "project": "上海漕荣经济发展有限公司高科技产业园新建项目",
            "schedule": "2024 年 6 月完成验收",
            "state": "正常",
            "progress": "目前电力外线施工招投标完成，3 月份施工。",
        },
    ),
    *(_above_scale(i, n, o, y) for i, (n, o, y) in enumerate(_ABOVE_SCALE, start=1)),
    *(_listed(PlanSource.ANNEX_2_SRDI, i, n, y) for i, (n, y) in enumerate(_SRDI, start=1)),
    *(_listed(PlanSource.ANNEX_2_TECH, i, n, y) for i, (n, y) in enumerate(_TECH, start=1)),
    Mention(
        PlanSource.ANNEX_3_PLOTS, 1, GUDAO_PLOT, enterprise=GUDAO, plot=GUDAO_PLOT,
        facts={"area_mu": "30.62", "planned_year": 2025, "method": "收储"},
    ),
    Mention(
        PlanSource.ANNEX_3_PLOTS, 2, PULIZI_PLOT, enterprise=PULIZI, plot=PULIZI_PLOT,
        facts={"area_mu": "43.74", "planned_year": 2025, "method": "合作开发"},
    ),
    Mention(
        PlanSource.ANNEX_3_PLOTS, 3, KUNLEI, enterprise=KUNLEI, plot=KUNLEI_PLOT,
        facts={"area_mu": "27.81", "planned_year": 2026, "method": "合作开发"},
    ),
    Mention(
        PlanSource.ANNEX_3_VACATE, 1, OUFENG, enterprise=OUFENG, plot=f"{OUFENG}地块",
        facts={"address": "平业路 189 号 8 幢", "area_mu": "80", "planned_year": 2024, "method": "优质项目导入"},
    ),
    Mention(
        PlanSource.ANNEX_3_VACATE, 2, "上海佳美漂染有限公司", enterprise="上海佳美漂染有限公司",
        plot="上海佳美漂染有限公司地块",
        facts={"address": "张漕公路 588 号", "area_mu": "4.91", "planned_year": 2025, "method": "腾退"},
    ),
    Mention(
        PlanSource.ANNEX_3_VACATE, 3, "上海革信门业有限公司", enterprise="上海革信门业有限公司",
        plot="上海革信门业有限公司地块",
        facts={"address": "东海村镇南 2208 号 B 区", "area_mu": "6.86", "planned_year": 2025, "method": "腾退"},
    ),
    Mention(
        PlanSource.ANNEX_3_VACATE, 4, PULIZI, enterprise=PULIZI, plot=PULIZI_PLOT,
        facts={"address": "月工路 169 号", "area_mu": "43.74", "planned_year": 2026, "method": "腾退"},
    ),
    Mention(
        PlanSource.ANNEX_3_UPGRADE, 1, "上海长宁橡胶制品厂有限公司", enterprise="上海长宁橡胶制品厂有限公司",
        plot="上海长宁橡胶制品厂有限公司地块",
        facts={"address": "亭卫公路 3688 号 8 幢", "area_mu": "76.07", "planned_year": 2024, "method": "亩均税收提升"},
    ),
    Mention(
        PlanSource.ANNEX_3_UPGRADE, 2, "上海永胜光磊贵金属有限公司", enterprise="上海永胜光磊贵金属有限公司",
        plot="上海永胜光磊贵金属有限公司地块",
        facts={"address": "月工路 58 号", "area_mu": "17.96", "planned_year": 2025, "method": "亩均税收提升"},
    ),
    Mention(
        PlanSource.ANNEX_3_UPGRADE, 3, GUDAO_PLOT, enterprise=GUDAO, plot=GUDAO_PLOT,
        facts={"address": "展业路 108 号", "area_mu": "30.59", "planned_year": 2026, "method": "亩均税收提升"},
    ),
)  # fmt: skip

# Facts compared across the plan's lists for one plot: a difference is a conflict to show.
COMPARED_PLOT_FACTS = ("area_mu", "planned_year")


@dataclass(frozen=True)
class IndicatorTargets:
    group: str
    number: int
    name: str
    unit: str
    # year -> (保底数 floor, 确保数 committed, 贡献数 stretch)
    targets: dict[int, tuple[Decimal, Decimal, Decimal]]


def _t(*values: int) -> dict[int, tuple[Decimal, Decimal, Decimal]]:
    d = [Decimal(v) for v in values]
    return {2024: (d[0], d[1], d[2]), 2025: (d[3], d[4], d[5]), 2026: (d[6], d[7], d[8])}


# Table 1 (表 1 漕泾工业园区转型升级主要指标), 72 targets.
TABLE_1: tuple[IndicatorTargets, ...] = (
    IndicatorTargets("规模总量", 1, "规模以上工业产值增长率", "%", _t(3, 4, 7, 3, 4, 5, 2, 3, 4)),
    IndicatorTargets(
        "规模总量", 2, "新增规模以上工业企业数量", "家", _t(2, 3, 4, 1, 2, 3, 1, 2, 3)
    ),
    IndicatorTargets(
        "经济密度", 3, "工业园区单位土地产出增长率", "%", _t(4, 5, 6, 2, 3, 4, 1, 2, 3)
    ),
    IndicatorTargets(
        "经济密度", 4, "工业园区单位土地税收增长率", "%", _t(7, 8, 9, 2, 3, 5, 1, 2, 4)
    ),
    IndicatorTargets("创新浓度", 5, "新增专精特新企业", "家", _t(3, 5, 6, 3, 5, 6, 3, 5, 6)),
    IndicatorTargets("创新浓度", 6, "新增技术改造项目", "个", _t(1, 2, 3, 2, 3, 4, 1, 2, 3)),
    IndicatorTargets("要素投入", 7, "腾退低效用地", "亩", _t(10, 10, 10, 10, 10, 10, 6, 8, 10)),
    IndicatorTargets("要素投入", 8, "提升低效用地", "亩", _t(55, 60, 65, 12, 16, 18, 12, 16, 18)),
)


@dataclass(frozen=True)
class PlanInfrastructure:
    row: int
    name: str
    investment_wan: Decimal  # 计划总投资 (万元)
    content: str  # 工程内容
    start_year: int  # 预计实施时间
    finish_year: int  # 预计完工时间


# 附件 4 基础设施建设计划清单.
INFRASTRUCTURE: tuple[PlanInfrastructure, ...] = (
    PlanInfrastructure(1, "地下水调查工程", Decimal(60), "园区企业内打井调查地下水情况", 2024, 2024),
    PlanInfrastructure(2, "道路修复工程", Decimal(60), "平业路、月工路、金轩路、展业路路面修复", 2024, 2024),
    PlanInfrastructure(3, "绿化改造工程", Decimal(30), "平业路、月工路、金轩路、展业路绿化改造", 2025, 2025),
)  # fmt: skip
