"""Exports follow the filters in Debian's Chromium, at desktop and phone width: after a filter
change (an HTMX swap of the results), each of execution's three export buttons downloads only the
rows the list now shows. The buttons live inside the swapped results; a button outside them kept
the query string the page was opened with and exported the old filter."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from python_calamine import CalamineWorkbook

from parkops.execution.choices import InfraStatus
from parkops.execution.models import InfraProject
from parkops.execution.services import execution_plan_load
from parkops.plan.services import plan_load
from parkops.testing.browser import htmx_settled, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = {"desktop": 1280, "phone": 390}


def _open(page: Page, live_server: object, path: str) -> None:
    page.goto(f"{live_server}{path}")
    expect(page.locator("#results")).to_be_visible()


def _download(page: Page) -> CalamineWorkbook:
    with page.expect_download() as info:
        page.locator("#results #export").click()
    return CalamineWorkbook.from_path(str(Path(info.value.path())))


def _data_rows(book: CalamineWorkbook, sheet: str) -> list[list[object]]:
    # The annex layout: a title row, then the header row, then the data.
    rows = book.get_sheet_by_name(sheet).to_python()
    return [r for r in rows[2:] if any(v not in ("", None) for v in r)]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_each_execution_export_holds_only_the_filtered_rows(
    live_server: object, page: Page, lena: User, width: int
) -> None:
    plan_load()
    execution_plan_load()
    done = InfraProject.objects.order_by("plan_row").first()
    assert done is not None
    assert InfraProject.objects.count() > 1
    InfraProject.objects.filter(pk=done.pk).update(
        status=InfraStatus.COMPLETED, completed_on=date(2025, 6, 30)
    )

    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "lena")
    # 附件 2: one list chosen, one sheet in the file (all three without the filter).
    _open(page, live_server, "/cultivation/")
    page.select_option("#id_kind", "srdi")
    expect(page.locator("#export")).to_have_attribute("href", re.compile(r"[?&]kind=srdi(&|$)"))
    assert _download(page).sheet_names == ["新增专精特新企业"]

    # 附件 4: one project completed, one row in the file.
    _open(page, live_server, "/infrastructure/")
    page.select_option("#id_status", "completed")
    expect(page.locator("#result-count")).to_have_text("共 1 条")
    rows = _data_rows(_download(page), "附件4")
    assert [(r[1], r[6]) for r in rows] == [(done.name, "已完工")]

    # 附件 1: a name searched for, only that enterprise's project in the file (the plan has two).
    _open(page, live_server, "/projects/")
    expect(page.locator("#result-count")).to_have_text("共 2 条")
    page.fill("#id_q", "膜可")
    page.press("#id_q", "Enter")
    htmx_settled(page)
    expect(page.locator("#result-count")).to_have_text("共 1 条")
    rows = _data_rows(_download(page), "附件1")
    assert rows
    assert {r[1] for r in rows} == {"膜可光学材料（上海）有限公司"}
