from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.test import override_settings

from parkops.imports.choices import BatchStatus
from parkops.imports.models import ImportBatch
from parkops.imports.services import ImportRefused, import_file, import_undo
from parkops.imports.tests.files import FIGURES_HEADER, csv_bytes, xls, xlsx
from parkops.registry.models import Enterprise, EnterpriseYear, LandPlot, SmallPark
from parkops.registry.services import enterprise_update
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory

pytestmark = pytest.mark.django_db


def _figures(enterprises, output=3000.0, tax=150.0, land=10.0):
    return [list(FIGURES_HEADER)] + [[e.uscc, e.name, 2025, output, tax, land] for e in enterprises]


def _run(rows, alice, kind="figures", name="年度数据.xlsx", **kwargs):
    return import_file(kind=kind, data=xlsx(rows), file_name=name, user=alice, **kwargs)


def test_it_imports_figures_with_history_and_a_recorded_batch(alice: User) -> None:
    a, b = EnterpriseFactory(), EnterpriseFactory()
    batch, plan = _run(_figures([a, b], output=3200.5, tax=186.2, land=12.5), alice)
    assert plan.errors == []
    assert batch is not None
    year = EnterpriseYear.objects.get(enterprise=a, year=2025)
    assert (year.output_value, year.tax, year.land_mu) == (
        Decimal("3200.50"), Decimal("186.20"), Decimal("12.500"),
    )  # fmt: skip
    assert year.source == "import"
    assert (batch.added, batch.changed, batch.unchanged, batch.rows_total) == (2, 0, 0, 2)
    assert batch.user == alice
    assert batch.file_name == "年度数据.xlsx"
    assert len(batch.file_hash) == 64
    record = year.history.get()
    assert (record.history_type, record.history_user_id) == ("+", alice.pk)
    assert record.history_change_reason == f"导入批次 #{batch.pk}（年度数据.xlsx）"
    assert record.output_value == Decimal("3200.50")


def test_a_repeated_import_changes_nothing(alice: User) -> None:
    enterprises = EnterpriseFactory.create_batch(3)
    _run(_figures(enterprises), alice)
    history = EnterpriseYear.history.count()
    updated = list(EnterpriseYear.objects.values_list("updated_at", flat=True))
    batch, _plan = _run(_figures(enterprises), alice)
    assert (batch.added, batch.changed, batch.unchanged) == (0, 0, 3)
    assert EnterpriseYear.history.count() == history
    assert list(EnterpriseYear.objects.values_list("updated_at", flat=True)) == updated


def test_one_bad_row_among_many_writes_nothing_and_names_the_row(alice: User) -> None:
    enterprises = EnterpriseFactory.create_batch(40)
    rows = _figures(enterprises)
    rows[0][5] = "用地面积(亩)"
    rows[37][5] = -3
    batch, plan = _run(rows, alice)
    assert batch is None
    assert [str(e) for e in plan.errors] == ["第 38 行「用地面积(亩)」不能为负数"]
    assert EnterpriseYear.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def test_it_changes_only_what_differs_and_blank_keeps_the_stored_value(alice: User) -> None:
    year = EnterpriseYearFactory(output_value=Decimal("3000"), tax=Decimal("150"))
    e = year.enterprise
    rows = [FIGURES_HEADER, [e.uscc, e.name, 2025, 3000, "—", 11]]
    batch, _plan = _run(rows, alice)
    year.refresh_from_db()
    assert (batch.changed, year.tax, year.land_mu) == (1, Decimal("150.00"), Decimal("11.000"))
    assert year.history.filter(history_type="~").get().history_change_reason.startswith("导入批次")


def test_it_rejects_unknown_enterprises_bad_codes_duplicates_and_other_units(alice: User) -> None:
    known = EnterpriseFactory(name="上海已知有限公司")
    rows = [
        ["统一社会信用代码", "企业名称", "年度", "税收（元）"],
        ["", "上海未知有限公司", 2025, 1],
        ["91350200776049653B", "", 2025, 1],
        [known.uscc, "", 2025, 1],
        ["", "上海已知有限公司", 2025, 1],
    ]
    _batch, plan = _run(rows, alice)
    assert [str(e) for e in plan.errors] == [
        "「税收（元）」的单位是“元”，应为“万元”，请换算后再导入",
    ]
    rows[0][3] = "税收（万元）"
    _batch, plan = _run(rows, alice)
    assert [str(e) for e in plan.errors] == [  # in row order
        "第 2 行「企业名称」“上海未知有限公司”不在企业名录中，请先导入企业名录",
        "第 3 行「统一社会信用代码」统一社会信用代码第 18 位（校验码）应为“A”，实际为“B”",
        "第 5 行：与第 4 行重复",
    ]
    assert EnterpriseYear.objects.count() == 0


