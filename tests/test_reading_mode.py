"""«Версия для слабовидящих»: large text and high contrast, switched on any page, remembered.

The shipped site is served from 127.0.0.1 and driven in headless Debian Chromium on a phone
and on a desktop. A reader presses the button in the banner above the header: the text
grows and turns white on black, and the button says «Обычная версия». The choice survives
following a link and reloading, and the next page is in the chosen mode from its very
first paint (the ``a11y`` class is on ``<html>`` before ``<body>`` is parsed). Pressing the
button again switches back, and that is remembered too.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    DESKTOP,
    PHONE,
    VIEWPORTS,
    Recorder,
    assert_no_console_errors,
    assert_only_local_requests,
    browser_fixture,
    recorded_tab,
    site_server_fixture,
    wait_for_animations,
)

pytestmark = pytest.mark.browser

STORAGE_KEY = "plansite-a11y"
TURN_ON = "Версия для слабовидящих"
TURN_OFF = "Обычная версия"
PLAN_TITLE = (
    "План работы Смоленского Регионального отделения Общероссийской общественной организации "
    "«Всероссийский Совет местного самоуправления» на 2019 год"
)
BLACK = "rgb(0, 0, 0)"
WHITE = "rgb(255, 255, 255)"
MIN_ENLARGEMENT = 1.19  # the mode makes text 1.2 times larger on phones and laptops
A11Y_CLASS = re.compile(r"(^|\s)a11y(\s|$)")

# Runs in every new document before the page's own scripts: notes whether <html> carries
# the reading-mode class when <body> first appears (before anything is painted) and at
# DOMContentLoaded, so a page that switched the mode on only later would be caught.
RECORD_EARLY_MODE = """
(() => {
  const mode = () => document.documentElement.classList.contains("a11y");
  const observer = new MutationObserver(() => {
    if (document.body) {
      window.__a11yAtBody = mode();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => { window.__a11yAtReady = mode(); });
})();
"""

MEASURE = """
() => {
  const paragraph = document.querySelector("article.md-typeset p");
  const style = element => getComputedStyle(element);
  return {
    fontSize: parseFloat(style(paragraph).fontSize),
    text: style(paragraph).color,
    body: style(document.body).backgroundColor,
    main: style(document.querySelector(".md-main")).backgroundColor,
    header: style(document.querySelector(".md-header")).backgroundColor,
  };
}
"""


@pytest.fixture(params=sorted(VIEWPORTS), name="tab")
def tab_fixture(
    request: pytest.FixtureRequest, browser: Browser
) -> Iterator[tuple[Page, Recorder]]:
    """A fresh tab (nothing remembered) on a phone or a desktop, with its recorder."""
    with recorded_tab(browser, VIEWPORTS[request.param], init_script=RECORD_EARLY_MODE) as tab:
        yield tab


def settle(page: Page) -> None:
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")
    wait_for_animations(page)


def measure(page: Page) -> dict:
    wait_for_animations(page)  # the theme animates colour changes
    return page.evaluate(MEASURE)


def early_mode(page: Page) -> list[bool]:
    return page.evaluate("() => [window.__a11yAtBody, window.__a11yAtReady]")


def stored(page: Page) -> str | None:
    return page.evaluate(f"() => localStorage.getItem({STORAGE_KEY!r})")


def expect_mode(page: Page, on: bool) -> None:
    """The page is fully in (or out of) the reading mode, and the button says so."""
    html = page.locator("html")
    button = page.locator("[data-a11y-toggle]")
    expect(button).to_have_count(1)
    expect(button).to_be_visible()
    if on:
        expect(html).to_have_class(A11Y_CLASS)
        expect(button).to_have_text(TURN_OFF)
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(button).to_have_accessible_name(TURN_OFF)
    else:
        expect(html).not_to_have_class(A11Y_CLASS)
        expect(button).to_have_text(TURN_ON)
        expect(button).to_have_attribute("aria-pressed", "false")
        expect(button).to_have_accessible_name(TURN_ON)
    assert early_mode(page) == [on, on], "the mode must be applied before the first paint"


def assert_high_contrast(look: dict) -> None:
    assert look["body"] == BLACK, look
    assert look["main"] == BLACK, look
    assert look["header"] == BLACK, look
    assert look["text"] == WHITE, look


def test_reading_mode_is_switched_and_remembered(
    tab: tuple[Page, Recorder], site_server: str
) -> None:
    page, recorder = tab
    home = site_server

    response = page.goto(home)
    assert response is not None and response.ok
    settle(page)
    expect_mode(page, on=False)
    assert stored(page) is None
    normal = measure(page)
    assert normal["body"] != BLACK, normal
    assert normal["text"] != WHITE, normal

    # Switch on: bigger text, white on black.
    page.get_by_role("button", name=TURN_ON, exact=True).click()
    expect(page.locator("html")).to_have_class(A11Y_CLASS)
    large = measure(page)
    assert large["fontSize"] / normal["fontSize"] >= MIN_ENLARGEMENT, (normal, large)
    assert_high_contrast(large)
    expect(page.locator("[data-a11y-toggle]")).to_have_text(TURN_OFF)
    expect(page.locator("[data-a11y-toggle]")).to_have_attribute("aria-pressed", "true")
    assert stored(page) == "on"

    # Follow a link: the next page opens in the reading mode.
    plan_link = page.get_by_role("article").get_by_role("link", name=PLAN_TITLE, exact=True)
    plan_link.click()
    expect(page).to_have_url(home + "plan/2019/")
    settle(page)
    expect_mode(page, on=True)
    plan_large = measure(page)
    assert_high_contrast(plan_large)

    # Reload: still on.
    page.reload()
    settle(page)
    expect_mode(page, on=True)
    assert measure(page) == plan_large

    # Switch off on this page: normal size and colours again.
    page.get_by_role("button", name=TURN_OFF, exact=True).click()
    expect(page.locator("html")).not_to_have_class(A11Y_CLASS)
    plan_normal = measure(page)
    ratio = plan_large["fontSize"] / plan_normal["fontSize"]
    assert ratio >= MIN_ENLARGEMENT, (plan_normal, plan_large)
    assert plan_normal["body"] != BLACK, plan_normal
    assert plan_normal["text"] != WHITE, plan_normal
    expect(page.locator("[data-a11y-toggle]")).to_have_text(TURN_ON)
    expect(page.locator("[data-a11y-toggle]")).to_have_attribute("aria-pressed", "false")
    assert stored(page) == "off"

    # The choice to switch off is remembered as well: on the next page and after a reload.
    page.get_by_role("article").get_by_role("link").filter(has_text="Календарь по месяцам").click()
    expect(page).to_have_url(home + "calendar/2019/")
    settle(page)
    expect_mode(page, on=False)
    page.reload()
    settle(page)
    expect_mode(page, on=False)
    assert measure(page)["body"] == normal["body"]

    assert_no_console_errors(recorder)
    assert_only_local_requests(recorder, site_server)


def test_reading_mode_set_in_another_tab_applies_on_open(
    tab: tuple[Page, Recorder], site_server: str
) -> None:
    """A page opened in a new tab of the same browser follows the remembered choice."""
    page, recorder = tab
    page.goto(site_server + "glossary/")
    settle(page)
    page.get_by_role("button", name=TURN_ON, exact=True).click()
    expect(page.locator("html")).to_have_class(A11Y_CLASS)

    other = page.context.new_page()
    other.on("pageerror", lambda error: recorder.page_errors.append(f"{other.url}: {error}"))
    response = other.goto(site_server + "about/")
    assert response is not None and response.ok
    settle(other)
    expect_mode(other, on=True)
    assert_high_contrast(measure(other))
    assert_no_console_errors(recorder)
    assert_only_local_requests(recorder, site_server)


@pytest.mark.parametrize("width", [1920, 2560])
def test_reading_mode_enlarges_text_on_wide_screens(
    browser: Browser, site_server: str, width: int
) -> None:
    context = browser.new_context(**{**DESKTOP, "viewport": {"width": width, "height": 1080}})
    try:
        page = context.new_page()
        page.goto(site_server)
        settle(page)
        normal = measure(page)
        page.get_by_role("button", name=TURN_ON, exact=True).click()
        expect(page.locator("html")).to_have_class(A11Y_CLASS)
        large = measure(page)
        assert_high_contrast(large)
        assert large["fontSize"] / normal["fontSize"] >= MIN_ENLARGEMENT, (normal, large)
    finally:
        with contextlib.suppress(PlaywrightError):
            context.close()
