"""The evaluation in Debian's Chromium: the run page, then an enterprise's card and its what-if."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test.utils import override_settings
from playwright.sync_api import Page, expect

from parkops.conftest import DATABASE_TASKS
from parkops.demo.services import demo_load
from parkops.evaluation import services
from parkops.evaluation.models import EvaluationResult, EvaluationRun
from parkops.ops.models import Job
from parkops.plan.services import plan_load
from parkops.testing.browser import legend_overlaps, log_in
from parkops.testing.jobs import work_off_queue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
OUTPUT = Path(__file__).resolve().parents[3] / "test-results"


def test_the_run_page_shows_classes_chart_and_bottom_30(
    live_server: object, page: Page, alice: User
) -> None:
    plan_load()
    demo_load(count=60)
    services.run_publish(run=services.run_create(year=2024))
    run = services.run_create(year=2025)
    bottom = EvaluationResult.objects.filter(run=run, park_position__lte=30).count()

    log_in(page, live_server, "alice", f"/evaluation/runs/{run.pk}/")
    expect(page.locator("#run-title")).to_contain_text("2025 年度评价")
    expect(page.locator("#bottom-table tbody tr")).to_have_count(bottom)
    expect(page.locator("#score-chart svg")).to_have_count(1)
    assert legend_overlaps(page, "#score-chart") == []
    expect(page.locator("#migration")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#publish")
    expect(page.locator("#run-status")).to_have_text("已发布")
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "evaluation-run.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#score-chart svg")).to_have_count(1)
    assert legend_overlaps(page, "#score-chart") == []
    page.screenshot(path=OUTPUT / "evaluation-run-390.png", full_page=True)


def test_an_enterprise_card_explains_the_score_and_the_what_if_panel_recomputes(
    live_server: object, page: Page, alice: User
) -> None:
    plan_load()
    demo_load(count=60)
    run = services.run_create(year=2025)
    result = (
        EvaluationResult.objects.filter(
            run=run, evaluation_class__in=["C", "D"], veto_reasons=[], population="above"
        )
        .order_by("park_position")
        .first()
    )
    assert result is not None

    log_in(page, live_server, "alice", f"/enterprises/{result.enterprise_id}/")
    card = page.locator("#evaluation-card")
    expect(card).to_be_visible()
    expect(page.locator("#evaluation-class")).to_contain_text(f"{result.evaluation_class}类")
    expect(page.locator("#evaluation-explanation li").first).to_contain_text("亩均税收")
    expect(page.locator("#evaluation-radar svg")).to_have_count(1)
    assert legend_overlaps(page, "#evaluation-radar") == []

    page.fill("#id_tax", "100000")
    page.click("#what-if-submit")  # HTMX posts the figures and swaps in the outcome
    expect(page.locator("#what-if-class")).to_have_text("A")
    expect(page.locator("#what-if-outcome")).to_contain_text(f"（原 {result.evaluation_class}）")
    assert EvaluationResult.objects.get(pk=result.pk).evaluation_class == result.evaluation_class
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / "evaluation-card.png", full_page=True)


@pytest.mark.parametrize("viewport", [(1400, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_run_started_from_the_page_shows_its_progress_then_its_result(
    live_server: object, page: Page, alice: User, viewport: tuple[int, int]
) -> None:
    """The run goes on the database queue: the page shows the waiting job's progress bar, a
    worker pass (here, in the test's process) runs it, and the polling page shows the result."""
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    plan_load()
    demo_load(count=60)
    services.scheme_default()  # a transactional test starts without the migration's default scheme
    with override_settings(TASKS=DATABASE_TASKS):
        log_in(page, live_server, "alice", "/evaluation/")
        page.select_option("#id_year", "2025")
        page.select_option("#id_scheme_version", index=1)
        page.fill("#id_note", "浏览器测试")
        page.click("#run-form button[type=submit]")
        expect(page.locator("#job-status")).to_have_text("排队中")
        expect(page.locator("#job-progress .progress")).to_be_visible()
        expect(page.locator("#job-progress .progress-bar")).to_have_text("0%")
        job = Job.objects.get()
        assert page.url.endswith(f"/jobs/{job.pk}/")

        work_off_queue()

        # The page polls every second: it turns to done without a reload.
        expect(page.locator("#job-status")).to_have_text("已完成", timeout=10_000)
        expect(page.locator("#job-progress .progress-bar")).to_have_text("100%")
        run = EvaluationRun.objects.get()
        expect(page.locator("#job-summary")).to_have_text(
            f"已完成 2025 年度评价（草稿），共 {run.enterprise_count} 家企业"
        )
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=OUTPUT / f"evaluation-job-{viewport[0]}.png", full_page=True)
        page.click("#job-result-link")
        expect(page.locator("#run-title")).to_contain_text("2025 年度评价")
        assert run.note == "浏览器测试"


@pytest.mark.parametrize("width", [1440, 390])
def test_a_class_count_opens_its_results_which_filter_and_lead_to_the_enterprise(
    live_server: object, page: Page, alice: User, width: int
) -> None:
    from decimal import Decimal

    from parkops.evaluation.tests.factories import enterprise_with_year

    for tax in (900, 300, 200, 100, 20):
        enterprise_with_year(tax=Decimal(tax))
    run = services.run_publish(run=services.run_create(year=2025))
    classes = [r.evaluation_class for r in EvaluationResult.objects.filter(run=run)]
    shown, other = sorted(set(classes), key=classes.count, reverse=True)[:2]
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "alice", f"/evaluation/runs/{run.pk}/")
    link = page.locator(f'#class-counts a[href*="klass={shown}"]')
    expect(link).to_have_text(str(classes.count(shown)))
    link.click()
    expect(page.locator("#results-title")).to_contain_text("2025 年度评价结果")
    expect(page.locator("#result-count")).to_have_text(f"共 {classes.count(shown)} 条")
    expect(page.locator("#result-table tbody tr")).to_have_count(classes.count(shown))
    # The filters swap the results in place; the export follows them.
    page.select_option("#id_klass", other)
    expect(page.locator("#result-count")).to_have_text(f"共 {classes.count(other)} 条")
    expect(page.locator("#export")).to_have_attribute("href", re.compile(f"klass={other}"))
    page.screenshot(path=OUTPUT / f"evaluation-results-{width}.png", full_page=True)
    first = EvaluationResult.objects.filter(run=run, evaluation_class=other).first()
    assert first is not None
    page.click(f'#result-table a[href="/enterprises/{first.enterprise_id}/"]')
    expect(page.locator("h1")).to_contain_text(first.enterprise.name)
