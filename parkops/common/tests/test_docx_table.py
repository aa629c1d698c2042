"""A table's grid: fitted columns as wide as their widest cell, the rest shared, the sum the 版心."""

from __future__ import annotations

import io

from docx import Document

from parkops.common.docx import OfficialDocument
from parkops.common.docx_format import SMALL_PT, TEXT_WIDTH_TWIPS
from parkops.common.docx_table import CELL_MARGIN_TWIPS, column_twips, grid_deviations, text_twips

NAME = "工业园区单位土地产出增长率"  # the longest indicator name: 13 characters


def test_text_width_counts_a_chinese_character_as_one_em_and_a_digit_as_half() -> None:
    assert text_twips(NAME, 14) == 13 * 280
    assert text_twips("12/16/18", 14) == 8 * 140
    assert text_twips("0～2（达确保）", 14) == 2 * 140 + 6 * 280


def test_a_fitted_column_holds_its_widest_cell_and_the_others_share_the_rest() -> None:
    columns = [["序号", "1", "8"], ["指标", NAME, "腾退低效用地"], ["实际", "暂无数据", "1"]]
    widths = column_twips(columns, total=8844, shares=[0, 0, 1.0], fit=[0, 1], size_pt=14)
    margins_and_spare = 2 * CELL_MARGIN_TWIPS + 140
    # 序号's header may wrap: the column is one character wide, for its one-digit numbers.
    assert widths == [280 + margins_and_spare, 13 * 280 + margins_and_spare, 8844 - 534 - 3894]
    assert sum(widths) == 8844


def test_fitted_columns_wider_than_the_page_are_narrowed_to_four_fifths() -> None:
    columns = [["甲", NAME * 3], ["乙", "1"]]
    widths = column_twips(columns, total=8844, shares=[0, 1.0], fit=[0], size_pt=14)
    assert widths == [8844 * 4 // 5, 8844 - 8844 * 4 // 5]


def test_the_written_table_has_its_grid_in_every_cell() -> None:
    doc = OfficialDocument()
    doc.table(["序号", "指标", "实际"], [["1", NAME, "暂无数据"]], widths=[0, 0, 1.0], fit=[0, 1])
    table = Document(io.BytesIO(doc.to_bytes())).tables[0]
    grid = [column.width.twips for column in table.columns]
    assert sum(grid) == TEXT_WIDTH_TWIPS
    assert grid[1] >= text_twips(NAME, SMALL_PT) + 2 * CELL_MARGIN_TWIPS
    assert grid_deviations(table, total=TEXT_WIDTH_TWIPS) == []
    assert [c.width.twips for c in table.rows[1].cells] == grid