def test_suspicious_values_are_warnings_and_the_file_still_imports(alice: User) -> None:
    e = EnterpriseFactory()
    rows = [FIGURES_HEADER, [e.uscc, e.name, 2025, 100, 300, 0]]
    batch, plan = _run(rows, alice)
    assert batch is not None
    assert [str(w) for w in plan.warnings] == [
        "第 2 行「税收（万元）」税收 300.00 万元高于工业产值 100.00 万元，请核对",
        "第 2 行「用地面积（亩）」用地面积为 0 但有税收 300.00 万元，请核对用地或租用面积",
    ]


def test_zero_overwrites_and_a_blank_column_keeps_the_stored_values(alice: User) -> None:
    stored = EnterpriseYearFactory(tax=Decimal("150"), note="核实过")
    e = stored.enterprise
    rows = [
        ["统一社会信用代码", "企业名称", "年度", "税收（万元）", "用地面积（亩）", "备注"],
        [e.uscc, e.name, 2025, 0, "", ""],
    ]
    batch, _plan = _run(rows, alice)
    stored.refresh_from_db()
    assert (stored.tax, stored.land_mu, stored.note) == (
        Decimal("0.00"),
        Decimal("10.000"),
        "核实过",
    )
    assert (batch.added, batch.changed, batch.unchanged) == (0, 1, 0)


def test_the_rules_read_a_blank_cell_as_the_stored_value(alice: User) -> None:
    low = EnterpriseYearFactory(output_value=Decimal("100"), tax=Decimal("10"))
    high = EnterpriseYearFactory(output_value=Decimal("1000"), tax=Decimal("10"))
    tenant = EnterpriseYearFactory(
        land_basis="rented", land_mu=None, rented_floor_m2=Decimal("800")
    )
    new = EnterpriseFactory()
    header = [
        "统一社会信用代码",
        "企业名称",
        "年度",
        "工业产值（万元）",
        "税收（万元）",
        "用地依据",
    ]
    rows = [
        header,
        [low.enterprise.uscc, low.enterprise.name, 2025, "", 300, ""],  # stored output 100
        [high.enterprise.uscc, high.enterprise.name, 2025, "—", 300, ""],  # stored output 1000
        [
            tenant.enterprise.uscc,
            tenant.enterprise.name,
            2025,
            "",
            20,
            "租赁厂房（按建筑面积折算）",
        ],
        [new.uscc, new.name, 2025, 500, 20, "租赁厂房（按建筑面积折算）"],  # no floor space
    ]
    batch, plan = _run(rows, alice)
    assert batch is None
    assert [str(e) for e in plan.errors] == [
        "第 5 行「租用建筑面积（㎡）」为“租赁厂房”时须填写「租用建筑面积（㎡）」",
    ]
    assert [str(w) for w in plan.warnings] == [
        "第 2 行「税收（万元）」税收 300.00 万元高于工业产值 100.00 万元，请核对",
    ]
    assert (plan.added, plan.changed, plan.unchanged) == (1, 3, 0)


def test_an_enterprise_file_creates_and_updates_enterprises(alice: User, ailiu: SmallPark) -> None:
    old = EnterpriseFactory(name="上海老企业有限公司", short_name="老企业")
    rows = [
        ["企业名录（2025 年）"],
        ["企业名称", "统一社会信用代码", "简称", "行业代码", "重点产业", "所在小园区"],
        ["示例：上海示例有限公司", "", "", "", "", ""],
        ["上海新企业有限公司", "91350200776049653A", "新企业", "2710", "生物医药", "矮柳"],
        ["上海老企业有限公司", old.uscc, "", "C27", "", ""],
    ]
    batch, plan = _run(rows, alice, kind="enterprises", name="名录.xlsx")
    assert plan.errors == []
    new = Enterprise.objects.get(uscc="91350200776049653A")
    assert (new.name, new.industry_code, new.key_industry, new.small_park) == (
        "上海新企业有限公司", "C2710", "biomedicine", ailiu,
    )  # fmt: skip
    old.refresh_from_db()
    assert old.short_name == "老企业"  # blank keeps the stored value
    assert (batch.added, batch.changed, batch.unchanged) == (1, 0, 1)


