"""Done-when of issue 19 (briefings): the park office generates this quarter's briefing from the
page with its next steps and downloads it; the leader reads the list; desktop and phone width."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from parkops.accounts.roles import Role
from parkops.briefings.models import Briefing
from parkops.common.docx import document_text
from parkops.common.docx_check import check_docx
from parkops.conftest import _user
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_office_generates_and_downloads_a_briefing(
    live_server: object, page: Page, width: str
) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    call_command("load_plan", verbosity=0)
    _user("alice", {Role.PARK_OFFICE})
    log_in(page, live_server, "alice", "/briefings/")
    expect(page.locator("h1")).to_have_text("工作简报")
    page.fill("#id_quarter", "2026Q4")
    page.fill("#id_next_steps", "加快四早项目建设\n推进低效用地腾退")
    page.click("#generate")
    # The page enqueued a job and landed on its page (the job runs at once in tests).
    expect(page.locator("#job-status")).to_have_text("已完成")
    expect(page.locator("#job-summary")).to_contain_text("第1期")
    with page.expect_download() as from_job:
        page.click("#job-result")
    assert "推进低效用地腾退" in document_text(Path(from_job.value.path()).read_bytes())
    page.click("#job-result-link")
    expect(page.locator("#issues tbody tr")).to_have_count(1)
    expect(page.locator("#issues")).to_contain_text("第1期")
    with page.expect_download() as download:
        page.locator("#issues a", has_text="下载").click()
    content = Path(download.value.path()).read_bytes()
    assert "推进低效用地腾退" in document_text(content)
    assert check_docx(content) == []
    assert Briefing.objects.get().number == 1
    page.screenshot(path=str(OUTPUT / f"briefings-{width}.png"), full_page=True)
    # The review tab: one click generates the whole plan period's review.
    page.click("text=三年行动方案实施情况总结")
    page.click("#generate-review")
    expect(page.locator("#job-status")).to_have_text("已完成")
    page.click("#job-result-link")
    expect(page.locator("#reviews tbody tr")).to_have_count(1)

    page.context.clear_cookies()
    _user("lena", {Role.TOWN_LEADER})
    log_in(page, live_server, "lena", "/briefings/")
    expect(page.locator("#issues")).to_contain_text("第1期")
    expect(page.locator("#generate-form")).to_have_count(0)
