"""The park office's path through an import in Debian's Chromium: an error, a fix, a confirm."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.imports.tests.files import FIGURES_HEADER, xlsx
from parkops.registry.models import EnterpriseYear
from parkops.registry.tests.factories import EnterpriseFactory, EnterpriseYearFactory
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


def test_upload_see_the_error_fix_it_and_confirm(
    live_server: object, page: Page, alice: User, tmp_path: Path
) -> None:
    e = EnterpriseFactory()
    bad, good = tmp_path / "年度数据.xlsx", tmp_path / "年度数据-改.xlsx"
    bad.write_bytes(xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, 3000, 150, -12]]))
    good.write_bytes(xlsx([FIGURES_HEADER, [e.uscc, e.name, 2025, 3000, 150, 12]]))

    log_in(page, live_server, "alice", "/imports/")
    expect(page.locator("h1")).to_have_text("Excel 导入")

    page.select_option("#id_kind", "figures")
    page.set_input_files("#id_file", str(bad))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#import-errors")).to_contain_text("第 2 行「用地面积（亩）」不能为负数")
    expect(page.locator("#confirm-import")).to_have_count(0)

    page.select_option("#id_kind", "figures")
    page.set_input_files("#id_file", str(good))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#counts")).to_have_text("共 1 行：新增 1 条，修改 0 条，未变 0 条")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "import-preview.png", full_page=True)
    page.click("#confirm-import")
    # The write runs as a job (at once in tests); its page says what it wrote and links back.
    expect(page.locator("#job-status")).to_have_text("已完成")
    expect(page.locator("#job-summary")).to_contain_text("新增 1 条")
    page.click("#job-result-link")
    expect(page.locator("#batch-table")).to_contain_text("年度数据-改.xlsx")
    assert EnterpriseYear.objects.get(enterprise=e).land_mu == 12


def test_the_preview_shows_the_added_year_and_the_changed_figure_before_confirming(
    live_server: object, page: Page, alice: User, tmp_path: Path
) -> None:
    old, new = EnterpriseFactory(), EnterpriseFactory()
    EnterpriseYearFactory(enterprise=old, year=2025, output_value=100, tax=5, land_mu=1)
    file = tmp_path / "年度数据.xlsx"
    rows = [[old.uscc, old.name, 2025, 100, 8, 1], [new.uscc, new.name, 2025, 3000, 150, 12]]
    file.write_bytes(xlsx([FIGURES_HEADER, *rows]))

    log_in(page, live_server, "alice", "/imports/")
    page.select_option("#id_kind", "figures")
    page.set_input_files("#id_file", str(file))
    page.click("#upload-form button[type=submit]")
    expect(page.locator("#counts")).to_have_text("共 2 行：新增 1 条，修改 1 条，未变 0 条")
    added = page.locator("#preview-added tbody tr")
    expect(added).to_have_count(1)
    expect(added.locator("td")).to_have_text(
        ["3", new.name, "2025", "3,000.00", "150.00", "12.000"]
    )
    changed = page.locator("#preview-changed tbody tr td")
    expect(changed).to_have_text(["2", f"{old.name} · 2025", "税收（万元）", "5.00", "8.00"])
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "import-preview-changes.png", full_page=True)
    page.click("#confirm-import")
    expect(page.locator("#job-status")).to_have_text("已完成")
    stored = EnterpriseYear.objects.order_by("enterprise__name")
    assert [(y.enterprise_id, y.output_value, y.tax, y.land_mu) for y in stored] == [
        (old.pk, 100, 8, 1),
        (new.pk, 3000, 150, 12),
    ]