def test_undo_deletes_added_rows_and_restores_changed_values(alice: User) -> None:
    kept = EnterpriseYearFactory(tax=Decimal("150"))
    e, fresh = kept.enterprise, EnterpriseFactory()
    rows = [FIGURES_HEADER, [e.uscc, e.name, 2025, 3000, 999, 10], [fresh.uscc, "", 2025, 1, 1, 1]]
    batch, _ = _run(rows, alice)
    assert (batch.added, batch.changed) == (1, 1)
    import_undo(batch=batch, user=alice)
    kept.refresh_from_db()
    assert kept.tax == Decimal("150.00")
    assert not EnterpriseYear.objects.filter(enterprise=fresh).exists()
    batch.refresh_from_db()
    assert (batch.status, batch.undone_by) == (BatchStatus.UNDONE, alice)
    assert kept.history.first().history_change_reason == f"撤销导入批次 #{batch.pk}"


def test_decimals_with_no_exact_float_survive_import_reimport_and_undo(alice: User) -> None:
    # 0.1, 0.3 and 1234.57 have no exact binary form: compared and written as floats, they
    # must still be stored, recognised as unchanged and restored exactly.
    kept = EnterpriseYearFactory(tax=Decimal("0.10"), land_mu=Decimal("1234.570"))
    e = kept.enterprise
    rows = [FIGURES_HEADER, [e.uscc, e.name, 2025, 3000, 0.3, 1234.57]]
    batch, _ = _run(rows, alice)
    assert (batch.added, batch.changed, batch.unchanged) == (0, 1, 0)
    kept.refresh_from_db()
    assert (kept.tax, kept.land_mu) == (Decimal("0.30"), Decimal("1234.570"))
    again, _ = _run(rows, alice)
    assert (again.added, again.changed, again.unchanged) == (0, 0, 1)
    import_undo(batch=again, user=alice)
    import_undo(batch=batch, user=alice)
    kept.refresh_from_db()
    assert (kept.tax, kept.land_mu) == (Decimal("0.10"), Decimal("1234.570"))


def test_only_the_last_batch_can_be_undone_and_not_after_an_edit(alice: User) -> None:
    e = EnterpriseFactory()
    first, _ = _run(_figures([e], tax=1), alice)
    _second, _ = _run(_figures([e], tax=2), alice)
    with pytest.raises(ImportRefused, match="只能撤销最近一次导入的批次"):
        import_undo(batch=first, user=alice)
    third, _ = _run([["企业名称", "简称"], [e.name, "改名"]], alice, kind="enterprises")
    enterprise_update(enterprise=Enterprise.objects.get(pk=e.pk), data={"note": "手工修改"})
    with pytest.raises(ImportRefused, match="导入后已有 1 条记录被修改"):
        import_undo(batch=third, user=alice)


@override_settings(PARKOPS_IMPORT_MAX_MB=1)
def test_an_oversized_file_is_refused(alice: User) -> None:
    _batch, plan = import_file(
        kind="figures", data=b"0" * (1024 * 1024 + 1), file_name="大.xlsx", user=alice
    )
    assert [str(e) for e in plan.errors] == ["文件大小 1.0 MB，超过上限 1.0 MB"]


@override_settings(PARKOPS_IMPORT_MAX_UNCOMPRESSED_MB=1)
def test_a_zip_bomb_is_refused_with_a_clear_message(alice: User) -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 8 * 1024 * 1024)
    _batch, plan = import_file(kind="figures", data=buffer.getvalue(), file_name="b.xlsx")
    assert [str(e) for e in plan.errors] == [
        "文件解压后约 8 MB，超过上限 1 MB，已拒绝（可能是压缩炸弹）"
    ]


