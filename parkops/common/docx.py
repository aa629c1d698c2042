"""A small writer of official documents (.docx) in the GB/T 9704-2012 style. No domain imports.

The page: A4, margins top 37 / bottom 35 / left 28 / right 26 mm (the 156 × 225 mm 版心); body in
仿宋_GB2312 3号 (16 pt); title 方正小标宋简体 2号 (22 pt) centred; level-1 headings 黑体, level-2
楷体_GB2312; 22 lines × 28 characters a page: exact line spacing at the pitch of a line grid
(`w:docGrid type="lines"`) and, in 3号 runs, a character spacing of −0.25 pt so that 28 characters
fill the 156 mm line. (A `linesAndChars` grid with a negative `charSpace` is what Word's own dialog
writes, but LibreOffice then gives each 16 pt character two cells of 15.8 pt: 14 a line.) Page numbers "— n —" in 4号 宋体 from a PAGE field, odd pages on the
right and even pages on the left (separate odd and even footers), each one character in.

python-docx's `font.name` leaves East Asian text in the theme font (python-docx#1139), and its
bundled template sends CJK text to MS Mincho (#1601), so the template's theme fonts are removed
and every run and style gets `w:rFonts/@w:eastAsia` written explicitly. Each paragraph carries a
style named for its role ("GW Body", "GW Heading 1" …) so that `docx_check` can read the document
back and compare every paragraph with what its role requires (`docx_format.ROLES`). No timestamps are
written into the package's properties, so the same content gives the same document text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from parkops.common.docx_format import (
    BODY_FONT,
    BODY_PT,
    CHAR_SPACING_TWIPS,
    FIXED_TIME,
    FOOTER_DISTANCE_MM,
    HEADING_1_FONT,
    HEADING_2_FONT,
    LATIN_FONT,
    LINE_PITCH_TWIPS,
    MASTHEAD_PT,
    PAGE_NUMBER_FONT,
    PAGE_NUMBER_PT,
    RED,
    ROLES,
    SMALL_PT,
    TEXT_WIDTH_TWIPS,
    TITLE_FONT,
    TITLE_PT,
)
from parkops.common.docx_table import column_twips, grid_set

# What follows w:spacing inside w:rPr (ECMA-376 CT_RPr).
_AFTER_SPACING = tuple(
    f"w:{name}"
    for name in (  # noqa: SIM905
        "w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang "
        "eastAsianLayout specVanish oMath"
    ).split()
)


def _fonts(run: Run, east_asia: str, size_pt: float) -> None:
    run.font.size = Pt(size_pt)
    run.font.name = LATIN_FONT
    properties = run._element.get_or_add_rPr()
    fonts = properties.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    if size_pt == BODY_PT:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
        properties.insert_element_before(spacing, *_AFTER_SPACING)


def character_spacing(run_element: Any) -> int | None:
    """A run's own character spacing in twips (`w:rPr/w:spacing/@w:val`), None when unset."""
    found = run_element.find(qn("w:rPr") + "/" + qn("w:spacing"))
    return None if found is None else int(found.get(qn("w:val")))


# What follows w:pBdr inside w:pPr (ECMA-376 CT_PPrBase), so that the border goes in its place.
_AFTER_PBDR = tuple(
    f"w:{name}"
    for name in (  # noqa: SIM905
        "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct "
        "autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
        "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
        "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ).split()
)


_AFTER_SNAP = _AFTER_PBDR[_AFTER_PBDR.index("w:snapToGrid") + 1 :]


def _border(paragraph: Paragraph, side: str, size_eighths: int, colour: str) -> None:
    properties = paragraph._p.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.insert_element_before(borders, *_AFTER_PBDR)
    line = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size_eighths)), ("space", "1")):
        line.set(qn(f"w:{key}"), value)
    line.set(qn("w:color"), colour)
    borders.append(line)


