"""Loading a veto list (淘汰类 / 限制类 / 区环保限制 / 负面清单) from its .xlsx, all or nothing.

The sheet has a header row with 行业代码, 关键词 and (optionally) 条目; each row needs a code or a
keyword. Every error is reported by row and column; nothing is written while any remains. The
page previews what a load would write (`veto_list_preview`) before the load. Loading a kind
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


# The longest text each column keeps (the model's max_length): a longer cell is an error, never
# a database failure.
MAX_LENGTHS = {"keyword": 100, "description": 300}
LIMIT_ROWS = 20_000
LIMIT_BYTES = 5 * 1024 * 1024


def veto_rows(content: bytes) -> list[dict[str, str]]:
    """The list's items read from the sheet, checked; every error at once, by row and column."""
    if len(content) > LIMIT_BYTES:
        raise ValidationError(_("文件超过 5 MB，请拆分后载入"))
    rows = _rows(content)
    if not rows:
        raise ValidationError(_("文件没有内容"))
    if len(rows) > LIMIT_ROWS + 1:
        raise ValidationError(_("清单超过 %(n)s 行，请拆分后载入") % {"n": LIMIT_ROWS})
    header = rows[0]
    columns = {HEADERS[h]: i for i, h in enumerate(header) if h in HEADERS}
    if "code" not in columns or "keyword" not in columns:
        raise ValidationError(_("表头须有“行业代码”和“关键词”两列"))
    titles = {field: title for title, field in HEADERS.items()}
    items, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        values = {k: row[i] if i < len(row) else "" for k, i in columns.items()}
        if not any(values.values()):
            continue
        problems = []
        if values["code"]:
            try:
                values["code"] = parse_industry_code(values["code"]).code
            except IndustryCodeError:
                problems.append(
                    _("第 %(n)s 行“行业代码”列：“%(c)s”不是有效的行业代码")
                    % {"n": number, "c": values["code"][:20]}
                )
        for field, limit in MAX_LENGTHS.items():
            if len(values.get(field, "")) > limit:
                problems.append(
                    _("第 %(n)s 行“%(col)s”列：超过 %(max)s 字")
                    % {"n": number, "col": titles[field], "max": limit}
                )
        if not values["code"] and not values["keyword"]:
            problems.append(_("第 %(n)s 行：须有行业代码或关键词") % {"n": number})
        errors.extend(problems)
        if not problems:
            items.append(values)
    if errors:
        raise ValidationError(errors)
    if not items:
        raise ValidationError(_("文件没有清单条目"))
    return items


def _frozen(rule_set: AdmissionRuleSet) -> None:
    if rule_set.screenings.exclude(decision="").exists():
        raise ValidationError(_("该规则版本已用于准入决定，不能修改清单；请新建一个版本"))


def veto_list_preview(
    *, rule_set: AdmissionRuleSet, kind: str, source: str, content: bytes
) -> list[dict[str, str]]:
    """What a load would write, checked as the load checks it; nothing is written."""
    _frozen(rule_set)
    if not source.strip():
        raise ValidationError(_("请注明清单的来源文件"))
    VetoKind(kind)
    return veto_rows(content)


@transaction.atomic
def veto_list_import(
    *, rule_set: AdmissionRuleSet, kind: str, source: str, content: bytes
) -> VetoList:
    items = veto_list_preview(rule_set=rule_set, kind=kind, source=source, content=content)
    veto = VetoList.objects.filter(rule_set=rule_set, kind=VetoKind(kind)).first() or VetoList(
        rule_set=rule_set, kind=VetoKind(kind)
    )
    veto.source = source
    # Created or changed with the reason in its history (get_or_create would write a first
    # history row without one).
    record_save(veto, reason=f"载入清单：{source}")
    veto.items.all().delete()
    VetoItem.objects.bulk_create(VetoItem(veto_list=veto, **values) for values in items)
    return veto
