"""The names of GB/T 4754-2017's sections and manufacturing divisions (parkops.core.industry keeps
them in Chinese, Django-free), marked for the catalogue so that the industry filter reads in
English too."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, gettext_noop

from parkops.core.industry import MANUFACTURING_DIVISIONS, SECTIONS

NAMES = (
    gettext_noop("农、林、牧、渔业"),
    gettext_noop("采矿业"),
    gettext_noop("制造业"),
    gettext_noop("电力、热力、燃气及水生产和供应业"),
    gettext_noop("建筑业"),
    gettext_noop("批发和零售业"),
    gettext_noop("交通运输、仓储和邮政业"),
    gettext_noop("住宿和餐饮业"),
    gettext_noop("信息传输、软件和信息技术服务业"),
    gettext_noop("金融业"),
    gettext_noop("房地产业"),
    gettext_noop("租赁和商务服务业"),
    gettext_noop("科学研究和技术服务业"),
    gettext_noop("水利、环境和公共设施管理业"),
    gettext_noop("居民服务、修理和其他服务业"),
    gettext_noop("教育"),
    gettext_noop("卫生和社会工作"),
    gettext_noop("文化、体育和娱乐业"),
    gettext_noop("公共管理、社会保障和社会组织"),
    gettext_noop("国际组织"),
    gettext_noop("农副食品加工业"),
    gettext_noop("食品制造业"),
    gettext_noop("酒、饮料和精制茶制造业"),
    gettext_noop("烟草制品业"),
    gettext_noop("纺织业"),
    gettext_noop("纺织服装、服饰业"),
    gettext_noop("皮革、毛皮、羽毛及其制品和制鞋业"),
    gettext_noop("木材加工和木、竹、藤、棕、草制品业"),
    gettext_noop("家具制造业"),
    gettext_noop("造纸和纸制品业"),
    gettext_noop("印刷和记录媒介复制业"),
    gettext_noop("文教、工美、体育和娱乐用品制造业"),
    gettext_noop("石油、煤炭及其他燃料加工业"),
    gettext_noop("化学原料和化学制品制造业"),
    gettext_noop("医药制造业"),
    gettext_noop("化学纤维制造业"),
    gettext_noop("橡胶和塑料制品业"),
    gettext_noop("非金属矿物制品业"),
    gettext_noop("黑色金属冶炼和压延加工业"),
    gettext_noop("有色金属冶炼和压延加工业"),
    gettext_noop("金属制品业"),
    gettext_noop("通用设备制造业"),
    gettext_noop("专用设备制造业"),
    gettext_noop("汽车制造业"),
    gettext_noop("铁路、船舶、航空航天和其他运输设备制造业"),
    gettext_noop("电气机械和器材制造业"),
    gettext_noop("计算机、通信和其他电子设备制造业"),
    gettext_noop("仪器仪表制造业"),
    gettext_noop("其他制造业"),
    gettext_noop("废弃资源综合利用业"),
    gettext_noop("金属制品、机械和设备修理业"),
)


def industry_choices() -> list[tuple[str, str | Promise]]:
    """The industry filter's choices: each manufacturing division, then every other section,
    as code and name in the user's language."""
    return [
        *(
            (f"C{d}", format_lazy("C{} {}", d, gettext_lazy(name)))
            for d, name in MANUFACTURING_DIVISIONS.items()
        ),
        *(
            (letter, format_lazy("{} {}", letter, gettext_lazy(name)))
            for letter, (_a, _b, name) in SECTIONS.items()
            if letter != "C"
        ),
    ]
