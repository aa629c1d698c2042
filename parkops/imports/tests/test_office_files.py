"""Files as park offices really send them (issue 14): each one stored wrong, crashed or misled
before. Every file is generated here."""

from __future__ import annotations

import io
import resource
import time
import zipfile
from decimal import Decimal
from typing import Any

import pytest
import xlsxwriter
import xlwt  # type: ignore[import-untyped]
from django.contrib.auth.models import User

from parkops.imports.services import import_file
from parkops.imports.tests.files import FIGURES_HEADER, csv_bytes, xlsx
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot
from parkops.registry.tests.factories import EnterpriseFactory, LandPlotFactory

pytestmark = pytest.mark.django_db


def _book(sheets: list[tuple[str, list[list[Any]], bool]], percent: tuple[int, int] | None = None):
    """A workbook of (name, rows, hidden) sheets; `percent` formats one cell of the first."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    pct = book.add_format({"num_format": "0.00%"})
    for n, (name, rows, hidden) in enumerate(sheets):
        out = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if n == 0 and percent == (r, c):
                    out.write_number(r, c, value, pct)
                elif isinstance(value, str) and value.startswith("="):
                    out.write_formula(r, c, value, None, "#DIV/0!" if "/0" in value else 0)
                else:
                    out.write(r, c, value)
        if hidden:
            out.hide()
    # Excel cannot show a hidden sheet as the active one: the first visible is active.
    book.worksheets()[[hidden for _n, _r, hidden in sheets].index(False)].activate()
    book.close()
    return buffer.getvalue()


def _run(data: bytes, user: User, kind: str = "figures", name: str = "a.xlsx"):
    return import_file(kind=kind, data=data, file_name=name, user=user)


def _errors(plan) -> list[str]:
    return [str(e) for e in plan.errors]


def test_it_refuses_yuan_stated_in_a_title_row(alice: User) -> None:
    e = EnterpriseFactory()
    rows = [
        ["2022年企业主要经济指标（金额单位：元）"],
        ["统一社会信用代码", "企业名称", "年度", "工业产值", "用地面积（亩）"],
        [e.uscc, e.name, 2025, 8208000, 3],
    ]
    batch, plan = _run(xlsx(rows), alice)
    assert batch is None
    assert _errors(plan) == ["「工业产值」的单位是“元”，应为“万元”，请换算后再导入"]
    assert EnterpriseYear.objects.count() == 0


def test_it_refuses_yuan_stated_in_a_group_header_or_a_units_row(alice: User) -> None:
    e = EnterpriseFactory()
    group = [
        ["统一社会信用代码", "企业名称", "年度", "经济指标（单位：元）", None],
        [None, None, None, "工业产值", "税收"],
        [e.uscc, e.name, 2025, 8208000, 100],
    ]
    data = xlsx(group, merges=[(0, 3, 0, 4, "经济指标（单位：元）"), (0, 0, 1, 0, "统一社会信用代码"),
                               (0, 1, 1, 1, "企业名称"), (0, 2, 1, 2, "年度")])  # fmt: skip
    _batch, plan = _run(data, alice)
    assert _errors(plan) == [
        "「工业产值」的单位是“元”，应为“万元”，请换算后再导入",
        "「税收」的单位是“元”，应为“万元”，请换算后再导入",
    ]
    units = [
        ["统一社会信用代码", "企业名称", "年度", "工业产值", "用地面积"],
        ["计量单位", None, None, "元", "亩"],
        [e.uscc, e.name, 2025, 8208000, 3],
    ]
    _batch, plan = _run(xlsx(units), alice)
    assert _errors(plan) == ["「工业产值」的单位是“元”，应为“万元”，请换算后再导入"]
    units[1][3] = "万元"
    batch, plan = _run(xlsx(units), alice)
    assert plan.errors == []
    assert batch is not None
    assert batch.added == 1
    assert EnterpriseYear.objects.get().output_value == Decimal("8208000.00")


def test_a_this_year_and_last_year_sub_header_reads_this_year(alice: User) -> None:
    e = EnterpriseFactory()
    rows = [
        ["统一社会信用代码", "企业名称", "年度", "工业产值（万元）", None],
        [None, None, None, "本年", "上年同期"],
        [e.uscc, e.name, 2025, 820.8, 700],
    ]
    data = xlsx(rows, merges=[(0, 3, 0, 4, "工业产值（万元）")])
    batch, plan = _run(data, alice)
    assert plan.errors == []
    assert batch is not None
    assert batch.added == 1
    assert EnterpriseYear.objects.get().output_value == Decimal("820.80")


def test_a_hidden_sheet_is_never_read_and_the_preview_names_the_sheet(alice: User) -> None:
    e = EnterpriseFactory()
    header = list(FIGURES_HEADER)
    hidden = ("旧数据", [header, [e.uscc, e.name, 2025, 1, 1, 1], [e.uscc, e.name, 2024, 1, 1, 1]])
    visible = ("本年", [header, [e.uscc, e.name, 2025, 500, 20, 3]])
    batch, plan = _run(_book([(*hidden, True), (*visible, False)]), alice)
    assert plan.errors == []
    assert batch is not None
    assert plan.sheet == "本年"
    assert EnterpriseYear.objects.get().output_value == Decimal("500.00")
    _batch, plan = _run(_book([(*hidden, True), ("封面", [["说明"]], False)]), alice)
    assert _errors(plan) == [
        "数据在隐藏的工作表「旧数据」中；隐藏的工作表不会导入，请取消隐藏后再导入"
    ]


def test_two_visible_sheets_with_data_are_refused_by_name(alice: User) -> None:
    a, b = EnterpriseFactory(), EnterpriseFactory()
    header = list(FIGURES_HEADER)
    first = ("一季度", [header, [a.uscc, a.name, 2025, 1, 1, 1]], False)
    second = ("二季度", [header, [b.uscc, b.name, 2025, 2, 2, 2]], False)
    batch, plan = _run(_book([first, second]), alice)
    assert batch is None
    assert _errors(plan) == [
        "工作表「一季度」「二季度」都有这类数据；请合并到一个工作表，或分成多个文件导入"
    ]


def test_a_percent_formatted_building_coefficient_is_read_as_percent(alice: User) -> None:
    rows = [
        ["地块名称", "占地面积（亩）", "建筑系数（%）"],
        ["甲地块", 20, 0.455],
        ["乙地块", 10, 45.5],
    ]
    batch, plan = _run(_book([("地块", rows, False)], percent=(1, 2)), alice, kind="plots")
    assert plan.errors == []
    assert batch is not None
    stored = dict(LandPlot.objects.values_list("name", "building_coefficient"))
    assert stored == {"甲地块": Decimal("45.50"), "乙地块": Decimal("45.50")}


def test_total_and_signature_rows_are_skipped_with_a_notice(alice: User) -> None:
    rows = [
        ["企业名称", "统一社会信用代码"],
        ["上海甲有限公司", ""],
        ["上海乙有限公司", ""],
        ["合计：2 家", ""],
        ["填表人：张三  审核人：李四  填报日期：2025-01-05", ""],
    ]
    batch, plan = _run(xlsx(rows), alice, kind="enterprises")
    assert plan.errors == []
    assert batch is not None
    assert batch.added == 2
    assert sorted(Enterprise.objects.values_list("name", flat=True)) == [
        "上海乙有限公司", "上海甲有限公司",
    ]  # fmt: skip
    assert [str(w) for w in plan.warnings] == [
        "第 4 行：“合计：2 家”是合计、签名或说明行，已跳过",
        "第 5 行：“填表人：张三  审核人：李四  填报日期：2025-01-0”是合计、签名或说明行，已跳过",
    ]


def test_two_columns_for_one_field_are_refused(alice: User) -> None:
    e = EnterpriseFactory()
    rows = [
        ["统一社会信用代码", "企业名称", "年度", "主营业务收入（万元）", "营业收入（万元）"],
        [e.uscc, e.name, 2025, 1500, 2500],
    ]
    batch, plan = _run(xlsx(rows), alice)
    assert batch is None
    assert _errors(plan) == [
        "「主营业务收入（万元）」「营业收入（万元）」对应同一项数据，无法确定用哪一列；"
        "请删除其中一列后再导入"
    ]


def test_error_values_and_uncalculated_formulas_are_errors_by_cell(alice: User) -> None:
    e, f = EnterpriseFactory(), EnterpriseFactory()
    rows = [
        list(FIGURES_HEADER),
        [e.uscc, e.name, 2025, "=1/0", 1, 1],
        [f.uscc, f.name, 2025, 5, "=D2*2", 1],
    ]
    data = _book([("数据", rows, False)])
    # xlsxwriter stores 0 as a formula's result; a file saved by a program that does not
    # calculate has none.
    data = _rewrite(data, "xl/worksheets/sheet1.xml", b"<f>D2*2</f><v>0</v>", b"<f>D2*2</f>")
    batch, plan = _run(data, alice)
    assert batch is None
    assert _errors(plan) == [
        "第 2 行「工业产值（万元）」是错误值 #DIV/0!，请在 Excel 中更正后再导入",
        "第 3 行「税收（万元）」是没有计算结果的公式，请在 Excel 中打开并保存后再导入",
    ]


def _rewrite(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == member:
                assert old in content
                content = content.replace(old, new)
            target.writestr(info.filename, content)
    return out.getvalue()


def test_absurd_integers_are_refused(alice: User) -> None:
    e = EnterpriseFactory()
    rows = [
        ["统一社会信用代码", "企业名称", "年度", "从业人员（人）"],
        [e.uscc, e.name, 2025, 1e12],
    ]
    batch, plan = _run(xlsx(rows), alice)
    assert batch is None
    assert _errors(plan) == ["第 2 行「从业人员（人）」数值过大：1,000,000,000,000"]
    rows[1][3] = 1e19
    _batch, plan = _run(csv_bytes(rows), alice, name="a.csv")
    assert _errors(plan) == ["第 2 行「从业人员（人）」数值过大：10,000,000,000,000,000,000"]


def test_huge_and_infinite_numbers_are_cell_errors(alice: User) -> None:
    e = EnterpriseFactory()
    rows = [list(FIGURES_HEADER), [e.uscc, e.name, 2025, "1e30", "inf", 1e300]]
    _batch, plan = _run(xlsx(rows), alice)
    assert _errors(plan) == [
        "第 2 行「工业产值（万元）」数值过大：1e+30",
        "第 2 行「税收（万元）」不是数字：“inf”",
        "第 2 行「用地面积（亩）」数值过大：1e+300",
    ]


def test_csv_with_a_long_field_and_mac_line_ends(alice: User) -> None:
    text = "企业名称,统一社会信用代码\r上海甲有限公司,\r" + "上海" + "乙" * 140_000 + ",\r"
    _batch, plan = _run(text.encode(), alice, kind="enterprises", name="a.csv")
    assert _errors(plan) == ["第 3 行「企业名称」超过 200 个字符"]


def test_an_xlsx_renamed_csv_says_what_it_is(alice: User) -> None:
    _batch, plan = _run(xlsx([["企业名称"], ["上海甲有限公司"]]), alice, "enterprises", "a.csv")
    assert _errors(plan) == [
        "这是 Excel 文件，但扩展名是 .csv；请把扩展名改回 .xlsx（或 .xls）后再导入"
    ]


def test_a_known_name_with_a_new_code_and_a_code_stored_as_number(alice: User) -> None:
    e = EnterpriseFactory(uscc=None)
    other = "91350200776049653A"
    rows = [
        ["统一社会信用代码", "企业名称", "年度"],
        [other, e.name, 2025],
        [9.13101e17, e.name, 2024],
    ]
    _batch, plan = _run(xlsx(rows), alice)
    assert _errors(plan) == [  # in row order
        f"第 2 行「统一社会信用代码」企业“{e.name}”已在企业名录中，但名录中没有信用代码；"
        "请先在企业名录中补填信用代码",
        "第 3 行「统一社会信用代码」是数字格式（9.13101e+17），Excel 已丢失信用代码的位数；"
        "请把该列设为文本后重新填写",
    ]


def test_a_bad_required_cell_is_reported_once(alice: User) -> None:
    e = EnterpriseFactory()
    _batch, plan = _run(xlsx([list(FIGURES_HEADER), [e.uscc, e.name, "abc", 1, 1, 1]]), alice)
    assert _errors(plan) == ["第 2 行「年度」应为 2000–2100 之间的年份：“abc”"]


def test_reimporting_a_file_with_dates_writes_nothing(alice: User) -> None:
    LandPlotFactory(name="甲地块")
    rows = [["地块名称", "出让合同签订日期"], ["甲地块", "2021-06-30"]]
    first, _plan = _run(xlsx(rows), alice, kind="plots")
    assert first is not None
    assert first.changed == 1
    history = LandPlot.history.count()
    second, _plan = _run(xlsx(rows), alice, kind="plots")
    assert second is not None
    assert (second.changed, second.unchanged) == (0, 1)
    assert LandPlot.history.count() == history


def _far_cell(row: int) -> bytes:
    """A 2-row sheet with one more cell at column XFD of `row`: a 16,384-column rectangle."""
    return _rewrite(
        xlsx([["企业名称", "x"], ["上海甲有限公司", "y"]]),
        "xl/worksheets/sheet1.xml",
        b'<c r="B2" t="s"><v>3</v></c></row>',
        b'<c r="B2" t="s"><v>3</v></c></row><row r="%d"><c r="XFD%d"><v>1</v></c></row>'
        % (row, row),
    )


def _far_xls() -> bytes:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("数据")
    sheet.write(0, 0, "企业名称")
    sheet.write(65535, 255, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _self_extracting_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 400_000_000)
    return b"MZ" + buffer.getvalue()


def test_the_worst_files_are_refused_quickly_and_in_little_memory(alice: User) -> None:
    cases = {
        "far.xlsx": _far_cell(200_000),
        "far-4000.xlsx": _far_cell(4_000),
        "far.xls": _far_xls(),
        "sfx.xlsx": _self_extracting_bomb(),
    }
    expected = {
        "far.xlsx": "工作表「数据」的范围是 200000 行 × 16384 列，超过可读取的大小；"
        "请删除表格以外的单元格（如远处的空格或格式）后再导入",
        "far-4000.xlsx": "工作表「数据」的范围是 4000 行 × 16384 列，超过可读取的大小；"
        "请删除表格以外的单元格（如远处的空格或格式）后再导入",
        "far.xls": "工作表「far.xls」的范围是 65536 行 × 256 列，超过可读取的大小；"
        "请删除表格以外的单元格（如远处的空格或格式）后再导入",
        "sfx.xlsx": "文件解压后约 381 MB，超过上限 300 MB，已拒绝（可能是压缩炸弹）",
    }
    for name, data in cases.items():
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        batch, plan = _run(data, alice, kind="enterprises", name=name)
        elapsed = time.perf_counter() - started
        grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        assert batch is None
        assert _errors(plan) == [expected[name]], name
        assert elapsed < 2, (name, elapsed)
        assert grown_mb < 300, (name, grown_mb)


def test_the_cli_and_the_api_ask_before_writing_an_absurd_amount(alice: User, tmp_path) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import CommandError, call_command

    from parkops.conftest import client_for

    e = EnterpriseFactory()
    data = xlsx([list(FIGURES_HEADER), [e.uscc, e.name, 2025, 820800000, 1, 1]])
    path = tmp_path / "元.xlsx"
    path.write_bytes(data)
    with pytest.raises(CommandError) as refused:
        call_command("import_data", "figures", str(path), stdout=io.StringIO())
    assert str(refused.value) == (
        "有 1 条提示（数值异常大），未写入任何数据；核对单位无误后加 --confirm 再导入"
    )
    client = client_for(alice)
    response = client.post("/api/imports/figures", {"file": SimpleUploadedFile("a.xlsx", data)})
    assert response.status_code == 422
    assert response.json()["detail"] == (
        "有数值异常大，未写入任何数据；核对单位无误后以 confirm=true 再导入"
    )
    assert EnterpriseYear.objects.count() == 0
    call_command("import_data", "figures", str(path), "--confirm", stdout=io.StringIO())
    assert EnterpriseYear.objects.get().output_value == Decimal("820800000.00")


def test_a_bomb_found_by_inflating_does_not_claim_a_size(alice: User) -> None:
    from parkops.core.tabular import TableError
    from parkops.imports.issues import file_message

    refused = TableError("zip_bomb", size_mb=None, limit_mb=300)
    assert file_message(refused) == "文件解压后超过上限 300 MB，已拒绝（可能是压缩炸弹）"
