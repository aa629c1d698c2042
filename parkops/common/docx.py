"""A small writer of official documents (.docx) in the GB/T 9704-2012 style. No domain imports.

The page: A4, margins top 37 / bottom 35 / left 28 / right 26 mm (the 156 × 225 mm 版心); body in
仿宋_GB2312 3号 (16 pt); title 方正小标宋简体 2号 (22 pt) centred; level-1 headings 黑体, level-2
楷体_GB2312; 22 lines × 28 characters a page, by a document grid (`w:docGrid type="linesAndChars"`)
and an exact line pitch; page numbers "— n —" in 4号 宋体 from a PAGE field.

python-docx's `font.name` leaves East Asian text in the theme font (python-docx#1139), so every run
gets `w:rFonts/@w:eastAsia` written explicitly. No timestamps are written into the package's
properties, so the same content gives the same document text.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_1_FONT = "黑体"
HEADING_2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_PT = 16
TITLE_PT = 22
PAGE_NUMBER_PT = 14
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
TEXT_HEIGHT_MM = 297 - 37 - 35  # 225 mm
TEXT_WIDTH_MM = 210 - 28 - 26  # 156 mm
# 225 mm over 22 lines: the pitch in twentieths of a point (1 mm = 56.6929 twips).
LINE_PITCH_TWIPS = round(TEXT_HEIGHT_MM * 56.6929 / LINES_PER_PAGE)
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)


def _fonts(run: Run, east_asia: str, size_pt: float) -> None:
    run.font.size = Pt(size_pt)
    run.font.name = LATIN_FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


class OfficialDocument:
    """Build an official document paragraph by paragraph, then `to_bytes()`."""

    def __init__(self) -> None:
        self.document = Document()
        self._page()
        self._footer()

    def _page(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(35 - 7)  # the page number 7 mm below the 版心
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
        # Character pitch: 156 mm over 28 characters, as the extra over the 16 pt font in 1/4096 pt.
        char_pt = TEXT_WIDTH_MM * 72 / 25.4 / CHARS_PER_LINE
        grid.set(qn("w:charSpace"), str(round((char_pt - BODY_PT) * 4096)))
        normal = self.document.styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        normal.font.name = LATIN_FONT
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        props = self.document.core_properties
        props.created = props.modified = FIXED_TIME
        props.author = props.last_modified_by = ""
        props.revision = 1

    def _footer(self) -> None:
        paragraph = self.document.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _fonts(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        run = paragraph.add_run()
        _fonts(run, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
            if kind is None:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = text
                run._element.append(instr)
            else:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._element.append(char)
        _fonts(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)

    def _paragraph(
        self, text: str, font: str, size: float, *, indent: bool, align: WD_ALIGN_PARAGRAPH | None
    ) -> Paragraph:
        paragraph = self.document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH_TWIPS / 20)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(BODY_PT * 2)
        if align is not None:
            paragraph.alignment = align
        _fonts(paragraph.add_run(text), font, size)
        return paragraph

    def title(self, text: str) -> Paragraph:
        return self._paragraph(
            text, TITLE_FONT, TITLE_PT, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER
        )

    def addressee(self, text: str) -> Paragraph:
        return self._paragraph(text, BODY_FONT, BODY_PT, indent=False, align=None)

    def heading1(self, text: str) -> Paragraph:
        return self._paragraph(text, HEADING_1_FONT, BODY_PT, indent=True, align=None)

    def heading2(self, text: str) -> Paragraph:
        return self._paragraph(text, HEADING_2_FONT, BODY_PT, indent=True, align=None)

    def body(self, text: str) -> Paragraph:
        return self._paragraph(text, BODY_FONT, BODY_PT, indent=True, align=None)

    def blank(self) -> Paragraph:
        return self._paragraph("", BODY_FONT, BODY_PT, indent=False, align=None)

    def signature(self, issuer: str, dated: str) -> None:
        """Without a seal: the issuer two characters in from the right, the date below it."""
        for text in (issuer, dated):
            paragraph = self._paragraph(
                text, BODY_FONT, BODY_PT, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT
            )
            paragraph.paragraph_format.right_indent = Pt(BODY_PT * 2)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def document_text(content: bytes) -> str:
    """The text of a .docx's body (word/document.xml), paragraph by paragraph."""
    document = Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


def chinese_date(day: date) -> str:
    """2026年3月5日: the month and day not zero-padded (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"
