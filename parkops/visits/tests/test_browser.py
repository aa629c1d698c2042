"""In Debian's Chromium at phone size: the road chief logs a visit with a photo and a request."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect

from parkops.accounts.models import Department
from parkops.registry.models import Enterprise
from parkops.service.calendar import CalendarYear
from parkops.service.reference import service_reference_load
from parkops.testing.browser import log_in
from parkops.visits.models import PendingQuestion, RaisedRequest, Visit, VisitPhoto

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
PHONE = {"width": 390, "height": 844}


def _png(width: int = 8, height: int = 8) -> bytes:
    """A real (decodable) PNG: a green square."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x00\xa0\x40" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )  # fmt: skip


def _log_in(page: Page, live_server: object, username: str, next_path: str) -> None:
    log_in(page, live_server, username, next_path)


def test_the_road_chief_logs_a_visit_with_a_photo_and_a_request_on_a_phone(
    live_server: object, page: Page, rob: User, pingye_firm: Enterprise
) -> None:
    # A transactional test empties the tables, seeded rows too: departments and the request
    # categories' time limits (a request raised in the visit is registered on them) come back here.
    service_reference_load()
    eco = Department.objects.get(code="eco")
    PendingQuestion.objects.create(
        enterprise=pingye_firm, department=eco, text="环评批复是否齐全？"
    )
    today = timezone.localdate()  # the raised request's deadline needs this year's calendar
    for year in (today.year, today.year + 1):
        CalendarYear.objects.get_or_create(year=year, defaults={"source": "测试"})
    page.set_viewport_size(PHONE)
    _log_in(page, live_server, "rob", "/")
    # His home: his road, his enterprise never visited, a link to log the visit.
    expect(page.locator("#home-field")).to_contain_text("平业路")
    page.locator("#home-enterprises a", has_text=pingye_firm.name).click()
    expect(page.locator("#visit-enterprise")).to_have_text(pingye_firm.name)
    expect(page.locator("#question-reminder")).to_be_visible()
    page.select_option("#id_method", "on_site")
    page.fill("#id_interviewee_name", "王经理")
    page.fill("#id_discussed", "了解扩产计划")
    page.set_input_files(
        "#id_photos", files=[{"name": "现场.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.select_option("#id_req-0-category", "land")
    page.fill("#id_req-0-text", "需要扩租厂房 2000 平方米")
    page.select_option("#id_req-0-department", str(eco.pk))
    page.fill(f"#id_answer_{PendingQuestion.objects.get().pk}", "齐全")
    # The form fits the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click("#save-visit")

    expect(page.locator("h1")).to_contain_text(pingye_firm.name)
    expect(page.locator("#visit-requests")).to_contain_text("需要扩租厂房 2000 平方米")
    expect(page.locator("#visit-answers")).to_contain_text("齐全")
    photo = page.locator("#visit-photos img")
    expect(photo).to_have_count(1)
    # decode() waits for the image itself (wait_for_function's polling evals a string: CSP refuses it).
    assert photo.evaluate("async img => { await img.decode(); return img.naturalWidth; }") == 8
    visit = Visit.objects.get()
    assert list(visit.visitors.all()) == [rob]
    assert RaisedRequest.objects.get().visit == visit
    assert VisitPhoto.objects.get().visit == visit
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "visit-phone.png", full_page=True)

    # At desktop width the due list shows the enterprise visited today as in order.
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{live_server}/visits/due/")
    row = page.locator("#due-table tr", has_text=pingye_firm.name)
    expect(row).to_contain_text("正常")
    page.select_option("#id_status", "overdue")  # HTMX: nothing of his is overdue now
    expect(page.locator("#result-count")).to_have_text("共 0 条")
