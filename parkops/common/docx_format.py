"""The GB/T 9704-2012 page as numbers: fonts, sizes, margins, the line grid and what each
paragraph role must look like. `docx.py` writes documents to it and `docx_check.py` reads them
back against it, so the two can never disagree about the format. No imports beyond the stdlib
and python-docx's colour type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from docx.shared import RGBColor

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_1_FONT = "黑体"
HEADING_2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_PT = 16
TITLE_PT = 22
MASTHEAD_PT = 36  # 小初: the 简报's name in its 报头
SMALL_PT = 14  # 4号: page numbers, 版记, tables
PAGE_NUMBER_PT = SMALL_PT
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
PAGE_TWIPS = (11906, 16838)  # A4
MARGIN_TWIPS = {"top": 2098, "bottom": 1984, "left": 1588, "right": 1474}  # 37 / 35 / 28 / 26 mm
TEXT_HEIGHT_TWIPS = PAGE_TWIPS[1] - MARGIN_TWIPS["top"] - MARGIN_TWIPS["bottom"]  # 225 mm
TEXT_WIDTH_TWIPS = PAGE_TWIPS[0] - MARGIN_TWIPS["left"] - MARGIN_TWIPS["right"]  # 156 mm
# 225 mm over 22 lines, rounded down so that 22 exact lines always fit in the 版心.
LINE_PITCH_TWIPS = TEXT_HEIGHT_TWIPS // LINES_PER_PAGE
INDENT_TWIPS = BODY_PT * 2 * 20  # two characters of 3号
# 28 characters of 3号 (320 twips each) are 8960 twips, wider than the 8844-twip line: each gives
# up 5 twips (0.25 pt), so 28 fit (8820) and a 29th does not.
CHAR_SPACING_TWIPS = -5
# The page number's top 7 mm below the 版心: the footer's distance from the page's foot is the
# bottom margin less 7 mm less the 4号 line (14 pt, about 5 mm). A footer reaching higher makes
# LibreOffice shrink the body area (21 lines a page).
FOOTER_DISTANCE_MM = 35 - 7 - 5
RED = RGBColor(0xC0, 0x00, 0x00)
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Role:
    """What a paragraph of one role must look like (read back by docx_check)."""

    style: str
    fonts: frozenset[str]
    size_pt: float
    first_line_twips: int | None  # None: no first-line indent
    exact_lines: bool = True  # exact line spacing at the page's pitch


_BODY = frozenset({BODY_FONT})
ROLES: dict[str, Role] = {
    r.style: r
    for r in (
        Role("GW Masthead", frozenset({TITLE_FONT}), MASTHEAD_PT, None, exact_lines=False),
        Role("GW Issue", _BODY, BODY_PT, None),
        Role("GW Banner Line", _BODY, BODY_PT, None),
        Role("GW Title", frozenset({TITLE_FONT}), TITLE_PT, None),
        Role("GW Addressee", _BODY, BODY_PT, None),
        Role("GW Heading 1", frozenset({HEADING_1_FONT}), BODY_PT, INDENT_TWIPS),
        Role("GW Heading 2", frozenset({HEADING_2_FONT}), BODY_PT, INDENT_TWIPS),
        Role("GW Body", _BODY, BODY_PT, INDENT_TWIPS),
        Role("GW Blank", _BODY, BODY_PT, None),
        Role("GW Signature", _BODY, BODY_PT, None),
        Role("GW Table", frozenset({BODY_FONT, HEADING_1_FONT}), SMALL_PT, None, exact_lines=False),
        Role("GW Figure", _BODY, BODY_PT, None, exact_lines=False),
        Role("GW Caption", frozenset({HEADING_2_FONT}), SMALL_PT, None),
        Role("GW Imprint", _BODY, SMALL_PT, None),
        Role("GW Page Number", frozenset({PAGE_NUMBER_FONT}), PAGE_NUMBER_PT, None),
    )
}
