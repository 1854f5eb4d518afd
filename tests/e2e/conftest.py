"""Browser tests: Playwright driving Debian's Chromium against a live server.

The browser is Debian's /usr/bin/chromium (Playwright's own download cannot work on
an offline machine). Where it is missing, the tests are skipped on a developer's
machine, and fail in CI (THIDUA_REQUIRE_BROWSER=1 or CI set), so that CI never
passes without having driven a browser.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM, used by the
# test itself to look things up, refuses that unless told it is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


def browser_required() -> bool:
    return bool(os.environ.get("THIDUA_REQUIRE_BROWSER") or os.environ.get("CI"))


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if browser_required():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # The context's locale sets navigator.language and Intl, but a date input is drawn
        # in Chromium's own UI language, which on Linux comes from LANGUAGE (and needs
        # Debian's chromium-l10n): without it the form shows 06/30/2025.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=ARGS,
            headless=True,
            env={**os.environ, "LANGUAGE": "vi"},
        )
        yield browser
        browser.close()


@pytest.fixture
def live(live_server, transactional_db, settings):
    """The live server with the demo loaded, in demo mode."""
    from tests.conftest import ensure_demo

    settings.DEMO_MODE = True
    ensure_demo()
    return live_server


@pytest.fixture
def page_factory(browser):
    contexts = []

    def make(viewport=DESKTOP):
        # A Vietnamese browser in Hà Nội time, as the ward's staff have.
        context = browser.new_context(
            viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, base_url: str, username: str, password: str = "thidua-demo") -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{base_url}/")
