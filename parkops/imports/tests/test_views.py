import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from parkops.conftest import client_for
from parkops.imports.choices import BatchStatus
from parkops.imports.models import ImportBatch
from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.registry.models import EnterpriseYear, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory, LandPlotFactory

pytestmark = pytest.mark.django_db


def _upload(client, rows, kind="figures", name="数据.xlsx"):
    file = SimpleUploadedFile(name, xlsx(rows))
    return client.post("/imports/upload/", {"kind": kind, "file": file})


def _sheet(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def test_upload_previews_every_error_then_a_fixed_file_is_confirmed(alice: User) -> None:
    e = EnterpriseFactory()
    client = client_for(alice)
    html = _upload(client, [FIGURES_HEADER, [e.uscc, e.name, 2025, 100, 5, -1]]).content.decode()
    assert "第 2 行「用地面积（亩）」不能为负数" in html
    assert "确认导入" not in html
    assert ImportBatch.objects.get().status == BatchStatus.REJECTED
    response = _upload(client, [FIGURES_HEADER, [e.uscc, e.name, 2025, 100, 5, 1]])
    assert "新增 1 条" in response.content.decode()
    batch = ImportBatch.objects.get(status=BatchStatus.PENDING)
    assert EnterpriseYear.objects.count() == 0  # nothing before confirming
    response = client.post(f"/imports/{batch.pk}/confirm/", follow=True)
    assert "已导入批次" in response.content.decode()
    assert EnterpriseYear.objects.get().land_mu == 1
    batch.refresh_from_db()
    assert (batch.status, batch.content) == (BatchStatus.APPLIED, None)


def test_the_last_batch_is_undone_from_the_page(alice: User) -> None:
    e = EnterpriseFactory()
    client = client_for(alice)
    _upload(client, [FIGURES_HEADER, [e.uscc, e.name, 2025, 100, 5, 1]])
    batch = ImportBatch.objects.get()
    client.post(f"/imports/{batch.pk}/confirm/")
    html = client.post(f"/imports/{batch.pk}/undo/", follow=True).content.decode()
    assert f"已撤销批次 #{batch.pk}" in html
    assert EnterpriseYear.objects.count() == 0


def test_readers_cannot_import_and_road_chiefs_do_not_see_the_log(
    lena: User, rob: User, charlie: User
) -> None:
    assert client_for(lena).get("/imports/").status_code == 200
    assert _upload(client_for(lena), [FIGURES_HEADER]).status_code == 403
    assert client_for(rob).get("/imports/").status_code == 403
    assert client_for(charlie).get("/imports/").status_code == 403
    assert client_for(charlie).get("/enterprises/export.xlsx").status_code == 403


def test_templates_have_headers_with_units_an_example_instructions_and_drop_downs(
    alice: User,
) -> None:
    response = client_for(alice).get("/imports/templates/figures.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["数据", "说明", "选项"]
    rows = book.get_sheet_by_name("数据").to_python()
    assert rows[0][:4] == ["统一社会信用代码", "企业名称", "年度", "工业产值（万元）"]
    assert str(rows[1][0]).startswith("示例：")
    notes = book.get_sheet_by_name("说明").to_python()
    assert ["用地依据", "", "", "", "自有土地、租赁厂房（按建筑面积折算）"] in notes
    xml = (
        __import__("zipfile").ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    )
    assert b"<dataValidation" in xml
    # The template imports as it is: the example row is skipped.
    from parkops.imports.services import import_check

    plan = import_check(kind="figures", data=response.content, file_name="t.xlsx")
    assert [str(e) for e in plan.errors] == ["文件中没有数据行"]


def test_the_export_keeps_the_list_filters_and_never_writes_formulas(
    lena: User, ailiu: SmallPark
) -> None:
    EnterpriseFactory(name='=HYPERLINK("http://x")有限公司', small_park=ailiu)
    EnterpriseFactory(name="上海园外有限公司")
    response = client_for(lena).get("/enterprises/export.xlsx", {"small_park": ailiu.pk, "page": 2})
    rows = _sheet(response)
    assert rows[0][:3] == ["企业名称", "统一社会信用代码", "简称"]
    assert [r[0] for r in rows[1:]] == ['=HYPERLINK("http://x")有限公司']
    content = response.content
    sheet_xml = __import__("zipfile").ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml


def test_an_exported_list_imports_back_unchanged(alice: User, ailiu: SmallPark) -> None:
    EnterpriseFactory.create_batch(3, small_park=ailiu, short_name="简")
    LandPlotFactory.create_batch(2)
    client = client_for(alice)
    from parkops.imports.services import import_check

    for url, kind in (
        ("/enterprises/export.xlsx", "enterprises"),
        ("/small-parks/export.xlsx", "small_parks"),
        ("/plots/export.xlsx", "plots"),
    ):
        plan = import_check(kind=kind, data=client.get(url).content, file_name="e.xlsx")
        assert (plan.errors, plan.warnings, plan.added, plan.changed) == ([], [], 0, 0)


def test_every_list_page_links_to_its_export_with_the_filters(lena: User, ailiu: SmallPark) -> None:
    client = client_for(lena)
    html = client.get("/enterprises/", {"small_park": ailiu.pk}, HTTP_HX_REQUEST="true").content
    assert f'href="/enterprises/export.xlsx?small_park={ailiu.pk}"'.encode() in html
    assert b'href="/small-parks/export.xlsx"' in client.get("/small-parks/").content
    assert b'href="/plots/export.xlsx"' in client.get("/plots/").content


def test_the_preview_names_the_sheet_read_and_a_refused_file_counts_only_its_rows(
    alice: User,
) -> None:
    e = EnterpriseFactory()
    client = client_for(alice)
    html = _upload(client, [FIGURES_HEADER, [e.uscc, e.name, 2025, 100, 5, 1]]).content.decode()
    assert "读取的工作表：「数据」" in html
    rows = [FIGURES_HEADER, [e.uscc, e.name, 2025, 100, 5, 1], [e.uscc, e.name, 2024, 1, 1, -1]]
    html = _upload(client, rows).content.decode()
    assert "共 2 行</p>" in html
    assert "新增" not in html
