import zipfile
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from parkops.core.xlsx import RowWriter, table_sheet, xlsx_bytes


def test_formula_like_text_is_stored_as_text() -> None:
    with xlsx_bytes() as (book, buffer):
        sheet = book.add_worksheet("表")
        for row, value in enumerate(["=1+1", "+86 21", "-2", "@SUM(A1)", 3.5]):
            sheet.write(row, 0, value)
    rows = CalamineWorkbook.from_filelike(buffer).get_sheet_by_index(0).to_python()
    assert [r[0] for r in rows] == ["=1+1", "+86 21", "-2", "@SUM(A1)", 3.5]
    buffer.seek(0)
    xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml


def test_a_table_sheet_has_its_title_headers_and_frozen_panes() -> None:
    with xlsx_bytes() as (book, buffer):
        sheet, first = table_sheet(book, "附件1" * 20, ["节点", "企业名称"], title="重点项目")
        sheet.write_row(first, 0, ["早开工", "=甲公司"])
    workbook = CalamineWorkbook.from_filelike(buffer)
    assert workbook.sheet_names == [("附件1" * 20)[:31]]
    assert workbook.get_sheet_by_index(0).to_python() == [
        ["重点项目", ""],
        ["节点", "企业名称"],
        ["早开工", "=甲公司"],
    ]
    buffer.seek(0)
    xml = zipfile.ZipFile(buffer).read("xl/worksheets/sheet1.xml").decode()
    assert '<mergeCell ref="A1:B1"/>' in xml
    assert 'ySplit="2"' in xml  # frozen below the header row


def _members(buffer: Any) -> dict[str, bytes]:
    """Every part of the file but its creation time."""
    with zipfile.ZipFile(buffer) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def _tricky_rows() -> list[list[Any]]:
    texts = [
        "甲公司", " leading", "trailing ", "a & b < c > d \"q\" 'x'", "_x0041_ escaped",
        "bell\x07char", "<r>looks rich</r>", "line\nbreak", "＝全角", "=1+1", "x" * 9000,
    ]  # fmt: skip
    numbers = [0.0, -0.0, 1.5, -2.25, 1e-7, 123456789.123456789, 1e20, 3.14159265358979, 7.0]
    rows: list[list[Any]] = []
    for i in range(60):
        rows.append(
            [
                i + 1,
                texts[i % len(texts)],
                None if i % 7 == 0 else numbers[i % len(numbers)],
                "" if i % 5 == 0 else f"园区{i % 3}",
                numbers[(i * 3) % len(numbers)] * (i + 1),
                -i,
                "x" * 9000 if i == 41 else None,  # near Excel's limit: through xlsxwriter
            ]
        )
    rows.append([None, "", None])  # an empty row: nothing written
    return rows


class _Counted(RowWriter):
    slow = 0

    def _slow(self, row: int, cells: Any) -> None:
        _Counted.slow += 1
        super()._slow(row, cells)


def _sheet_with(rows: list[list[Any]], *, fast: bool) -> dict[str, bytes]:
    with xlsx_bytes(constant_memory=True) as (book, buffer):
        head = book.add_format({"bold": True})
        num = book.add_format({"num_format": "#,##0.00"})
        sheet, first = table_sheet(book, "表", ["a", "b", "c", "d", "e", "f", "g"], widths=[8, 20])
        sheet.set_column(5, 5, 10, head)  # a column with its own format
        writer = _Counted(sheet, num)
        for r, cells in enumerate(rows, first):
            if fast:
                writer.write(r, cells)
            else:
                writer._slow(r, cells)
        sheet.write(first + len(rows) + 1, 0, "after", head)
        sheet.autofilter(0, 0, first + len(rows), 6)
    return _members(buffer)


def test_the_row_writer_writes_what_xlsxwriter_writes_byte_for_byte() -> None:
    _Counted.slow = 0
    fast = _sheet_with(_tricky_rows(), fast=True)
    assert _Counted.slow == 6  # the rows with a text of 9,000 characters; the rest written fast
    assert fast == _sheet_with(_tricky_rows(), fast=False)
    xml = fast["xl/worksheets/sheet1.xml"].decode()
    assert 'xml:space="preserve"' in xml
    assert "_x0007_" in xml
    assert "&amp;" in xml
    assert "<f>" not in xml  # text like a formula stays text


def test_the_row_writer_refuses_what_xlsxwriter_refuses() -> None:
    with xlsx_bytes(constant_memory=True) as (book, _buffer):
        sheet = book.add_worksheet("表")
        writer = RowWriter(sheet, book.add_format({"num_format": "0.00"}))
        with pytest.raises(TypeError):  # NaN as xlsxwriter refuses it, not a broken cell
            writer.write(1, [1.0, float("nan")])
        with pytest.raises(TypeError):  # and any type but float, int and str, as before
            writer.write(2, [1.0, True])
    with xlsx_bytes() as (book, buffer):  # a sheet held whole: xlsxwriter writes it
        RowWriter(book.add_worksheet("表"), book.add_format()).write(0, ["甲", 1.5])
    assert CalamineWorkbook.from_filelike(buffer).get_sheet_by_index(0).to_python() == [["甲", 1.5]]
