"""In Debian's Chromium, at desktop and phone width: the clerk edits an enterprise's profile,
proposes pairs for a session, accepts one and records its outcome."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.matching.choices import PairDecision, PairOutcome
from parkops.matching.models import MatchingSession, MatchPair, SupplyDemandProfile
from parkops.matching.tests.conftest import Firms
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
SIZES = {"desktop": {"width": 1400, "height": 900}, "phone": {"width": 390, "height": 844}}


def _fits(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("size", list(SIZES))
def test_the_clerk_edits_a_profile_proposes_pairs_and_records_an_outcome(
    live_server: object, page: Page, alice: User, firms: Firms, session: MatchingSession, size: str
) -> None:
    viewport = SIZES[size]
    page.set_viewport_size(viewport)
    log_in(page, live_server, "alice", firms.c.get_absolute_url())

    # The enterprise page's panel: 丙 adds 纸盒 to what it offers.
    panel = page.locator("#panel-matching")
    expect(panel).to_contain_text("玻璃瓶包装")
    panel.locator("#edit-profile").click()
    page.fill("#id_offer_keywords", "玻璃瓶包装、纸盒")
    page.fill("#id_reason", "新增纸盒产品")
    _fits(page, viewport["width"])
    page.locator("#profile-form button[type=submit]").click()
    expect(page.locator("#panel-matching")).to_contain_text("玻璃瓶包装、纸盒")
    profile = SupplyDemandProfile.objects.get(enterprise=firms.c)
    assert profile.history.first().history_change_reason == "新增纸盒产品"  # type: ignore[union-attr]

    # The session: propose pairs. 甲 ← 丙 now scores group 2 + 纸盒 2 + 玻璃瓶 inside 1 = 5.
    page.goto(f"{live_server}/matching/")
    page.locator("#session-table a", has_text="春季供需对接会").click()
    page.locator("#propose").click()
    expect(page.locator(".alert")).to_contain_text("已推荐 3 对新配对")
    expect(page.locator("#result-count")).to_have_text("共 3 条")
    pair = MatchPair.objects.get(need_enterprise=firms.a, offer_enterprise=firms.c)
    assert pair.score == 5
    row = page.locator(f"#pair-{pair.pk}")
    expect(row).to_contain_text("关键词：纸盒")
    _fits(page, viewport["width"])
    row.get_by_role("link", name="处理").click()
    page.locator("#decide-accepted").click()
    expect(page.locator(f"#pair-{pair.pk}")).to_contain_text("已采纳")

    # The outcome: an intent worth 35 万元.
    page.locator(f"#pair-{pair.pk}").get_by_role("link", name="处理").click()
    page.select_option("#id_outcome", "intent")
    page.fill("#id_amount_wan", "35")
    page.fill("#id_reason", "签订合作意向书")
    page.locator("#outcome-form button[type=submit]").click()
    expect(page.locator(f"#pair-{pair.pk}")).to_contain_text("达成意向")
    expect(page.locator("#session-outcomes")).to_contain_text("达成意向 1")
    pair.refresh_from_db()
    assert (pair.decision, pair.outcome, str(pair.amount_wan)) == (
        PairDecision.ACCEPTED, PairOutcome.INTENT, "35.00",
    )  # fmt: skip
    _fits(page, viewport["width"])
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"matching-{size}.png", full_page=True)
