"""Read a generated .docx back and list where it departs from GB/T 9704-2012 as `docx.py` writes it.

Pure over python-docx (no Django): the page size and margins, the document grid, every paragraph's
role (its "GW …" style) with its fonts — the East-Asian font read from `w:rFonts/@w:eastAsia`, not
from `font.name` — sizes, first-line indent (two characters) and exact line spacing, and the page
numbers: a PAGE field between "— " and " —" in 4号, separate odd and even footers, odd pages right
and even pages left; each table on a fixed grid as wide as the 版心, its cells as wide as the grid. An empty list means the document conforms.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from parkops.common.docx import character_spacing
from parkops.common.docx_format import (
    BODY_PT,
    CHAR_SPACING_TWIPS,
    FOOTER_DISTANCE_MM,
    LINE_PITCH_TWIPS,
    MARGIN_TWIPS,
    PAGE_NUMBER_PT,
    PAGE_TWIPS,
    ROLES,
    TEXT_WIDTH_TWIPS,
)
from parkops.common.docx_table import grid_deviations

EMU_PER_TWIP = 635


@dataclass(frozen=True)
class Deviation:
    where: str  # "page", "paragraph 12", "odd footer" …
    what: str
    expected: str
    found: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what} expected {self.expected}, found {self.found}"


def _twips(length: int | None) -> int | None:
    return None if length is None else round(length / EMU_PER_TWIP)


def _page(document: Any) -> Iterable[Deviation]:
    for n, section in enumerate(document.sections, start=1):
        where = f"section {n}"
        size = (_twips(section.page_width), _twips(section.page_height))
        if size != PAGE_TWIPS:
            yield Deviation(where, "page size (twips)", str(PAGE_TWIPS), str(size))
        for side, expected in MARGIN_TWIPS.items():
            found = _twips(getattr(section, f"{side}_margin"))
            if found is None or abs(found - expected) > 1:
                yield Deviation(where, f"{side} margin (twips)", str(expected), str(found))
        footer = _twips(section.footer_distance)
        expected_footer = round(FOOTER_DISTANCE_MM * 1440 / 25.4)
        if footer is None or abs(footer - expected_footer) > 1:
            yield Deviation(where, "footer distance (twips)", str(expected_footer), str(footer))
        grid = section._sectPr.find(qn("w:docGrid"))
        pitch = None if grid is None else grid.get(qn("w:linePitch"))
        if pitch != str(LINE_PITCH_TWIPS):
            yield Deviation(where, "document grid line pitch", str(LINE_PITCH_TWIPS), str(pitch))


def _east_asia(run_element: Any) -> str | None:
    properties = run_element.find(qn("w:rPr"))
    fonts = None if properties is None else properties.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _paragraph(paragraph: Paragraph, where: str) -> Iterable[Deviation]:
    style = paragraph.style.name if paragraph.style is not None else ""
    role = ROLES.get(style)
    if role is None:
        yield Deviation(where, "paragraph role (style)", "a GW style", style)
        return
    where = f"{where} ({style})"
    fmt = paragraph.paragraph_format
    if role.exact_lines:
        spacing = (
            _twips(fmt.line_spacing) if fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY else None
        )
        if spacing != LINE_PITCH_TWIPS:
            yield Deviation(
                where, "exact line spacing (twips)", str(LINE_PITCH_TWIPS), str(spacing)
            )
    indent = _twips(fmt.first_line_indent)
    if (indent or None) != role.first_line_twips:
        yield Deviation(where, "first-line indent (twips)", str(role.first_line_twips), str(indent))
    for run in paragraph.runs:
        east_asia = _east_asia(run._element)
        if east_asia not in role.fonts:
            yield Deviation(where, "eastAsia font", "/".join(sorted(role.fonts)), str(east_asia))
        size = run.font.size.pt if run.font.size is not None else None
        if size != role.size_pt:
            yield Deviation(where, "font size (pt)", str(role.size_pt), str(size))
        if size == BODY_PT and character_spacing(run._element) != CHAR_SPACING_TWIPS:
            yield Deviation(
                where,
                "character spacing (twips, 28 a line)",
                str(CHAR_SPACING_TWIPS),
                str(character_spacing(run._element)),
            )
        colour = run.font.color.rgb if run.font.color.type is not None else None
        if colour is not None and str(colour) not in ("000000", "C00000"):
            yield Deviation(where, "text colour", "black (red in the 报头)", str(colour))


def _footer(footer: Any, where: str, align: WD_ALIGN_PARAGRAPH) -> Iterable[Deviation]:
    paragraphs = [p for p in footer.paragraphs if p.text or p._p.xpath(".//w:instrText")]
    if len(paragraphs) != 1:
        yield Deviation(where, "page-number paragraphs", "1", str(len(paragraphs)))
        return
    paragraph = paragraphs[0]
    fields = "".join(t.text or "" for t in paragraph._p.xpath(".//w:instrText"))
    if fields.strip() != "PAGE":
        yield Deviation(where, "page-number field", "PAGE", fields.strip() or "none")
    if paragraph.text.replace(" ", "") != "——":
        yield Deviation(where, "page-number text around the field", "— n —", paragraph.text)
    if paragraph.alignment != align:
        yield Deviation(where, "page-number alignment", str(align), str(paragraph.alignment))
    for run in paragraph.runs:
        size = run.font.size.pt if run.font.size is not None else None
        if size != PAGE_NUMBER_PT:
            yield Deviation(where, "page-number size (pt)", str(PAGE_NUMBER_PT), str(size))
        if _east_asia(run._element) is None:
            yield Deviation(where, "page-number eastAsia font", "set", "missing")


def _styles(document: Any) -> Iterable[Deviation]:
    normal = document.styles["Normal"]
    if _east_asia(normal.element) is None:
        yield Deviation("style Normal", "eastAsia font", "set", "missing")
    for name in ROLES:
        if (
            name in [s.name for s in document.styles]
            and _east_asia(document.styles[name].element) is None
        ):
            yield Deviation(f"style {name}", "eastAsia font", "set", "missing")


def check_docx(content: bytes) -> list[Deviation]:
    """Every deviation of the document from the official format, in reading order."""
    document = Document(io.BytesIO(content))
    found = [*_page(document), *_styles(document)]
    for n, paragraph in enumerate(document.paragraphs, start=1):
        found.extend(_paragraph(paragraph, f"paragraph {n}"))
    for t, table in enumerate(document.tables, start=1):
        for problem in grid_deviations(table, total=TEXT_WIDTH_TWIPS):
            found.append(Deviation(f"table {t}", "fixed grid across the 版心", "set", problem))
        for r, row in enumerate(table.rows, start=1):
            for c, cell in enumerate(row.cells, start=1):
                for paragraph in cell.paragraphs:
                    found.extend(_paragraph(paragraph, f"table {t} row {r} cell {c}"))
    if not document.settings.odd_and_even_pages_header_footer:
        found.append(Deviation("settings", "separate odd and even footers", "on", "off"))
    for n, section in enumerate(document.sections, start=1):
        found.extend(_footer(section.footer, f"section {n} odd footer", WD_ALIGN_PARAGRAPH.RIGHT))
        found.extend(
            _footer(section.even_page_footer, f"section {n} even footer", WD_ALIGN_PARAGRAPH.LEFT)
        )
    return found
