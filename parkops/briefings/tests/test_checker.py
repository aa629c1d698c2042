"""The GB/T 9704 checker reads each generated document back: the briefing, the review, the
admission memo and the evaluation's annual notice all conform (0 deviations); a document with one
property broken is reported, property by property."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from parkops.attraction import services as attraction
from parkops.attraction.memo import memo_docx
from parkops.attraction.tests.factories import lead
from parkops.briefings import services
from parkops.briefings.snapshot import Quarter
from parkops.common.docx import OfficialDocument, document_text
from parkops.common.docx_check import check_docx
from parkops.conftest import client_for
from parkops.evaluation import services as evaluation
from parkops.evaluation.notice import notice_docx
from parkops.evaluation.tests.factories import enterprise_with_year


def _sample() -> bytes:
    doc = OfficialDocument()
    doc.masthead("工作简报", "第1期", "漕泾工业园区管理办公室", "2026年12月31日")
    doc.title("关于测试的通知")
    doc.addressee("各单位：")
    doc.heading1("一、总体情况")
    doc.heading2("（一）进展")
    doc.body("正文一段。")
    doc.table(["指标", "实际"], [["甲", "1"]])
    doc.signature("漕泾工业园区管理办公室", "2026年12月31日")
    doc.imprint(copies_to="镇党委", issuer="漕泾工业园区管理办公室", dated="2026年12月31日")
    return doc.to_bytes()


def _broken(change: Callable[[object], None]) -> bytes:
    document = Document(io.BytesIO(_sample()))
    change(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _body(document: object) -> object:
    return next(p for p in document.paragraphs if p.style.name == "GW Body")  # type: ignore[attr-defined]


def _drop_east_asia(document: object) -> None:
    run = _body(document).runs[0]  # type: ignore[attr-defined]
    del run._element.rPr.rFonts.attrib[qn("w:eastAsia")]


def _even_footer_right(document: object) -> None:
    footer = document.sections[0].even_page_footer  # type: ignore[attr-defined]
    footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _no_page_field(document: object) -> None:
    footer = document.sections[0].footer  # type: ignore[attr-defined]
    for instr in footer.paragraphs[0]._p.xpath(".//w:instrText"):
        instr.text = " NUMPAGES "


BREAKS: dict[str, tuple[Callable[[object], None], str]] = {
    "margin": (lambda d: setattr(d.sections[0], "left_margin", Mm(25)), "left margin (twips)"),
    "page size": (lambda d: setattr(d.sections[0], "page_width", Mm(216)), "page size (twips)"),
    "eastAsia": (_drop_east_asia, "eastAsia font"),
    "size": (lambda d: setattr(_body(d).runs[0].font, "size", Pt(15)), "font size (pt)"),
    "indent": (
        lambda d: setattr(_body(d).paragraph_format, "first_line_indent", Pt(16)),
        "first-line indent (twips)",
    ),
    "line spacing": (
        lambda d: setattr(_body(d).paragraph_format, "line_spacing", Pt(30)),
        "exact line spacing (twips)",
    ),
    "odd/even": (
        lambda d: setattr(d.settings, "odd_and_even_pages_header_footer", False),
        "separate odd and even footers",
    ),
    "even footer side": (_even_footer_right, "page-number alignment"),
    "page field": (_no_page_field, "page-number field"),
    "table layout": (lambda d: setattr(d.tables[0], "autofit", True), "fixed grid across the 版心"),
}


def test_the_writer_conforms() -> None:
    assert check_docx(_sample()) == []


@pytest.mark.parametrize("name", list(BREAKS))
def test_a_broken_property_is_reported(name: str) -> None:
    change, what = BREAKS[name]
    found = check_docx(_broken(change))
    assert [d.what for d in found] == [what], found


def test_the_briefing_and_the_review_conform(alice: User, plan: None) -> None:
    today = date(2026, 12, 31)
    for issue in (
        services.briefing_generate(user=alice, quarter=Quarter(2026, 4), today=today),
        services.review_generate(user=alice, today=today),
    ):
        with issue.file.open("rb") as stored:
            assert check_docx(stored.read()) == []


def test_the_admission_memo_conforms(alice: User) -> None:
    screening = attraction.screening_run(user=alice, lead=lead(alice, tax_wan=Decimal(200)))
    assert check_docx(memo_docx(screening)) == []


def test_the_annual_notice_conforms_and_lists_the_classes(alice: User, lena: User) -> None:
    for tax in (900, 300, 200, 100, 20):
        enterprise_with_year(tax=Decimal(tax))
    run = evaluation.run_publish(run=evaluation.run_create(year=2025))
    content = notice_docx(run=run, user=alice)
    assert check_docx(content) == []
    text = document_text(content)
    assert "关于公布2025年度工业企业综合评价结果的通知" in text
    assert "5家企业" in text
    response = client_for(lena).get(f"/evaluation/runs/{run.pk}/notice.docx")
    assert response.status_code == 200
    assert document_text(response.content) == text


def test_a_draft_has_no_notice_and_a_road_chief_gets_none(alice: User, rob: User) -> None:
    enterprise_with_year(tax=Decimal(100))
    draft = evaluation.run_create(year=2025)
    assert client_for(alice).get(f"/evaluation/runs/{draft.pk}/notice.docx").status_code == 404
    published = evaluation.run_publish(run=draft)
    assert client_for(rob).get(f"/evaluation/runs/{published.pk}/notice.docx").status_code == 403
