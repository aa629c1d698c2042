"""The grid of an official document's table: fixed column widths across the 版心.

With a fixed layout, Word and LibreOffice place a table's columns by its grid (`w:tblGrid/
w:gridCol`), not by its cells' widths (`w:tcW`). python-docx writes an equal grid, so LibreOffice
drew the seven columns of the briefing's indicator table 22 mm wide each and broke every
indicator's name over four lines ("工业园区单位土地产出增长率" as 工业园/区单位/土地产/出增长/率).
Here the grid, every cell's width and the table's width are written alike, and a column can be
sized to its widest text so that none of its cells wraps. `grid_deviations` reads a table back
for the checker (parkops.common.docx_check). No domain imports.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Twips

CELL_MARGIN_TWIPS = 57  # 1 mm on each side of a cell's text (Word's default is 1.9 mm)


def text_twips(text: str, size_pt: float) -> int:
    """The width of one line of `text` at `size_pt`: a full-width (CJK) character is 1 em, any
    other character half of one (Times New Roman's digits and letters are at most that)."""
    em = size_pt * 20
    return round(sum(em if unicodedata.east_asian_width(c) in "WF" else em / 2 for c in text))


def column_twips(
    columns: Sequence[Sequence[str]],
    *,
    total: int,
    shares: Sequence[float],
    fit: Sequence[int] = (),
    size_pt: float,
) -> list[int]:
    """Each column's width in twips, summing to `total`. A column in `fit` is as wide as its
    widest text below the header (one character at least) plus the cell margins and half a
    character to spare (a wider header wraps: 序号 over two lines above one-digit numbers); the others share what is left
    by `shares`. Fitted columns wider than four fifths of the table
    are narrowed in proportion (their text then wraps, as it must)."""
    em = round(size_pt * 20)  # at least one character: a wrapped header's 序 / 号
    wanted = {c: max([em, *(text_twips(t, size_pt) for t in columns[c][1:])]) for c in fit}
    widths = {c: w + 2 * CELL_MARGIN_TWIPS + em // 2 for c, w in wanted.items()}
    limit = total * 4 // 5
    if sum(widths.values()) > limit:
        scale = limit / sum(widths.values())
        widths = {c: int(w * scale) for c, w in widths.items()}
    rest = [c for c in range(len(columns)) if c not in widths]
    left = total - sum(widths.values())
    share_sum = sum(shares[c] for c in rest) or 1.0
    for c in rest:
        widths[c] = int(left * shares[c] / share_sum)
    last = rest[-1] if rest else len(columns) - 1
    widths[last] += total - sum(widths.values())  # the rounding, to the last column
    return [widths[c] for c in range(len(columns))]


def _child(parent: Any, tag: str, before: Sequence[str]) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        successors = [parent.find(qn(name)) for name in before]
        anchor = next((e for e in successors if e is not None), None)
        if anchor is None:
            parent.append(found)
        else:
            anchor.addprevious(found)
    return found


def grid_set(table: Any, widths: Sequence[int]) -> None:
    """Write the widths into the grid, every cell and the table; a fixed layout; 1 mm margins."""
    properties = table._tbl.tblPr
    width = _child(properties, "w:tblW", ["w:jc", "w:tblLayout", "w:tblCellMar", "w:tblLook"])
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(widths)))
    layout = _child(properties, "w:tblLayout", ["w:tblCellMar", "w:tblLook"])
    layout.set(qn("w:type"), "fixed")
    margins = _child(properties, "w:tblCellMar", ["w:tblLook"])
    for side in ("w:left", "w:right"):
        margin = _child(margins, side, [])
        margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
    for column, twips in zip(table.columns, widths, strict=True):
        column.width = Twips(twips)
    for row in table.rows:
        for cell, twips in zip(row.cells, widths, strict=True):
            cell.width = Twips(twips)


def grid_deviations(table: Any, *, total: int) -> list[str]:
    """What keeps the table from a fixed grid across the 版心 (empty when none)."""
    found = []
    layout = table._tbl.tblPr.find(qn("w:tblLayout"))
    if layout is None or layout.get(qn("w:type")) != "fixed":
        found.append("layout is not fixed")
    grid = [int(col.get(qn("w:w")) or 0) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    if abs(sum(grid) - total) > len(grid):
        found.append(f"grid is {sum(grid)} twips wide, the 版心 {total}")
    for r, row in enumerate(table.rows, start=1):
        cells = [cell.width.twips if cell.width is not None else None for cell in row.cells]
        if cells != grid:
            found.append(f"row {r}: cell widths {cells} differ from the grid {grid}")
            break
    return found
