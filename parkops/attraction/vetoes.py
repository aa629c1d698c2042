"""Loading a veto list (淘汰类 / 限制类 / 区环保限制 / 负面清单) from its .xlsx, all or nothing.

The sheet has a header row with 行业代码, 关键词 and (optionally) 条目; each row needs a code or a
keyword. Every error is reported by row; nothing is written while any remains. Loading a kind
again replaces that list of the rule set, unless a decision was taken on the rule set: then a
new version must be made, so that every decision keeps the rules it was taken on."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from parkops.attraction.choices import VetoKind
from parkops.attraction.models import AdmissionRuleSet, VetoItem, VetoList
from parkops.common.versioning import record_save
from parkops.core.industry import IndustryCodeError, parse_industry_code

HEADERS = {"行业代码": "code", "关键词": "keyword", "条目": "description"}


def _rows(content: bytes) -> list[list[str]]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet = book.get_sheet_by_index(0).to_python()
    except Exception as error:  # calamine raises its own types for a file it cannot read
        raise ValidationError(_("无法读取该文件，请上传 .xlsx")) from error
    return [["" if c is None else str(c).strip() for c in row] for row in sheet]


@transaction.atomic
def veto_list_import(
    *, rule_set: AdmissionRuleSet, kind: str, source: str, content: bytes
) -> VetoList:
    if rule_set.screenings.exclude(decision="").exists():
        raise ValidationError(_("该规则版本已用于准入决定，不能修改清单；请新建一个版本"))
    if not source.strip():
        raise ValidationError(_("请注明清单的来源文件"))
    rows = _rows(content)
    if not rows:
        raise ValidationError(_("文件没有内容"))
    header = rows[0]
    columns = {HEADERS[h]: i for i, h in enumerate(header) if h in HEADERS}
    if "code" not in columns or "keyword" not in columns:
        raise ValidationError(_("表头须有“行业代码”和“关键词”两列"))
    items, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        values = {k: row[i] if i < len(row) else "" for k, i in columns.items()}
        if not any(values.values()):
            continue
        if values["code"]:
            try:
                values["code"] = parse_industry_code(values["code"]).code
            except IndustryCodeError:
                errors.append(
                    _("第 %(n)s 行：“%(c)s”不是有效的行业代码") % {"n": number, "c": values["code"]}
                )
                continue
        if not values["code"] and not values["keyword"]:
            errors.append(_("第 %(n)s 行：须有行业代码或关键词") % {"n": number})
            continue
        items.append(values)
    if errors:
        raise ValidationError(errors)
    if not items:
        raise ValidationError(_("文件没有清单条目"))
    veto, _created = VetoList.objects.get_or_create(
        rule_set=rule_set, kind=VetoKind(kind), defaults={"source": source}
    )
    veto.source = source
    record_save(veto, reason=f"载入清单：{source}")
    veto.items.all().delete()
    VetoItem.objects.bulk_create(VetoItem(veto_list=veto, **values) for values in items)
    return veto
