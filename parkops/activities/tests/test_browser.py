"""In Debian's Chromium at phone size: a department clerk registers a policy briefing, records
who came, raises a request from it, and finds the request in the department's inbox; the list
at desktop size shows the briefing with its monthly counts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from parkops.accounts.models import Department
from parkops.activities.models import Activity
from parkops.registry.models import Enterprise
from parkops.service.calendar import CalendarYear
from parkops.service.choices import Channel, RequestState
from parkops.service.models import ServiceRequest
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


WIDEST = """w => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > w || e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName + '#' + e.id + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right) + '/' + e.scrollWidth + '/' + e.clientWidth)"""


def _fits(page: Page, width: int) -> None:
    """Nothing wider than the screen (the elements that overflow are named)."""
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, page.evaluate(WIDEST, width)


def test_a_department_clerk_holds_a_briefing_and_raises_a_request_on_a_phone(
    live_server: object, page: Page, dora: User, eco: Department, firm: Enterprise
) -> None:
    today = timezone.localdate()  # the raised request's deadline needs this year's calendar
    for year in (today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})
    began = timezone.localtime(timezone.now() - timedelta(hours=2))
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "dora", "/activities/new/")

    page.select_option("#id_kind", "briefing")
    page.fill("#id_title", "惠企政策宣讲会")
    page.fill("#id_starts_at", began.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_place", "园区服务中心")
    page.select_option("#id_organiser", str(eco.pk))
    page.fill("#id_topics", "技改补贴和研发奖励")
    page.select_option("#id_invitees", str(firm.pk))
    _fits(page, PHONE["width"])
    page.click("#save-activity")
    expect(page.locator("h1")).to_have_text("惠企政策宣讲会")
    expect(page.locator("#activity-status")).to_contain_text("计划")

    page.click("#record-attendance")
    row = page.locator(".attendance-row", has_text=firm.name)
    row.get_by_label("出席", exact=True).check()
    row.locator("input[name$=attendees]").fill("王经理（总经理）")
    page.fill("#id_min-summary", "宣讲技改补贴申报口径")
    _fits(page, PHONE["width"])
    page.click("#save-attendance")
    expect(page.locator("#activity-status")).to_contain_text("已举行")
    expect(page.locator("#invitation-table")).to_contain_text("王经理（总经理）")

    page.click("#raise-requests")
    page.select_option("#id_req-0-enterprise", str(firm.pk))
    page.select_option("#id_req-0-category", "policy")
    page.fill("#id_req-0-text", "咨询技改补贴的申报截止时间")
    expect(page.locator("#id_req-0-department")).to_have_value(str(eco.pk))
    _fits(page, PHONE["width"])
    page.click("#save-requests")
    expect(page.locator("#activity-requests")).to_contain_text("咨询技改补贴的申报截止时间")
    expect(page.locator("#activity-requests")).to_contain_text("派单")
    page.screenshot(path=OUTPUT / "activities-phone.png", full_page=True)

    request = ServiceRequest.objects.get()
    activity = Activity.objects.get()
    assert (request.channel, request.state, request.department_id, request.activity_id) == (
        Channel.ACTIVITY, RequestState.DISPATCHED, eco.pk, activity.pk,
    )  # fmt: skip
    page.goto(f"{live_server}/service/inbox/")
    expect(page.locator("main")).to_contain_text("咨询技改补贴的申报截止时间")

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server}/activities/")
    expect(page.locator("#activity-table")).to_contain_text("惠企政策宣讲会")
    expect(page.locator("#monthly-counts tbody tr")).to_contain_text(f"{began:%Y-%m}")
    _fits(page, DESKTOP["width"])
    page.screenshot(path=OUTPUT / "activities-desktop.png", full_page=True)
