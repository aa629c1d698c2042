"""Control events from a notice list: all or nothing, errors by row and column, no duplicates."""

from __future__ import annotations

import io
from datetime import date

import pytest
import xlsxwriter
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from parkops.conftest import client_for
from parkops.enforcement.models import ControlEvent
from parkops.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db
HEADERS = ["统一社会信用代码", "事项类型", "发生日期", "来源文书", "管控措施", "说明"]


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["司法拍卖公告清单"])
    for r, row in enumerate([HEADERS, *rows], start=1):
        sheet.write_row(r, 0, row)
    book.close()
    return SimpleUploadedFile("notices.xlsx", buffer.getvalue())


def test_a_clean_file_is_imported_once(alice: User) -> None:
    enterprise = EnterpriseFactory()
    rows = [[enterprise.uscc, "司法拍卖", "2025-10-09", "（2025）沪0116执123号", "优先收储", ""]]
    client = client_for(alice)
    response = client.post("/enforcement/control-events/import/", {"file": _xlsx(rows)})
    assert response.status_code == 302
    event = ControlEvent.objects.get()
    assert (event.kind, event.occurred_on, event.measure) == (
        "judicial_auction", date(2025, 10, 9), "priority_acquisition"
    )  # fmt: skip
    client.post("/enforcement/control-events/import/", {"file": _xlsx(rows)})
    assert ControlEvent.objects.count() == 1


def test_a_file_with_errors_writes_nothing_and_names_row_and_column(alice: User) -> None:
    enterprise = EnterpriseFactory()
    rows = [
        [enterprise.uscc, "股权变更", "2025-03-01", "工商变更登记", "联合审查", ""],
        [enterprise.uscc, "拆迁", "2025-03-02", "通知", "优先收储", ""],
        ["91310116MA1W00001X", "司法拍卖", "2025-03-03", "公告", "优先收储", ""],
    ]
    response = client_for(alice).post("/enforcement/control-events/import/", {"file": _xlsx(rows)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "第 4 行「事项类型」：" in page
    assert "第 5 行「统一社会信用代码」：" in page
    assert not ControlEvent.objects.exists()
