"""Django-facing wrappers of the core validators: one validator for forms, API and imports."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from parkops.core.industry import IndustryCodeError, parse_industry_code
from parkops.core.uscc import UsccError, UsccErrorCode, validate_uscc


def uscc_error_message(error: UsccError) -> str:
    if error.code == UsccErrorCode.LENGTH:
        return _("统一社会信用代码应为 18 位，实际为 %(found)s 位") % {"found": error.found}
    if error.code == UsccErrorCode.CHARACTER:
        return _(
            "统一社会信用代码第 %(position)s 位“%(found)s”不是有效字符（不使用 I、O、S、V、Z）"
        ) % {
            "position": error.position,
            "found": error.found,
        }
    if error.code == UsccErrorCode.REGION:
        return _(
            "统一社会信用代码第 %(position)s 位“%(found)s”有误：第 3–8 位应为行政区划代码（数字）"
        ) % {
            "position": error.position,
            "found": error.found,
        }
    if error.code == UsccErrorCode.ORG_CHECK:
        return _(
            "统一社会信用代码第 17 位（组织机构代码校验码）应为“%(expected)s”，实际为“%(found)s”"
        ) % {"expected": error.expected, "found": error.found}
    return _("统一社会信用代码第 18 位（校验码）应为“%(expected)s”，实际为“%(found)s”") % {
        "expected": error.expected,
        "found": error.found,
    }


def clean_uscc(value: str) -> str:
    """The normalised code, or a ValidationError whose message names the wrong character."""
    try:
        return validate_uscc(value)
    except UsccError as error:
        raise ValidationError(uscc_error_message(error), code=f"uscc_{error.code}") from None


def validate_uscc_field(value: str) -> None:
    clean_uscc(value)


def clean_industry_code(value: str) -> str:
    try:
        return parse_industry_code(value).code
    except IndustryCodeError as error:
        if error.reason == "section":
            message = _("行业代码“%(code)s”的门类字母应为“%(section)s”") % {
                "code": error.code,
                "section": error.expected_section,
            }
        else:
            message = _(
                "“%(code)s”不是有效的国民经济行业分类（GB/T 4754-2017）代码，应如 C2710"
            ) % {"code": error.code}
        raise ValidationError(message, code=f"industry_{error.reason}") from None


def validate_industry_code_field(value: str) -> None:
    clean_industry_code(value)


_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,28}[0-9]$")


def validate_phone_field(value: str) -> None:
    """A telephone number as people write it: digits, with spaces, hyphens, brackets, a leading +
    and an extension after a hyphen (021-5723 1234, 138 0000 0000)."""
    digits = sum(c.isdigit() for c in value)
    if not _PHONE.match(value) or not 7 <= digits <= 20:
        raise ValidationError(
            _("联系电话“%(value)s”格式有误：只能含数字、空格、连字符和括号，如 021-57231234"),
            code="phone",
            params={"value": value},
        )
