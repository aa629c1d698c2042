"""国民经济行业分类 GB/T 4754-2017: sections (门类), divisions (大类) and code parsing.

A code is written as its section letter and 2, 3 or 4 digits (C27, C271, C2710); users also type
the digits alone (2710) or with spaces. Only divisions are checked against the standard here:
the group and class tables (3 and 4 digits) are accepted by form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parkops.core.text import normalise_code

# Section letter -> (first division, last division, name).
SECTIONS: dict[str, tuple[int, int, str]] = {
    "A": (1, 5, "农、林、牧、渔业"),
    "B": (6, 12, "采矿业"),
    "C": (13, 43, "制造业"),
    "D": (44, 46, "电力、热力、燃气及水生产和供应业"),
    "E": (47, 50, "建筑业"),
    "F": (51, 52, "批发和零售业"),
    "G": (53, 60, "交通运输、仓储和邮政业"),
    "H": (61, 62, "住宿和餐饮业"),
    "I": (63, 65, "信息传输、软件和信息技术服务业"),
    "J": (66, 69, "金融业"),
    "K": (70, 70, "房地产业"),
    "L": (71, 72, "租赁和商务服务业"),
    "M": (73, 75, "科学研究和技术服务业"),
    "N": (76, 79, "水利、环境和公共设施管理业"),
    "O": (80, 82, "居民服务、修理和其他服务业"),
    "P": (83, 83, "教育"),
    "Q": (84, 85, "卫生和社会工作"),
    "R": (86, 90, "文化、体育和娱乐业"),
    "S": (91, 96, "公共管理、社会保障和社会组织"),
    "T": (97, 97, "国际组织"),
}

MANUFACTURING_DIVISIONS: dict[int, str] = {
    13: "农副食品加工业",
    14: "食品制造业",
    15: "酒、饮料和精制茶制造业",
    16: "烟草制品业",
    17: "纺织业",
    18: "纺织服装、服饰业",
    19: "皮革、毛皮、羽毛及其制品和制鞋业",
    20: "木材加工和木、竹、藤、棕、草制品业",
    21: "家具制造业",
    22: "造纸和纸制品业",
    23: "印刷和记录媒介复制业",
    24: "文教、工美、体育和娱乐用品制造业",
    25: "石油、煤炭及其他燃料加工业",
    26: "化学原料和化学制品制造业",
    27: "医药制造业",
    28: "化学纤维制造业",
    29: "橡胶和塑料制品业",
    30: "非金属矿物制品业",
    31: "黑色金属冶炼和压延加工业",
    32: "有色金属冶炼和压延加工业",
    33: "金属制品业",
    34: "通用设备制造业",
    35: "专用设备制造业",
    36: "汽车制造业",
    37: "铁路、船舶、航空航天和其他运输设备制造业",
    38: "电气机械和器材制造业",
    39: "计算机、通信和其他电子设备制造业",
    40: "仪器仪表制造业",
    41: "其他制造业",
    42: "废弃资源综合利用业",
    43: "金属制品、机械和设备修理业",
}

_CODE = re.compile(r"^([A-T])?(\d{2})(\d{1,2})?$")


class IndustryCodeError(ValueError):
    """The code is not a GB/T 4754-2017 code; `reason` is 'format', 'division' or 'section'."""

    def __init__(self, reason: str, code: str, expected_section: str = "") -> None:
        super().__init__(f"{reason}: {code}")
        self.reason = reason
        self.code = code
        self.expected_section = expected_section


@dataclass(frozen=True)
class IndustryCode:
    section: str
    division: int
    code: str  # normalised, e.g. "C2710"

    @property
    def is_manufacturing(self) -> bool:
        return self.section == "C"

    @property
    def division_name(self) -> str:
        if self.section == "C":
            return MANUFACTURING_DIVISIONS[self.division]
        return SECTIONS[self.section][2]


def section_of(division: int) -> str | None:
    for letter, (first, last, _name) in SECTIONS.items():
        if first <= division <= last:
            return letter
    return None


def parse_industry_code(raw: str) -> IndustryCode:
    """Parse `C2710`, `2710`, `c27` ... into a normalised code, or raise IndustryCodeError."""
    text = normalise_code(raw)
    match = _CODE.match(text)
    if match is None:
        raise IndustryCodeError("format", text)
    letter, division_digits, rest = match.groups()
    division = int(division_digits)
    section = section_of(division)
    if section is None:
        raise IndustryCodeError("division", text)
    if letter and letter != section:
        raise IndustryCodeError("section", text, expected_section=section)
    return IndustryCode(
        section=section, division=division, code=f"{section}{division_digits}{rest or ''}"
    )
