"""The small-park rating's stored reasons (parkops.core.parkrating), translated on display
(see parkops.common.sentences)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from parkops.common.sentences import sentences_register

WORDINGS = (
    gettext_noop("亩均税收为基准的 %(value)s 倍，低于 %(limit)s 倍"),
    gettext_noop("亩均税收为基准的 %(value)s 倍，未达 %(limit)s 倍"),
    gettext_noop("空置率 %(value)s%%，高于 %(limit)s%%"),
    gettext_noop("D 类企业占 %(value)s%%，高于 %(limit)s%%"),
    gettext_noop("A/B 类企业占 %(value)s%%，未达 %(limit)s%%"),
    gettext_noop("三大重点产业企业占 %(value)s%%，低于 %(limit)s%%"),
    gettext_noop("亩均税收无法计算（缺少税收或占地面积）"),
    gettext_noop("空置率无法计算（缺少厂房面积）"),
    gettext_noop("没有企业评价结果，A/B 类与 D 类占比无法计算"),
    gettext_noop("违法违规记录 %(count)s 起，达到 %(limit)s 起，直接评为低效"),
    gettext_noop("违法违规记录 %(count)s 起，多于 %(limit)s 起"),
    gettext_noop("低效迹象 %(count)s 项，达到 %(limit)s 项"),
    gettext_noop("各项指标均达到优质标准"),
    gettext_noop("未达优质标准："),
)


def sentences_register_smallparks() -> None:
    sentences_register(WORDINGS)
