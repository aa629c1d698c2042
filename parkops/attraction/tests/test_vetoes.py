"""Veto lists load from .xlsx all or nothing, errors by row; a decided rule set is frozen."""

from __future__ import annotations

import io

import pytest
import xlsxwriter
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from parkops.attraction import services
from parkops.attraction.models import AdmissionRuleSet, VetoItem
from parkops.attraction.tests.factories import lead
from parkops.attraction.vetoes import veto_list_import

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    return buffer.getvalue()


def test_it_loads_codes_and_keywords_and_reports_every_bad_row() -> None:
    rule_set = AdmissionRuleSet.objects.get(is_default=True)
    bad = _xlsx([["行业代码", "关键词", "条目"], ["X99", "", "坏代码"], ["", "", "空条目"],
                 ["C26", "", "化学原料"]])  # fmt: skip
    with pytest.raises(ValidationError) as error:
        veto_list_import(rule_set=rule_set, kind="restricted", source="目录", content=bad)
    assert error.value.messages == [
        "第 2 行：“X99”不是有效的行业代码",
        "第 3 行：须有行业代码或关键词",
    ]
    assert VetoItem.objects.count() == 0
    good = _xlsx([["行业代码", "关键词", "条目"], ["c 26", "", "化学原料"], ["", "电石", "电石"]])
    veto = veto_list_import(rule_set=rule_set, kind="restricted", source="目录2024", content=good)
    assert list(veto.items.values_list("code", "keyword")) == [("C26", ""), ("", "电石")]


def test_a_rule_set_with_a_decision_cannot_change_its_lists(alice: User) -> None:
    screening = services.screening_run(user=alice, lead=lead(alice))
    services.screening_decide(user=alice, screening=screening, decision="reject")
    content = _xlsx([["行业代码", "关键词"], ["C26", ""]])
    with pytest.raises(ValidationError) as error:
        veto_list_import(rule_set=screening.rule_set, kind="negative", source="清单",
                         content=content)  # fmt: skip
    assert error.value.messages == ["该规则版本已用于准入决定，不能修改清单；请新建一个版本"]