class OfficialDocument:
    """Build an official document paragraph by paragraph, then `to_bytes()`."""

    def __init__(self) -> None:
        self.document = Document()
        self._template()
        self._page()
        self._footers()

    def _template(self) -> None:
        """Our own template over python-docx's: no theme fonts, eastAsia on every style used."""
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            for fonts in defaults.iter(qn("w:rFonts")):
                for key in list(fonts.attrib):
                    if key.endswith("Theme"):
                        del fonts.attrib[key]
                fonts.set(qn("w:eastAsia"), BODY_FONT)
                fonts.set(qn("w:ascii"), LATIN_FONT)
                fonts.set(qn("w:hAnsi"), LATIN_FONT)
        normal = self.document.styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        normal.font.name = LATIN_FONT
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
        for role in ROLES.values():
            style = self.document.styles.add_style(role.style, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = normal
            style.font.size = Pt(role.size_pt)
            style.font.name = LATIN_FONT
            fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), min(role.fonts))

    def _page(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(FOOTER_DISTANCE_MM)
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
        props = self.document.core_properties
        props.created = props.modified = FIXED_TIME
        props.author = props.last_modified_by = ""
        props.revision = 1

    def _footers(self) -> None:
        """ "— n —" from a PAGE field: odd pages right-aligned, even pages left-aligned, one
        character in from the edge of the 版心."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        for footer, align in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = self.document.styles["GW Page Number"]
            paragraph.alignment = align
            fmt = paragraph.paragraph_format
            fmt.left_indent = Pt(SMALL_PT) if align == WD_ALIGN_PARAGRAPH.LEFT else None
            fmt.right_indent = Pt(SMALL_PT) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
            _fonts(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
            run = paragraph.add_run()
            _fonts(run, PAGE_NUMBER_FONT, PAGE_NUMBER_PT)
            for kind, text in (
                ("begin", None),
                (None, " PAGE "),
                ("separate", None),
                ("end", None),
            ):
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
        self,
        text: str,
        font: str,
        size: float,
        *,
        indent: bool,
        align: WD_ALIGN_PARAGRAPH | None,
        style: str = "GW Body",
    ) -> Paragraph:
        paragraph = self.document.add_paragraph(style=self.document.styles[style])
        fmt = paragraph.paragraph_format
        if ROLES[style].exact_lines:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(LINE_PITCH_TWIPS / 20)
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = Pt(BODY_PT * 2)
        if align is not None:
            paragraph.alignment = align
        _fonts(paragraph.add_run(text), font, size)
        return paragraph

    # --- the 报头 of a 简报 ---------------------------------------------------------------------
    def masthead(self, name: str, issue: str, issuer: str, dated: str) -> None:
        """The 简报's name in red, its issue number, then the issuer and the date above a red
        line as wide as the 版心."""
        centre = WD_ALIGN_PARAGRAPH.CENTER
        head = self._paragraph(
            name, TITLE_FONT, MASTHEAD_PT, indent=False, align=centre, style="GW Masthead"
        )
        head.runs[0].font.color.rgb = RED
        self._paragraph(issue, BODY_FONT, BODY_PT, indent=False, align=centre, style="GW Issue")
        line = self._paragraph(
            issuer, BODY_FONT, BODY_PT, indent=False, align=None, style="GW Banner Line"
        )
        line.paragraph_format.tab_stops.add_tab_stop(
            Pt(TEXT_WIDTH_TWIPS / 20), WD_TAB_ALIGNMENT.RIGHT
        )
        _fonts(line.add_run("\t" + dated), BODY_FONT, BODY_PT)
        _border(line, "bottom", 18, "C00000")

    def title(self, text: str) -> Paragraph:
        return self._paragraph(
            text,
            TITLE_FONT,
            TITLE_PT,
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            style="GW Title",
        )

    def addressee(self, text: str) -> Paragraph:
        return self._paragraph(
            text, BODY_FONT, BODY_PT, indent=False, align=None, style="GW Addressee"
        )

    def heading1(self, text: str) -> Paragraph:
        return self._paragraph(
            text, HEADING_1_FONT, BODY_PT, indent=True, align=None, style="GW Heading 1"
        )

    def heading2(self, text: str) -> Paragraph:
        return self._paragraph(
            text, HEADING_2_FONT, BODY_PT, indent=True, align=None, style="GW Heading 2"
        )

    def body(self, text: str) -> Paragraph:
        return self._paragraph(text, BODY_FONT, BODY_PT, indent=True, align=None)

    def blank(self) -> Paragraph:
        return self._paragraph("", BODY_FONT, BODY_PT, indent=False, align=None, style="GW Blank")

    def signature(self, issuer: str, dated: str) -> None:
        """Without a seal: the issuer two characters in from the right, the date below it."""
        for text in (issuer, dated):
            paragraph = self._paragraph(
                text,
                BODY_FONT,
                BODY_PT,
                indent=False,
                align=WD_ALIGN_PARAGRAPH.RIGHT,
                style="GW Signature",
            )
            paragraph.paragraph_format.right_indent = Pt(BODY_PT * 2)

    # --- tables and figures -------------------------------------------------------------------
    def table(
        self,
        header: list[str],
        rows: list[list[str]],
        *,
        widths: list[float] | None = None,
        fit: Sequence[int] = (),
    ) -> None:
        """A ruled table across the 版心: the header row in 黑体, the cells in 仿宋, both 4号,
        single-spaced and off the line grid (a cell's lines need not keep the body's pitch).
        A column in `fit` is as wide as its widest cell, so that none of them wraps; the others
        share the rest by `widths` (equal when not given). docx_table writes the grid."""
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        grid_set(
            table,
            column_twips(
                list(zip(header, *rows, strict=True)),
                total=TEXT_WIDTH_TWIPS,
                shares=widths or [1.0] * len(header),
                fit=fit,
                size_pt=SMALL_PT,
            ),
        )
        for r, values in enumerate([header, *rows]):
            for c, value in enumerate(values):
                paragraph = table.cell(r, c).paragraphs[0]
                paragraph.style = self.document.styles["GW Table"]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                fmt = paragraph.paragraph_format
                fmt.space_before = fmt.space_after = Pt(0)
                snap = OxmlElement("w:snapToGrid")
                snap.set(qn("w:val"), "0")
                paragraph._p.get_or_add_pPr().insert_element_before(snap, *_AFTER_SNAP)
                font = HEADING_1_FONT if r == 0 else BODY_FONT
                _fonts(paragraph.add_run(value), font, SMALL_PT)

    def figure(self, png: bytes, caption: str, *, width_mm: float = 140) -> None:
        """A picture centred in its own paragraph (normal line spacing, so it is not clipped),
        with its caption below."""
        paragraph = self.document.add_paragraph(style=self.document.styles["GW Figure"])
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run()
        _fonts(run, BODY_FONT, BODY_PT)
        run.add_picture(io.BytesIO(png), width=Mm(width_mm))
        self._paragraph(
            caption,
            HEADING_2_FONT,
            SMALL_PT,
            indent=False,
            align=WD_ALIGN_PARAGRAPH.CENTER,
            style="GW Caption",
        )

    # --- the 版记 ------------------------------------------------------------------------------
    def imprint(self, *, copies_to: str, issuer: str, dated: str) -> None:
        """抄送 and 印发 in 4号 仿宋, one character in on each side, between rules (GB/T 9704 7.4)."""
        one = Pt(SMALL_PT)
        copies = self._paragraph(
            f"抄送：{copies_to}。",
            BODY_FONT,
            SMALL_PT,
            indent=False,
            align=None,
            style="GW Imprint",
        )
        copies.paragraph_format.left_indent = copies.paragraph_format.right_indent = one
        _border(copies, "top", 8, "000000")
        printed = self._paragraph(
            issuer, BODY_FONT, SMALL_PT, indent=False, align=None, style="GW Imprint"
        )
        printed.paragraph_format.left_indent = printed.paragraph_format.right_indent = one
        printed.paragraph_format.tab_stops.add_tab_stop(
            Pt(TEXT_WIDTH_TWIPS / 20 - 2 * SMALL_PT), WD_TAB_ALIGNMENT.RIGHT
        )
        _fonts(printed.add_run(f"\t{dated}印发"), BODY_FONT, SMALL_PT)
        _border(printed, "top", 4, "000000")
        _border(printed, "bottom", 8, "000000")

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def document_text(content: bytes) -> str:
    """The text of a .docx's body (word/document.xml): its paragraphs, then its tables' cells."""
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.extend(" | ".join(cell.text for cell in row.cells) for row in table.rows)
    return "\n".join(lines)


def chinese_date(day: date) -> str:
    """2026年3月5日: the month and day not zero-padded (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"
