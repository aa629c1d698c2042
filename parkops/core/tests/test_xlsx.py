import zipfile

from python_calamine import CalamineWorkbook

from parkops.core.xlsx import xlsx_bytes


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
