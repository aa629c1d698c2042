"""In Debian's Chromium, at phone and desktop width: the department signs for and answers a
request, the road chief records the enterprise's satisfaction, the park office closes it, and
the month's bulletin counts it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from parkops.accounts.models import Department
from parkops.registry.models import Enterprise
from parkops.service import services as svc
from parkops.service.calendar import CalendarYear
from parkops.service.tests.conftest import accept
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1400, "height": 900}}


def _login(page: Page, server: object, username: str, path: str) -> None:
    page.context.clear_cookies()
    log_in(page, server, username, path)


@pytest.mark.parametrize("size", SIZES)
def test_a_request_is_answered_rated_closed_and_counted(
    live_server: object, page: Page, size: str, alice: User, lena: User, rob: User, dora: User,
    firm: Enterprise, eco: Department,
) -> None:  # fmt: skip
    now = timezone.localtime()
    for year in (now.year, now.year + 1):  # deadlines must fall in a year the table holds
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})
    page.set_viewport_size(SIZES[size])  # type: ignore[arg-type]
    request = accept(rob, firm, now, category="policy")
    svc.request_dispatch(request=request, user=alice, department=eco)

    _login(page, live_server, "dora", "/service/inbox/")
    page.locator("#inbox a", has_text=request.number).click()
    page.click("#action-sign button[type=submit]")
    expect(page.locator("#request-state")).to_have_text("办理")
    page.fill("#id_answer-answer", "已对接区经委，补贴申报材料清单已发企业")
    page.click("#action-answer button[type=submit]")
    expect(page.locator("#request-state")).to_have_text("答复")
    expect(page.locator("#action-rate")).to_have_count(0)  # the handler cannot rate it

    _login(page, live_server, "rob", request.get_absolute_url())
    for item in ("efficiency", "attitude", "result"):
        page.select_option(f"#id_rate-{item}", "satisfied")
    page.click("#action-rate button[type=submit]")
    expect(page.locator("#request-state")).to_have_text("回访")

    _login(page, live_server, "alice", request.get_absolute_url())
    page.click("#action-close button[type=submit]")  # no reason: refused, nothing written
    expect(page.locator("#action-close")).to_contain_text("须选择原因代码。")
    page.select_option("#id_close-reason", label="已解决")
    page.fill("#id_close-text", "企业已拿到申报材料清单")
    page.click("#action-close button[type=submit]")
    expect(page.locator("#request-state")).to_have_text("办结")
    expect(page.locator("#timeline li")).to_have_count(6)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"service-request-{size}.png", full_page=True)

    _login(page, live_server, "lena", f"/service/monthly/?month={now:%Y-%m}")
    row = page.locator("#by-department tr", has_text="生态环境")
    expect(row.locator("td")).to_have_text(
        ["生态环境", "1", "1", "0", "0", "100.0%", "100.0%", "1", "100.0%"]
    )
    road = page.locator("#by-road tr", has_text="平业路")
    expect(road.locator("td").nth(2)).to_have_text("1")
