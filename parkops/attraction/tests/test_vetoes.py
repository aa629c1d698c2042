"""Veto lists load from .xlsx all or nothing, errors by row; a decided rule set is frozen."""

from __future__ import annotations

import io

import pytest
import xlsxwriter
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from parkops.attraction import services
from parkops.attraction.models import AdmissionRuleSet, VetoItem, VetoList
from parkops.attraction.tests.factories import lead
from parkops.attraction.vetoes import veto_list_import
from parkops.conftest import client_for

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
        "第 2 行“行业代码”列：“X99”不是有效的行业代码",
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


def _upload(client: Client, content: bytes, **data: object) -> str:
    rule_set = AdmissionRuleSet.objects.get(is_default=True)
    post = {"action": "preview", "rule_set": rule_set.pk, "kind": "environment",
            "source": "沪环规〔2024〕3号", **data,
            "file": SimpleUploadedFile("清单.xlsx", content)}  # fmt: skip
    return client.post("/attraction/rules/vetoes/", post).content.decode()


def test_the_upload_page_previews_then_loads_all_and_records_the_source(alice: User) -> None:
    client = client_for(alice)
    page = _upload(client, _xlsx([["关键词", "行业代码", "条目"], ["电镀", "", "电镀工艺"],
                                  ["", "C2611", "无机酸制造"]]))  # fmt: skip
    assert "共 2 项" in page
    assert VetoItem.objects.count() == 0  # a preview writes nothing
    response = client.post("/attraction/rules/vetoes/", {"action": "load"})
    assert response.status_code == 302
    veto = VetoList.objects.get(kind="environment")
    assert veto.source == "沪环规〔2024〕3号"
    assert veto.history.first().history_change_reason == "载入清单：沪环规〔2024〕3号"  # type: ignore[union-attr]
    assert list(veto.items.values_list("code", "keyword")) == [("", "电镀"), ("C2611", "")]
    # Loaded once: a second confirm has nothing to load.
    again = client.post("/attraction/rules/vetoes/", {"action": "load"})
    assert "没有待载入的清单，请重新上传" in again.content.decode()


def test_a_hostile_file_is_refused_with_every_error_and_nothing_written(alice: User) -> None:
    client = client_for(alice)
    not_xlsx = _upload(client, b"PK\x03\x04garbage" + b"\x00" * 100)
    assert "无法读取该文件，请上传 .xlsx" in not_xlsx
    hostile = _xlsx([
        ["行业代码", "关键词", "条目"],
        ["=HYPERLINK(\"http://x\")", "", ""],
        ["", "<script>alert(1)</script>" * 10, ""],
        ["C26", "", "长" * 301],
        ["", "", ""],
        ["", "", "只有条目"],
    ])  # fmt: skip
    page = _upload(client, hostile)
    # A formula is read as its stored value (0 here), never run nor kept as a formula.
    assert "第 2 行“行业代码”列：“0.0”不是有效的行业代码" in page
    assert "第 3 行“关键词”列：超过 100 字" in page
    assert "第 4 行“条目”列：超过 300 字" in page
    assert "第 6 行：须有行业代码或关键词" in page
    assert "<script>alert(1)" not in page
    assert "veto-load" not in page  # no confirm button while any error remains
    refused = client.post("/attraction/rules/vetoes/", {"action": "load"}).content.decode()
    assert "没有待载入的清单，请重新上传" in refused
    assert VetoItem.objects.count() == 0
    assert VetoList.objects.count() == 0
    no_header = _upload(client, _xlsx([["代码", "词"], ["C26", ""]]))
    assert "表头须有“行业代码”和“关键词”两列" in no_header
    no_source = _upload(client, _xlsx([["行业代码", "关键词"], ["C26", ""]]), source="")
    assert "这个字段是必填项" in no_source or "请注明清单的来源文件" in no_source


def test_only_the_park_office_loads_veto_lists(olga: User, lena: User) -> None:
    assert client_for(olga).get("/attraction/rules/vetoes/").status_code == 403
    assert client_for(lena).get("/attraction/rules/vetoes/").status_code == 403
