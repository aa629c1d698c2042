"""The preview says what confirming writes: rows added, each changed field old → new, by page."""

from __future__ import annotations

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from parkops.conftest import client_for
from parkops.imports.models import ImportBatch
from parkops.imports.services import import_check
from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.registry.choices import EnterpriseStatus
from parkops.registry.models import Road, SmallPark
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory

pytestmark = pytest.mark.django_db


def _upload(client, rows, kind="figures"):  # type: ignore[no-untyped-def]
    file = SimpleUploadedFile("数据.xlsx", xlsx(rows))
    return lxml.html.fromstring(
        client.post("/imports/upload/", {"kind": kind, "file": file}).content
    )


def _cells(doc, selector: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [
        [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        for tr in doc.xpath(selector)
    ]


def test_it_lists_the_added_rows_and_each_changed_field_old_and_new(alice: User) -> None:
    kept, changed, fresh = EnterpriseFactory.create_batch(3)
    EnterpriseYearFactory(enterprise=kept, year=2025, output_value=100, tax=5, land_mu=1)
    EnterpriseYearFactory(enterprise=changed, year=2025, output_value=100, tax=5, land_mu=1)
    doc = _upload(
        client_for(alice),
        [
            FIGURES_HEADER,
            [kept.uscc, kept.name, 2025, 100, 5, 1],  # as stored: counted, not listed
            [fresh.uscc, fresh.name, 2025, 3000.5, 150, 12],
            [changed.uscc, changed.name, 2025, 1234.5, 5, 1],
        ],
    )
    counts = doc.get_element_by_id("counts").text_content()
    assert counts == "共 3 行：新增 1 条，修改 1 条，未变 1 条"
    added = doc.get_element_by_id("preview-added")
    headers = [th.text_content() for th in added.xpath(".//th")]
    assert headers == [
        "行号",
        "企业名称",
        "年度",
        "工业产值（万元）",
        "税收（万元）",
        "用地面积（亩）",
    ]
    assert _cells(added, ".//tbody/tr") == [
        ["3", fresh.name, "2025", "3,000.50", "150.00", "12.000"]
    ]
    rows = _cells(doc.get_element_by_id("preview-changed"), ".//tbody/tr")
    assert rows == [["4", f"{changed.name} · 2025", "工业产值（万元）", "100.00", "1,234.50"]]


def test_choices_show_their_label_and_references_the_name(alice: User) -> None:
    pingye = Road.objects.create(name="平业路")
    Road.objects.create(name="月工路")
    e = EnterpriseFactory(road=pingye, status=EnterpriseStatus.OPERATING)
    header = ("企业名称", "统一社会信用代码", "道路", "经营状态")
    closed = str(EnterpriseStatus.CLOSED.label)
    doc = _upload(client_for(alice), [header, [e.name, e.uscc, "月工路", closed]], "enterprises")
    rows = _cells(doc.get_element_by_id("preview-changed"), ".//tbody/tr")
    operating = str(EnterpriseStatus.OPERATING.label)
    assert rows == [
        ["2", e.name, "道路", "平业路", "月工路"],
        ["经营状态", operating, closed],
    ]


def test_every_kind_previews_its_added_rows(alice: User) -> None:
    road = Road.objects.create(name="平业路")
    SmallPark.objects.create(name="矮柳", plan_sequence=1)
    e = EnterpriseFactory()
    files = {
        "enterprises": [
            ("企业名称", "统一社会信用代码", "道路"),
            ["上海新增有限公司", "", road.name],
        ],
        "figures": [FIGURES_HEADER, [e.uscc, e.name, 2024, 1, 1, 1]],
        "small_parks": [("名称", "占地面积（亩）", "道路"), ["新园", 45.6, road.name]],
        "plots": [("地块名称", "所属小园区", "占地面积（亩）"), ["新地块", "矮柳", 30.62]],
    }
    expected = {
        "enterprises": ["2", "上海新增有限公司", "—", "平业路"],
        "figures": ["2", e.name, "2024", "1.00", "1.00", "1.000"],
        "small_parks": ["2", "新园", "45.60", "平业路"],
        "plots": ["2", "新地块", "矮柳", "30.62"],
    }
    client = client_for(alice)
    for kind, rows in files.items():
        doc = _upload(client, rows, kind)
        assert _cells(doc.get_element_by_id("preview-added"), ".//tbody/tr") == [expected[kind]], (
            kind
        )


def test_a_large_file_is_shown_fifty_rows_a_page_and_htmx_fetches_the_next(alice: User) -> None:
    firms = EnterpriseFactory.create_batch(120)
    client = client_for(alice)
    rows = [FIGURES_HEADER, *([f.uscc, f.name, 2025, 1, 1, n] for n, f in enumerate(firms))]
    doc = _upload(client, rows)
    added = doc.get_element_by_id("preview-added")
    assert len(added.xpath(".//tbody/tr")) == 50
    assert "第 1 / 3 页" in added.text_content()
    batch = ImportBatch.objects.get()
    response = client.get(
        f"/imports/{batch.pk}/", {"part": "added", "added": 3}, HTTP_HX_REQUEST="true"
    )
    part = lxml.html.fromstring(response.content)
    assert part.get("id") == "preview-added"  # the section alone, swapped in place
    numbers = [row[0] for row in _cells(part, ".//tbody/tr")]
    assert numbers == [str(n) for n in range(102, 122)]
    whole = client.get(f"/imports/{batch.pk}/", {"added": "x"}).content.decode()
    assert "第 1 / 3 页" in whole  # a bad page number shows the first page


def test_errors_come_in_row_order(alice: User) -> None:
    e = EnterpriseFactory()
    rows = [
        FIGURES_HEADER,
        [e.uscc, e.name, 2025, 1, "x", 1],
        [e.uscc, e.name, 2024, -1, 1, 1],
        ["", "不存在的企业", 2023, 1, 1, 1],
    ]
    plan = import_check(kind="figures", data=xlsx(rows), file_name="a.xlsx")
    assert [issue.row for issue in plan.errors] == [2, 3, 4]
    assert plan.errors[0].column == "税收（万元）"
