"""Voiding a veto event in Debian's Chromium, at desktop and phone width."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.evaluation import services
from parkops.evaluation.choices import VetoKind
from parkops.evaluation.models import VetoEvent
from parkops.evaluation.tests.factories import enterprise_with_year
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1400, 390])
def test_the_park_office_voids_a_veto_from_the_list(
    live_server: object, page: Page, alice: User, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    event = services.veto_event_create(
        data={
            "enterprise": enterprise_with_year(),
            "kind": VetoKind.SAFETY_ACCIDENT,
            "occurred_on": date(2025, 5, 1),
        }
    )
    log_in(page, live_server, "alice", "/evaluation/veto-events/")
    page.click(f"#veto-table a[href='/evaluation/veto-events/{event.pk}/']")
    expect(page.locator("#veto-state")).to_have_text("有效")

    page.fill("#id_reason", "   ")  # blanks pass the browser's check; the server refuses them
    page.click("#veto-void-form button[type=submit]")
    expect(page.locator("#id_reason")).to_have_attribute("aria-invalid", "true")
    page.fill("#id_reason", "经复核非企业责任")
    page.click("#veto-void-form button[type=submit]")
    expect(page.locator(".alert-success")).to_have_text("已撤销否决事件")
    expect(page.locator("#veto-state")).to_have_text("已撤销")
    expect(page.locator("#history")).to_contain_text("经复核非企业责任")
    expect(page.locator("#veto-void-form")).to_have_count(0)
    assert VetoEvent.objects.get(pk=event.pk).is_void is True