@override_settings(PARKOPS_IMPORT_MAX_ROWS=3)
def test_too_many_rows_are_refused(alice: User) -> None:
    _batch, plan = _run(_figures(EnterpriseFactory.create_batch(4)), alice)
    assert [str(e) for e in plan.errors] == ["文件超过 3 行的上限，请拆分后分批导入"]


def test_an_old_xls_file_imports_like_an_xlsx(alice: User) -> None:
    e = EnterpriseFactory()
    rows = [
        ["2025 年度数据"],
        list(FIGURES_HEADER),
        [e.uscc, e.name, "2025", "3,200.50", 186.2, "/"],
    ]
    batch, plan = import_file(kind="figures", data=xls(rows), file_name="旧表.xls", user=alice)
    assert plan.errors == []
    assert batch is not None
    year = EnterpriseYear.objects.get(enterprise=e, year=2025)
    assert (year.output_value, year.tax, year.land_mu) == (
        Decimal("3200.50"),
        Decimal("186.20"),
        None,
    )


def test_a_gbk_csv_with_messy_cells_imports(alice: User) -> None:
    e = EnterpriseFactory(name="上海（漕泾）化工有限公司")
    rows = [
        ["企业名称 ", "年度", "工业产值（万元）", "税收(万元)", "用地面积【亩】"],
        ["上海(漕泾)化工有限公司 ", "２０２５", "１，２３４．５", " 56 ", "/"],
    ]
    _batch, plan = import_file(
        kind="figures", data=csv_bytes(rows, "gbk"), file_name="税务局.csv", user=alice
    )
    assert plan.errors == []
    year = EnterpriseYear.objects.get(enterprise=e)
    assert (year.year, year.output_value, year.tax, year.land_mu) == (
        2025, Decimal("1234.50"), Decimal("56.00"), None,
    )  # fmt: skip


def test_small_parks_and_plots_import(alice: User, pingye) -> None:
    rows = [["名称", "占地面积（亩）", "道路"], ["新园", 45.6, "平业路"], ["坏园", 0, "无此路"]]
    _batch, plan = _run(rows, alice, kind="small_parks")
    assert [str(e) for e in plan.errors] == [
        "第 3 行「占地面积（亩）」必须大于 0",
        "第 3 行「道路」“无此路”不存在",
    ]
    _run(rows[:2], alice, kind="small_parks")
    park = SmallPark.objects.get(name="新园")
    assert (park.land_mu, park.road) == (Decimal("45.60"), pingye)
    holder = EnterpriseFactory()
    rows = [
        ["地块名称", "占地面积（亩）", "土地使用权人", "建筑系数（%）"],
        ["A1", 30.62, holder.uscc, 45],
    ]
    _batch, plan = _run(rows, alice, kind="plots")
    plot = LandPlot.objects.get(name="A1")
    assert (plot.area_mu, plot.holder, plot.building_coefficient) == (
        Decimal("30.62"), holder, Decimal("45.00"),
    )  # fmt: skip


def test_missing_and_unknown_columns_and_absurd_amounts_are_reported(alice: User) -> None:
    _batch, plan = _run(
        [["企业名称", "产值（万元）", "联系人"], ["上海甲有限公司", 1, "张三"]], alice
    )
    assert [str(e) for e in plan.errors] == ["「年度」缺少必填列"]
    assert [str(w) for w in plan.warnings] == ["「联系人」未识别的列，已忽略"]
    e = EnterpriseFactory()
    _batch, plan = _run([FIGURES_HEADER, [e.uscc, e.name, 2025, 123456789, 1, 1]], alice)
    assert [str(w) for w in plan.warnings] == [
        "第 2 行「工业产值（万元）」数值 123456789.00 异常大，请确认单位为“万元”"
    ]


def test_an_enterprise_name_taken_by_another_code_is_an_error(alice: User) -> None:
    EnterpriseFactory(name="上海甲有限公司")
    rows = [["企业名称", "统一社会信用代码"], ["上海甲有限公司", "91350200776049653A"]]
    _batch, plan = _run(rows, alice, kind="enterprises")
    taken = Enterprise.objects.get(name="上海甲有限公司").uscc
    assert [str(e) for e in plan.errors] == [
        f"第 2 行「企业名称」“上海甲有限公司”已是另一家企业（信用代码 {taken}）的名称"
    ]
