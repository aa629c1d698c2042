import io
import struct
import zipfile
from decimal import Decimal

import pytest
import xlsxwriter
import xlwt  # type: ignore[import-untyped]

from parkops.core.cells import CellKind, ColumnSpec, parse_column
from parkops.core.tabular import Limits, TableError, parse_header, read_table

SPECS = [
    ColumnSpec("name", "企业名称", kind=CellKind.NAME, required=True),
    ColumnSpec("year", "年度", kind=CellKind.YEAR, required=True),
    ColumnSpec("output", "工业产值", "万元", CellKind.DECIMAL),
    ColumnSpec("land", "用地面积", "亩", CellKind.DECIMAL, places=3),
]


def _xlsx(rows, merges=()) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("表1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    for merge in merges:
        sheet.merge_range(*merge)
    book.close()
    return buffer.getvalue()


def _values(table, key):
    spec = next(s for s in SPECS if s.key == key)
    return parse_column(spec, table.column(key))


def test_it_finds_the_header_below_title_rows_with_merged_and_two_row_headers() -> None:
    data = _xlsx(
        [
            [None],
            [None],
            [None, None, "经济指标"],
            [None, None, "工业产值(万元)", "用地面积（亩）"],
            ["甲公司", 2025, 100.5, 3],
        ],
        merges=[
            (0, 0, 0, 3, "2025 年企业数据汇总"),
            (2, 0, 3, 0, "企业名称"),
            (2, 1, 3, 1, "年度"),
        ],
    )
    table = read_table(data, "a.xlsx", SPECS)
    assert table.header_rows == (3, 4)
    assert table.columns == {"name": 0, "year": 1, "output": 2, "land": 3}
    assert table.row_numbers == [5]
    assert table.headers["output"].unit == "万元"
    assert _values(table, "output") == ([Decimal("100.50")], [])


def test_it_matches_headers_by_name_not_position_and_reports_unknown_and_missing() -> None:
    data = _xlsx([["用地面积/亩", "备注栏", "企业名称"], [2, "x", "乙公司"]])
    table = read_table(data, "b.xlsx", SPECS)
    assert table.columns == {"land": 0, "name": 2}
    assert table.unknown == ["备注栏"]
    assert [s.key for s in table.missing] == ["year"]


@pytest.mark.parametrize(
    ("text", "name", "unit"),
    [
        ("用地面积（亩）", "用地面积", "亩"),
        ("用地面积(亩)", "用地面积", "亩"),
        (" 用地\n面积 [亩] ", "用地面积", "亩"),
        ("厂房面积(平方米)", "厂房面积", "㎡"),
        ("税收（单位：元）", "税收", "元"),
        ("*企业名称", "企业名称", ""),
    ],
)
def test_it_splits_a_header_into_name_and_unit(text: str, name: str, unit: str) -> None:
    header = parse_header(text)
    assert (header.name, header.unit) == (name, unit)


def test_it_reads_numbers_as_written_in_real_files() -> None:
    spec = ColumnSpec("v", "值", kind=CellKind.DECIMAL)
    values = ["1,234.5", "１２３４．５", " 12 ", "—", "-", "/", "", None, 7.0, "3,000", "－"]
    parsed, problems = parse_column(spec, values)
    assert parsed == [
        Decimal("1234.50"), Decimal("1234.50"), Decimal("12.00"), None, None, None, None, None,
        Decimal("7.00"), Decimal("3000.00"), None,
    ]  # fmt: skip
    assert problems == []


def test_it_reports_text_negative_and_oversized_numbers_by_index() -> None:
    spec = ColumnSpec("v", "值", kind=CellKind.DECIMAL, max_digits=5)
    parsed, problems = parse_column(spec, ["abc", -1.0, "1000", 999.994])
    assert parsed == [None, None, None, Decimal("999.99")]
    assert problems == [
        (0, "not_a_number", {"value": "abc"}),
        (1, "negative", {}),
        (2, "too_large", {"value": "1000.00"}),
    ]


def test_it_normalises_names_years_choices_and_dates() -> None:
    name = ColumnSpec("n", "名称", kind=CellKind.NAME)
    assert parse_column(name, ["上海 甲 有限公司(漕泾) "])[0] == ["上海甲有限公司（漕泾）"]
    year = ColumnSpec("y", "年度", kind=CellKind.YEAR)
    assert parse_column(year, [2025.0, "２０２４年", "1999"]) == (
        [2025, 2024, None],
        [(2, "bad_year", {"value": "1999"})],
    )
    choice = ColumnSpec("c", "状态", kind=CellKind.CHOICE, choices={"在营": "operating"})
    assert parse_column(choice, ["在营 ", "operating", "停业"])[0] == [
        "operating",
        "operating",
        None,
    ]
    date = ColumnSpec("d", "日期", kind=CellKind.DATE)
    parsed, problems = parse_column(date, ["2024年3月1日", "2024/3/1", "昨天"])
    assert [str(d) for d in parsed] == ["2024-03-01", "2024-03-01", "None"]
    assert problems == [(2, "bad_date", {"value": "昨天"})]


def test_it_checks_credit_codes_once_per_distinct_code() -> None:
    spec = ColumnSpec("u", "统一社会信用代码", kind=CellKind.USCC)
    parsed, problems = parse_column(spec, ["91350200776049653a", "91350200776049653B"])
    assert parsed == ["91350200776049653A", None]
    assert problems[0][:2] == (1, "uscc")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_it_reads_csv_in_utf8_and_gbk(encoding: str) -> None:
    data = '说明：2025 年\n企业名称,年度,工业产值（万元）\n丙公司,2025,"1,200"\n'.encode(encoding)
    table = read_table(data, "c.csv", SPECS)
    assert table.row_numbers == [3]
    assert table.column("name") == ["丙公司"]
    assert _values(table, "output") == ([Decimal("1200.00")], [])


def test_it_reads_an_old_excel_xls_file() -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("数据")
    sheet.write_merge(0, 0, 0, 3, "2025 年企业数据（税务局）")
    for c, text in enumerate(["企业名称", "年度", "工业产值（万元）", "用地面积(亩)"]):
        sheet.write(1, c, text)
    for c, value in enumerate(["甲公司 ", 2025, "1,200.5", "—"]):
        sheet.write(2, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "税务局.xls", SPECS)
    assert table.columns == {"name": 0, "year": 1, "output": 2, "land": 3}
    assert table.row_numbers == [3]
    assert _values(table, "name") == (["甲公司"], [])
    assert _values(table, "output") == ([Decimal("1200.50")], [])
    assert _values(table, "land") == ([None], [])


def test_it_refuses_an_oversized_file_before_reading_it() -> None:
    with pytest.raises(TableError) as raised:
        read_table(b"x" * 2000, "big.xlsx", SPECS, Limits(max_bytes=1000))
    assert raised.value.code == "too_big"


def test_it_refuses_a_zip_bomb_by_its_uncompressed_size() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    data = buffer.getvalue()
    assert len(data) < 20_000
    with pytest.raises(TableError) as raised:
        read_table(data, "bomb.xlsx", SPECS, Limits(max_uncompressed_bytes=1_000_000))
    assert raised.value.code == "zip_bomb"
    assert raised.value.params == {"size_mb": 5, "limit_mb": 1}


def _understated(data: bytes, declared: int) -> bytes:
    """The archive with every member's uncompressed size rewritten as `declared`, in the local
    headers and in the central directory: what a crafted zip bomb does."""
    out = bytearray(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    central = data.index(b"PK\x01\x02")
    for info in archive.infolist():
        struct.pack_into("<I", out, info.header_offset + 22, declared)
    while central != -1:
        struct.pack_into("<I", out, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def test_it_refuses_a_zip_bomb_whose_directory_understates_its_size() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    data = _understated(buffer.getvalue(), 1000)
    assert [i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist()] == [1000]
    with pytest.raises(TableError) as raised:
        read_table(data, "bomb.xlsx", SPECS, Limits(max_uncompressed_bytes=1_000_000))
    assert raised.value.code == "zip_bomb"
    assert raised.value.params["limit_mb"] == 1


def test_a_real_workbook_passes_the_unpacking_check_with_its_true_size() -> None:
    data = _xlsx([["企业名称", "年度"], ["甲公司", 2025]])
    true_size = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    table = read_table(data, "a.xlsx", SPECS, Limits(max_uncompressed_bytes=true_size))
    assert table.row_numbers == [2]
    with pytest.raises(TableError) as raised:
        read_table(data, "a.xlsx", SPECS, Limits(max_uncompressed_bytes=true_size - 1))
    assert raised.value.code == "zip_bomb"


def test_it_refuses_too_many_rows_and_unreadable_files() -> None:
    rows = [["企业名称", "年度"]] + [[f"公司{i}", 2025] for i in range(30)]
    with pytest.raises(TableError) as raised:
        read_table(_xlsx(rows), "many.xlsx", SPECS, Limits(max_rows=5))
    assert raised.value.code == "too_many_rows"
    with pytest.raises(TableError) as raised:
        read_table(b"PK\x03\x04 not really", "broken.xlsx", SPECS)
    assert raised.value.code == "corrupt"
    with pytest.raises(TableError) as raised:
        read_table(b"abc", "notes.txt", SPECS)
    assert raised.value.code == "file_type"


def test_a_zip_behind_a_program_is_checked_too() -> None:
    """A self-extracting archive puts a program (MZ …) before its zip; readers open it anyway."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 5_000_000)
    data = b"MZ" + _understated(buffer.getvalue(), 1000)
    with pytest.raises(TableError) as raised:
        read_table(data, "sfx.xlsx", SPECS, Limits(max_uncompressed_bytes=1_000_000))
    assert raised.value.code == "zip_bomb"
    assert raised.value.params == {"size_mb": None, "limit_mb": 1}
