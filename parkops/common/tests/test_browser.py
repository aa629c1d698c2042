"""In Debian's Chromium, in Chinese: the enterprise edit form shows the stored 投产日期, and
saving it unchanged keeps it."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.registry.models import Enterprise
from parkops.registry.tests.factories import EnterpriseFactory
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_date_input_shows_the_stored_date_and_an_unchanged_save_keeps_it(
    live_server: object, page: Page, alice: User
) -> None:
    firm = EnterpriseFactory(production_started_on=date(2016, 11, 24))
    log_in(page, live_server, "alice", f"/enterprises/{firm.pk}/edit/")
    date_input = page.locator("#id_production_started_on")
    expect(date_input).to_have_value("2016-11-24")
    page.locator("form:has(#id_production_started_on) button[type=submit]").click()
    expect(page.locator("h1")).to_contain_text(firm.name)
    stored = Enterprise.objects.get(pk=firm.pk)
    assert stored.production_started_on == date(2016, 11, 24)
    assert stored.history.count() == 1
