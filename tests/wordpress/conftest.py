"""The browser fixtures of tests/browser, for the WordPress tests."""

from tests.browser.conftest import browser, playwright, screenshot_dir

__all__ = ["browser", "playwright", "screenshot_dir"]
