"""The problems an import finds, each by row and column, in the user's language.

Rule for errors and warnings: an *error* is a value that cannot be true or cannot be stored (it
breaks a definition or a database constraint: a negative output, a wrong credit code, an unknown
enterprise, a duplicate row, a unit that is not the expected one); any error means nothing is
written. A *warning* is a value that is possible but suspicious (tax above output, land 0 with
tax, a figure above 1,000 亿元): the preview lists it and the user may still confirm.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from parkops.core.tabular import TableError
from parkops.registry.validators import uscc_error_message


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    message: str
    row: int | None = None
    column: str = ""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        if self.row is not None and self.column:
            return _("第 %(row)s 行「%(column)s」%(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row is not None:
            return _("第 %(row)s 行：%(message)s") % {"row": self.row, "message": self.message}
        if self.column:
            return _("「%(column)s」%(message)s") % {"column": self.column, "message": self.message}
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": str(self)}


CELL_MESSAGES = {
    "not_a_number": gettext_lazy("不是数字：“%(value)s”"),
    "negative": gettext_lazy("不能为负数"),
    "too_large": gettext_lazy("数值过大：%(value)s"),
    "not_an_integer": gettext_lazy("应为整数：“%(value)s”"),
    "bad_year": gettext_lazy("应为 2000–2100 之间的年份：“%(value)s”"),
    "too_long": gettext_lazy("超过 %(limit)s 个字符"),
    "industry": gettext_lazy("“%(value)s”不是有效的国民经济行业分类代码，应如 C2710"),
    "bad_choice": gettext_lazy("“%(value)s”不是可选值（%(allowed)s）"),
    "bad_date": gettext_lazy("不是有效日期：“%(value)s”"),
    "required": gettext_lazy("不能为空"),
    "not_positive": gettext_lazy("必须大于 0"),
    "percent": gettext_lazy("应在 0–100 之间"),
    "unknown_enterprise": gettext_lazy("“%(value)s”不在企业名录中，请先导入企业名录"),
    "unknown_reference": gettext_lazy("“%(value)s”不存在"),
    "known_without_code": gettext_lazy(
        "企业“%(name)s”已在企业名录中，但名录中没有信用代码；请先在企业名录中补填信用代码"
    ),
    "known_other_code": gettext_lazy(
        "企业“%(name)s”已在企业名录中，信用代码是 %(uscc)s，与本行不同；请核对"
    ),
    "uscc_number": gettext_lazy(
        "是数字格式（%(value)s），Excel 已丢失信用代码的位数；请把该列设为文本后重新填写"
    ),
    "cell_error": gettext_lazy("是错误值 %(value)s，请在 Excel 中更正后再导入"),
    "uncalculated": gettext_lazy("是没有计算结果的公式，请在 Excel 中打开并保存后再导入"),
    "na_blank": gettext_lazy("是 #N/A，按空白（未填报）处理"),
    "footer_skipped": gettext_lazy("“%(text)s”是合计、签名或说明行，已跳过"),
    "uscc_name_mismatch": gettext_lazy("信用代码 %(uscc)s 属于“%(name)s”，与本行企业名称不一致"),
    "name_taken": gettext_lazy("“%(value)s”已是另一家企业（信用代码 %(uscc)s）的名称"),
    "duplicate": gettext_lazy("与第 %(first)s 行重复"),
    "rented_needs_floor": gettext_lazy("为“租赁厂房”时须填写「租用建筑面积（㎡）」"),
    "rentable_above_total": gettext_lazy(
        "可出租面积 %(rentable)s ㎡ 大于厂房建筑面积 %(total)s ㎡，请核对"
    ),
    "bad_phone": gettext_lazy("“%(value)s”不是有效的电话号码，应如 021-57231234"),
    # warnings
    "tax_above_output": gettext_lazy("税收 %(tax)s 万元高于工业产值 %(output)s 万元，请核对"),
    "land_zero_with_tax": gettext_lazy("用地面积为 0 但有税收 %(tax)s 万元，请核对用地或租用面积"),
    "absurd": gettext_lazy("数值 %(value)s 异常大，请确认单位为“%(unit)s”"),
}

FILE_MESSAGES = {
    "too_big": gettext_lazy("文件大小 %(size_mb)s MB，超过上限 %(limit_mb)s MB"),
    "zip_bomb": gettext_lazy(
        "文件解压后约 %(size_mb)s MB，超过上限 %(limit_mb)s MB，已拒绝（可能是压缩炸弹）"
    ),
    "zip_bomb_measured": gettext_lazy(
        "文件解压后超过上限 %(limit_mb)s MB，已拒绝（可能是压缩炸弹）"
    ),
    "sheet_too_large": gettext_lazy(
        "工作表「%(sheet)s」的范围是 %(rows)s 行 × %(columns)s 列，超过可读取的大小；"
        "请删除表格以外的单元格（如远处的空格或格式）后再导入"
    ),
    "hidden_sheet": gettext_lazy(
        "数据在隐藏的工作表「%(sheets)s」中；隐藏的工作表不会导入，请取消隐藏后再导入"
    ),
    "several_sheets": gettext_lazy(
        "工作表「%(sheets)s」都有这类数据；请合并到一个工作表，或分成多个文件导入"
    ),
    "spreadsheet_as_csv": gettext_lazy(
        "这是 Excel 文件，但扩展名是 .csv；请把扩展名改回 .xlsx（或 .xls）后再导入"
    ),
    "bad_csv": gettext_lazy("CSV 文件第 %(line)s 行无法读取，请用 Excel 另存为 CSV 后再导入"),
    "too_many_rows": gettext_lazy("文件超过 %(limit)s 行的上限，请拆分后分批导入"),
    "corrupt": gettext_lazy("无法读取文件：文件已损坏或不是 Excel 文件"),
    "encoding": gettext_lazy("无法识别 CSV 文件的编码，请另存为 UTF-8 或 GBK 编码"),
    "file_type": gettext_lazy("不支持的文件类型“%(suffix)s”，请上传 .xlsx、.xls 或 .csv 文件"),
    "no_header": gettext_lazy("找不到表头：表头应包含「%(expected)s」"),
    "no_rows": gettext_lazy("文件中没有数据行"),
    "missing_column": gettext_lazy("缺少必填列"),
    "missing_enterprise_column": gettext_lazy(
        "缺少「统一社会信用代码」或「企业名称」列，无法确定企业"
    ),
    "unknown_column": gettext_lazy("未识别的列，已忽略"),
    "unit_mismatch": gettext_lazy("的单位是“%(found)s”，应为“%(expected)s”，请换算后再导入"),
    "doubled_column": gettext_lazy(
        "「%(columns)s」对应同一项数据，无法确定用哪一列；请删除其中一列后再导入"
    ),
}


def cell_message(code: str, params: dict[str, Any]) -> str:
    if code == "uscc":
        return uscc_error_message(params["error"])
    params = dict(params)
    if "allowed" in params:
        params["allowed"] = "、".join(str(a) for a in params["allowed"])
    return str(CELL_MESSAGES[code]) % params


def file_message(error: TableError) -> str:
    params = dict(error.params)
    code = error.code
    if code == "zip_bomb" and params.get("size_mb") is None:  # counted only up to the limit
        code = "zip_bomb_measured"
    for name in ("expected", "sheets"):
        if name in params:
            params[name] = "」「".join(params[name])
    return str(FILE_MESSAGES[code]) % params
