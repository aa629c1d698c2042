"""A session's pairs as .xlsx with Chinese columns: the rows the user sees, names as shown."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils.translation import gettext as _

from parkops.core.xlsx import table_sheet, xlsx_bytes
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.matching.tables import pair_reasons


def pairs_xlsx(session: MatchingSession, pairs: Iterable[MatchPair]) -> io.BytesIO:
    headers = [
        _("需求方"), _("供给方"), _("匹配分"), _("推荐理由"), _("采纳"), _("对接结果"),
        _("结果说明"), _("合作金额（万元）"),
    ]  # fmt: skip
    with xlsx_bytes() as (book, buffer):
        title = f"{session.held_on} {session.title}"
        sheet, first = table_sheet(book, _("对接配对"), headers, title=title)
        for r, p in enumerate(pairs, start=first):
            sheet.write_row(r, 0, [
                p.need_name, p.offer_name, p.score, pair_reasons(p), p.get_decision_display(),  # type: ignore[attr-defined]
                p.get_outcome_display(), p.outcome_reason,
                float(p.amount_wan) if p.amount_wan is not None else "",
            ])  # fmt: skip
    return buffer


def profiles_xlsx(profiles: Iterable[SupplyDemandProfile]) -> io.BytesIO:
    headers = [
        _("企业名称"), _("道路"), _("产品与能力"), _("供给行业代码"), _("供给关键词"), _("需求"),
        _("需求行业代码"), _("需求关键词"), _("演示数据"),
    ]  # fmt: skip
    with xlsx_bytes() as (book, buffer):
        sheet, first = table_sheet(book, _("供需画像"), headers, title=_("供需画像"))
        for r, p in enumerate(profiles, start=first):
            e = p.enterprise
            sheet.write_row(r, 0, [
                e.name, e.road.name if e.road else "", p.offer_text, p.offer_codes,
                p.offer_keywords, p.need_text, p.need_codes, p.need_keywords,
                _("是") if p.is_demo else "",
            ])  # fmt: skip
    return buffer
