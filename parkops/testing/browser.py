"""Browser tests' shared steps (Playwright)."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import Page, expect

from parkops.testing.world import PASSWORD


def log_in(page: Page, live_server: object, username: str, path: str = "/") -> None:
    """Open `path` as an anonymous visitor, find oneself on the login page, sign in as `username`
    (a fixture user with the shared test password) and land on `path`."""
    page.goto(f"{live_server}{path}")
    expect(page).to_have_url(f"{live_server}/accounts/login/?next={quote(path, safe='/')}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("#login-form button[type=submit]")
