import zipfile

from python_calamine import CalamineWorkbook

from parkops.core.xlsx import table_sheet, xlsx_bytes


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
