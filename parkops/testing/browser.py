"""Browser tests' shared steps (Playwright)."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from playwright.sync_api import Page, Request, Route, expect

from parkops.testing.world import PASSWORD


def log_in(page: Page, live_server: object, username: str, path: str = "/") -> None:
    """Open `path` as an anonymous visitor, find oneself on the login page, sign in as `username`
    (a fixture user with the shared test password) and land on `path`."""
    page.goto(f"{live_server}{path}")
    expect(page).to_have_url(f"{live_server}/accounts/login/?next={quote(path, safe='/')}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form button[type=submit]")


def open_navigation(page: Page) -> None:
    """On a phone the navigation sits behind the navbar's toggler, which slides open: wait for
    the slide's end (Bootstrap marks the bar `.show` only then). A dropdown opened while it still
    slides is hidden again when the slide ends."""
    toggler = page.locator(".navbar-toggler")
    if toggler.count() and toggler.is_visible():
        toggler.click()
        expect(page.locator(".navbar-collapse.show")).to_be_visible()


def log_out(page: Page, live_server: object) -> None:
    """Sign out through the user's menu, at any width."""
    open_navigation(page)
    page.click("#current-user")
    expect(page.locator("#log-out")).to_be_visible()
    page.click("#log-out")
    # The logout is a POST: wait for its answer, or the next page may still find the user signed in.
    expect(page).to_have_url(f"{live_server}/accounts/login/")


def htmx_settled(page: Page) -> None:
    """Wait out the filter form's typing debounce (`keyup changed delay:400ms`) and every HTMX
    request still in flight. Pressing Enter in the search box fires three requests (change,
    submit, then the debounced keyup 400 ms later); a click made between the first answer and the
    last one lands on results that are about to be swapped away."""
    page.wait_for_timeout(450)
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


# Pairs of texts of an ECharts chart (SVG renderer) whose boxes overlap, where one is a legend
# entry: a legend laid over the axis labels or the axis name shows up here.
_LEGEND_OVERLAPS = """el => {
  const chart = echarts.getInstanceByDom(el);
  const names = new Set(chart.getOption().legend.flatMap(l => (l.data || []).map(String)));
  const texts = [...el.querySelectorAll('svg text')].filter(t => t.getBoundingClientRect().width > 0);
  const legend = texts.filter(t => names.has(t.textContent));
  const others = texts.filter(t => !names.has(t.textContent));
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return legend.flatMap(l => others
    .filter(o => hit(l.getBoundingClientRect(), o.getBoundingClientRect()))
    .map(o => [l.textContent, o.textContent]));
}"""


def legend_overlaps(page: Page, selector: str) -> list[list[str]]:
    """The (legend entry, other text) pairs that overlap in the chart drawn in `selector`."""
    overlaps: list[list[str]] = page.locator(selector).evaluate(_LEGEND_OVERLAPS)
    return overlaps


def requests_elsewhere(page: Page, live_server: object) -> list[str]:
    """Refuse every request of `page` to a host other than the test server (the park's intranet
    has no internet) and collect their URLs in the list returned, for the test to assert empty."""
    own_host = urlsplit(str(live_server)).netloc
    elsewhere: list[str] = []

    def only_our_server(route: Route, request: Request) -> None:
        if urlsplit(request.url).netloc not in ("", own_host) and request.url.startswith("http"):
            elsewhere.append(request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", only_our_server)
    return elsewhere
