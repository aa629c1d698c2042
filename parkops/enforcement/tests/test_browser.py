"""A department user records a joint inspection with a finding and a penalty, at desktop and
phone width; the next evaluation run vetoes the enterprise's class and its card names the
inspection."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.accounts.roles import Role
from parkops.conftest import _user
from parkops.enforcement.models import Inspection
from parkops.enforcement.tests.factories import department
from parkops.evaluation import services as evaluation
from parkops.evaluation.tests.factories import enterprise_with_year
from parkops.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"
WIDTHS = {"desktop": (1400, 900), "phone": (390, 844)}


@pytest.mark.parametrize("width", WIDTHS)
def test_a_department_records_a_joint_inspection_and_the_run_vetoes_by_rule(
    live_server: object, page: Page, width: str
) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    eve: User = _user("eve", {Role.DEPARTMENT})
    department("eco").members.add(eve)
    department("emergency")  # a transactional test flushed the seeded departments before
    leader = enterprise_with_year(tax=Decimal("600"))
    for _ in range(4):
        enterprise_with_year(tax=Decimal("50"))

    log_in(page, live_server, "eve", "/enforcement/inspections/")
    expect(page.locator("h1")).to_contain_text("执法检查台账")
    page.click("#new-inspection")

    page.select_option("#id_enterprise", str(leader.pk))
    page.fill("#id_inspected_on", "2025-06-03")
    page.select_option("#id_kind", "joint")
    page.select_option("#id_lead_department", str(department("eco").pk))
    page.get_by_label("应急管理").check()
    page.fill("#id_inspectors", "王五、赵六")
    page.fill("#id_items_checked", "废水排放")
    page.select_option("#id_result", "ordered_corrected")
    page.fill("#id_findings-0-description", "废水直排雨水管网")
    page.select_option("#id_findings-0-domain", "environment")
    page.fill("#id_findings-0-law", "水污染防治法")
    page.fill("#id_findings-0-article", "第三十九条")
    page.select_option("#id_findings-0-severity", "3_major")
    page.fill("#id_findings-0-deadline", "2025-07-03")
    page.click("#save-inspection")

    inspection = Inspection.objects.get()
    expect(page.locator("h1")).to_contain_text(inspection.number)
    expect(page.locator("#inspection-departments")).to_have_text("应急管理")
    expect(page.locator("#findings")).to_contain_text("水污染防治法 第三十九条")

    page.fill("#id_penalty-decision_number", "金环罚〔2025〕12号")
    page.select_option("#id_penalty-kind", "fine")
    page.fill("#id_penalty-amount", "20")
    page.select_option("#id_penalty-amount_unit", "wan")
    page.fill("#id_penalty-decided_on", "2025-06-20")
    page.select_option("#id_penalty-department", str(department("eco").pk))
    page.click("#save-penalty")
    expect(page.locator("#penalties")).to_contain_text("金环罚〔2025〕12号")
    expect(page.locator("#penalties")).to_contain_text("20.00 万元")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"enforcement-inspection-{width}.png", full_page=True)

    # The next run vetoes the class by rule; the card names the inspection behind the veto
    # (a department reads published results only).
    evaluation.run_publish(run=evaluation.run_create(year=2025))
    page.goto(f"{live_server}{leader.get_absolute_url()}")
    expect(page.locator("#evaluation-class")).to_have_text("D类")
    expect(page.locator("#veto-records")).to_contain_text(f"检查 {inspection.number}：重大环保问题")
    page.locator("#veto-records a").click()
    expect(page.locator("h1")).to_contain_text(inspection.number)
