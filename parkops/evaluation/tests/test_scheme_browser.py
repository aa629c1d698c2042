"""The evaluation method edited in the form, in Debian's Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.evaluation import services
from parkops.evaluation.models import SchemeVersion
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


def test_the_park_office_edits_one_weight_and_sees_the_new_version(
    live_server: object, page: Page, alice: User
) -> None:
    version = services.scheme_default()  # a transactional test starts without the default
    log_in(page, live_server, "alice", f"/evaluation/schemes/{version.pk}/")
    page.click("#edit-form")
    expect(page.locator("#id_ind-0-label")).to_have_value("亩均税收")
    page.fill("#id_ind-0-weight", "0")
    page.fill("#id_reason", "试一下")
    page.click("#save-scheme")
    expect(page.locator("#scheme-problems")).to_contain_text(
        "规上企业指标「亩均税收」的权重必须大于 0"
    )
    page.fill("#id_ind-0-weight", "35")
    page.fill("#id_ind-1-weight", "15")
    page.fill("#id_reason", "亩均税收权重调为 35")
    page.click("#save-scheme")
    expect(page.locator("#scheme-title")).to_contain_text("v2")
    first = page.locator("table").first.locator("tbody tr").first
    expect(first).to_contain_text("亩均税收")
    expect(first.locator("td").nth(2)).to_have_text("35.0")
    new = SchemeVersion.objects.get(number=2)
    assert new.note == "亩均税收权重调为 35"
    assert new.definition["populations"][0]["indicators"][0]["weight"] == 35.0
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "evaluation-scheme-form.png", full_page=True)
