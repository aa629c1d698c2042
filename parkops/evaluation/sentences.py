"""The evaluation's stored reasons and the default scheme's names, translated on display.

The engine (parkops.core.evaluation) stores why an enterprise is not ranked, and the services
store why its class was vetoed, as Chinese sentences; these are their wordings, with the
parameters the engine puts in (see parkops.common.sentences). The default scheme's names — of
its exclusion, populations, indicators and veto rules — are marked for the catalogue so that a
reason naming them, and the pages listing them, read in English too. A scheme's own names
(typed in by the park office) are shown as typed.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from parkops.common.sentences import sentences_register

# The order matters where two wordings could match one sentence: the more specific first.
WORDINGS = (
    gettext_noop("无营业收入数据，无法判定规上/规下"),
    gettext_noop("方案未设此类别"),
    gettext_noop("缺少用地面积（未填或为 0）"),
    gettext_noop("租赁企业继承业主单位等级"),
    gettext_noop("用地面积不足 %(mu)s 亩"),
    gettext_noop("缺少数据：%(label)s"),
    gettext_noop("人工调整：%(r)s"),
    gettext_noop("%(label)s：投产不满 %(years)s 年"),
    gettext_noop("%(label)s：行业 %(prefix)s"),
)

DEFAULT_SCHEME_NAMES = (
    gettext_noop("T类（不定等级）"),
    gettext_noop("规上企业"),
    gettext_noop("规下企业"),
    gettext_noop("亩均税收"),
    gettext_noop("亩均增加值"),
    gettext_noop("单位能耗增加值"),
    gettext_noop("单位排放增加值"),
    gettext_noop("全员劳动生产率"),
    gettext_noop("研发投入强度"),
    gettext_noop("较大及以上生产安全事故，一票否决为 D 类"),
    gettext_noop("较大及以上突发环境事件，一票否决为 D 类"),
    gettext_noop("重大安全环保违法行为（执法检查认定），一票否决为 D 类"),
    gettext_noop("被责令关闭或停产停业，一票否决为 D 类"),
    gettext_noop("违法用地/违法建设，最高评为 C 类"),
    gettext_noop("列入严重失信名单，最高评为 C 类"),
)


def sentences_register_evaluation() -> None:
    sentences_register(WORDINGS, labels=("label",))
