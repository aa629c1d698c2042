"""Done-when of issue 18: a small-park owner enters a lead, screens it (one rule fails with its
evidence), matches it to a vacant unit; the park office admits and signs it and registers it;
the lead is then a key project with its milestones and an enterprise. Desktop and phone width."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from parkops.accounts.roles import Role
from parkops.attraction.defaults import defaults_load
from parkops.attraction.models import Lead
from parkops.conftest import _user
from parkops.core.uscc import complete_uscc
from parkops.execution.models import KeyProject
from parkops.registry.models import Enterprise, SmallPark
from parkops.smallparks import services as estates
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}


@pytest.mark.parametrize("width", WIDTHS)
def test_an_owner_enters_and_screens_a_lead_and_the_office_signs_it(
    live_server: object, page: Page, width: str
) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    defaults_load()  # a transactional test flushed the migration's rows
    park = SmallPark.objects.create(name="演示一园", plan_sequence=81)
    owner = _user("olga", {Role.SMALL_PARK_OWNER})
    park.owners.add(owner)
    _user("alice", {Role.PARK_OFFICE})
    vacancy = estates.vacancy_create(
        small_park=park,
        data={"area_m2": Decimal(1200), "vacant_since": date(2025, 1, 1),
              "clear_height_m": Decimal(9), "suitable_industries": "C27"},
    )  # fmt: skip
    estates.vacancy_create(
        small_park=park, data={"area_m2": Decimal(300), "vacant_since": date(2025, 1, 1)}
    )  # too small for the lead
    today = timezone.localdate()
    uscc = complete_uscc("91310116MA1Y0001")

    log_in(page, live_server, "olga", "/attraction/leads/new/")
    page.fill("#id_company_name", "上海演示新药有限公司")
    page.fill("#id_uscc", uscc)
    page.fill("#id_industry_code", "C2710")
    page.fill("#id_investment_wan", "600")
    page.fill("#id_output_wan", "2000")
    page.fill("#id_tax_wan", "10")  # 1000 ㎡ = 0.5 亩: 20 万元/亩 < 30
    page.fill("#id_floor_m2", "1000")
    page.fill("#id_clear_height_m", "8")
    page.select_option("#id_owner_park", str(park.pk))
    page.fill("#id_next_action", "实地看厂房")
    page.fill("#id_next_action_on", (today + timedelta(days=7)).isoformat())
    page.fill("#id_planned_start_on", (today + timedelta(days=30)).isoformat())
    page.fill("#id_planned_production_on", (today + timedelta(days=180)).isoformat())
    page.fill("#id_planned_full_on", (today + timedelta(days=365)).isoformat())
    page.get_by_role("button", name="保存").click()
    expect(page.locator("h1")).to_contain_text("上海演示新药有限公司")
    lead = Lead.objects.get()

    page.click("#screen")
    tax = page.locator('#screening-results tr[data-rule="threshold:tax_per_mu"]')
    expect(tax).to_contain_text("不符合")
    expect(tax).to_contain_text(
        "达产税收 10.00 万元 ÷ 0.50 亩 = 20.00 万元/亩；要求 ≥ 30.00 万元/亩"
    )
    expect(page.locator("#verdict")).to_contain_text("不符合准入条件")
    expect(page.locator("#matches tbody tr")).to_have_count(1)
    expect(page.locator(f'#matches tr[data-vacancy="{vacancy.pk}"]')).to_contain_text(
        "净高（米） 9.0，需要 8.0"
    )
    page.click("#advance")  # 线索 → 洽谈
    expect(page.locator("h1")).to_contain_text("洽谈")
    expect(page.locator("#decision-form")).to_have_count(0)  # the owner does not decide
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"attraction-lead-{width}.png", full_page=True)

    page.context.clear_cookies()
    log_in(page, live_server, "alice", lead.get_absolute_url())
    page.select_option("#id_dec-decision", "admit")
    page.fill("#id_dec-note", "生物医药重点方向，税收按两年爬坡，同意准入")
    page.click("#decide")
    expect(page.locator("#decision")).to_contain_text("同意准入")
    page.click("#advance")  # 洽谈 → 签约
    expect(page.locator("h1")).to_contain_text("签约")
    page.click("#advance")  # 签约 → 注册落地
    expect(page.locator("h1")).to_contain_text("注册落地")

    enterprise = Enterprise.objects.get(uscc=uscc)
    project = KeyProject.objects.get(enterprise=enterprise)
    assert enterprise.small_park == park
    assert project.milestones.count() == 3
    page.click("#project-link")
    expect(page.locator("h1")).to_contain_text("上海演示新药有限公司招商项目")
    for label in ("早开工", "早投产", "早达产"):
        expect(page.locator("body")).to_contain_text(label)
    page.goto(f"{live_server}{lead.get_absolute_url()}")
    page.click("#enterprise-link")
    expect(page.locator("h1")).to_contain_text("上海演示新药有限公司")
    page.screenshot(path=OUTPUT / f"attraction-landed-{width}.png", full_page=True)
