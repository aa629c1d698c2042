"""The main pages at phone, laptop and desktop width, in Chinese and English, for each role that
reads them: screenshots under test-results/screenshots/, and no text overflows — the page is never
wider than the window, no table's scrolling box is squeezed, no chart legend overlaps the chart's
text, and at 1280 px and wider no navigation label wraps."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from parkops.demo.services import demo_load
from parkops.indicators.services import indicators_plan_load
from parkops.plan.services import plan_load
from parkops.testing.browser import legend_overlaps, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-results" / "screenshots"
WIDTHS = (390, 1280, 1440)
PAGES = {"home": "/", "enterprises": "/enterprises/", "indicators": "/indicators/"}

# Elements sticking out past the window's right edge (inside a scrolling box is fine), named so a
# failure says what to fix.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const scrolls = e => e.closest('.table-responsive, .overflow-auto, .overflow-x-auto');
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > width + 1 && !scrolls(e) && e.offsetParent)
    .slice(0, 8)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 30));
}"""

# Scrolling table boxes narrower than the content box they sit in (squeezed beside a float).
NARROW_TABLES = """() => [...document.querySelectorAll('.table-responsive')]
  .filter(e => e.offsetParent)
  .filter(e => {
    const parent = getComputedStyle(e.parentElement);
    const room = e.parentElement.clientWidth - parseFloat(parent.paddingLeft) - parseFloat(parent.paddingRight);
    return e.getBoundingClientRect().width < room - 1;
  })
  .map(e => (e.querySelector('table') || e).id || 'table')"""

# A label wraps when its text takes more than one line.
WRAPPED = """() => [...document.querySelectorAll(
    'nav.navbar .nav-link, nav.navbar .navbar-brand, nav.navbar .btn, nav.navbar .navbar-text')]
  .filter(e => e.offsetParent)
  .filter(e => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const style = getComputedStyle(e);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
    return range.getBoundingClientRect().height > line * 1.5;
  })
  .map(e => e.textContent.trim())"""


def _problems(page: Page, name: str) -> list[tuple[str, str, list[str]]]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    found = []
    width = page.evaluate("window.innerWidth")
    if page.evaluate("document.documentElement.scrollWidth") > width:
        found.append((name, "wider than the window", page.evaluate(OVERFLOWING)))
    if narrow := page.evaluate(NARROW_TABLES):
        found.append((name, "table box squeezed", narrow))
    if width >= 1280 and (wrapped := page.evaluate(WRAPPED)):
        found.append((name, "navigation labels wrap", wrapped))
    return found


def _switch_language(page: Page, code: str) -> None:
    menu = page.locator("select[name=language]")
    if not menu.is_visible():  # on a phone the menu sits in the collapsed navigation
        page.locator(".navbar-toggler").click()
    menu.select_option(code)
    page.locator("#switch-language").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def _walk(page: Page, username: str) -> None:
    problems: list[tuple[str, str, list[str]]] = []
    # This test is about layout, not speed: on a loaded machine a page may take long to load.
    page.set_default_navigation_timeout(120_000)
    page.set_default_timeout(60_000)
    origin = page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2]
    for language in ("zh-hans", "en"):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(page.url)
        _switch_language(page, language)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for name, path in PAGES.items():
                page.goto(origin + path)
                if name == "indicators":
                    expect(page.locator(".indicator-chart[data-ready=true]")).to_have_count(8)
                    for number in range(1, 9):
                        chart = f"{name}-{width} chart {number}"
                        overlaps = legend_overlaps(page, f"#chart-{number}")
                        problems += [(chart, "legend overlaps", o) for o in overlaps]
                problems += _problems(page, f"{username}-{language}-{name}-{width}")
    assert problems == []


@pytest.fixture
def world(db: None) -> None:
    plan_load()
    indicators_plan_load()
    demo_load(count=20)


def test_the_park_office_pages_fit_every_width_in_both_languages(
    live_server: object, page: Page, alice: User, world: None
) -> None:
    log_in(page, live_server, "alice", "/")
    _walk(page, "admin")


def test_the_leader_pages_fit_every_width_in_both_languages(
    live_server: object, page: Page, lena: User, world: None
) -> None:
    log_in(page, live_server, "lena", "/")
    _walk(page, "leader")


def test_on_a_phone_the_navigation_opens_from_its_toggler_and_the_table_scrolls(
    live_server: object, page: Page, alice: User, world: None
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "alice", "/indicators/")
    menu = page.locator("#navbar-main")
    expect(menu).to_be_hidden()
    page.locator(".navbar-toggler").click()  # Bootstrap's own script: no inline script needed
    expect(menu).to_be_visible()
    page.locator("#nav-entries .dropdown-toggle", has_text="计划执行").click()
    page.locator("#nav-entries .dropdown-item", has_text="培育清单").click()
    expect(page).to_have_url(f"{live_server}/cultivation/")

    page.goto(f"{live_server}/indicators/")
    box = page.locator("#table-1").locator("xpath=..")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # it scrolls sideways
    name = page.locator("#indicator-1 td.text-start")
    # The name keeps a readable width (not one character per line): at most three lines.
    assert name.evaluate("e => e.getBoundingClientRect().width") > 100
