"""Accessibility: axe-core finds no serious or critical violation on the site's main pages.

axe-core comes inside the ``axe-playwright-python`` wheel (the ``test`` extra), so CI needs no
npm. Every page is checked on a phone and on a desktop, in the normal look and in the reading
mode («Версия для слабовидящих», switched on with its own button), and the phone's navigation
drawer and the search dialog are checked open. No rule is switched off: the theme's own
failures (the search dialog's name, the footer's contrast) are fixed by overrides/partials
and docs/assets/plansite.css.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    PHONE,
    VIEWPORTS,
    browser_fixture,
    site_server_fixture,
)

if TYPE_CHECKING:
    from conftest import Build

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = frozenset({"serious", "critical"})
# Each page type of the site; the post page is looked up in the build (see post_path).
PAGES = {
    "home": "",
    "plan": "plan/2019/",
    "activity": "plan/2019/thematic-lessons/",
    "calendar": "calendar/2019/",
    "month": "calendar/2019/04/",
    "month-with-today": "calendar/2019/05/",
    "regular-activity": "plan/2019/presidium-meetings/",
    "news": "news/",
    "post": None,
    "category": "news/category/branch/",
    "press": "press/",
    "report": "plan/2019/report/",
    "municipalities": "municipalities/",
    "municipality": "municipalities/vyazemsky/",
}
# Colours are measured only once the theme's colour transitions have finished.
NO_RUNNING_ANIMATIONS = "() => document.getAnimations().every(a => a.playState !== 'running')"


def post_path(site: Path) -> str:
    """A published post of the build: the first one with a lead picture, else the first one."""
    posts = sorted(site.glob("news/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
    assert posts, f"the build published no post under {site / 'news'}"
    with_picture = [p for p in posts if "post-lead" in p.read_text(encoding="utf-8")]
    chosen = (with_picture or posts)[0]
    return chosen.parent.relative_to(site).as_posix() + "/"


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(params=sorted(VIEWPORTS), name="tab")
def tab_fixture(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """A fresh tab (nothing remembered: the reading mode is off) on a phone or a desktop."""
    context = browser.new_context(**VIEWPORTS[request.param])
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        with contextlib.suppress(PlaywrightError):
            context.close()


def open_page(tab: Page, url: str) -> None:
    response = tab.goto(url)
    assert response is not None, url
    assert response.ok, f"{url}: HTTP {response.status}"
    tab.wait_for_load_state("load")
    tab.wait_for_load_state("networkidle")
    settle(tab)


def settle(tab: Page) -> None:
    tab.wait_for_function(NO_RUNNING_ANIMATIONS)


def switch_reading_mode_on(tab: Page) -> None:
    """Press «Версия для слабовидящих» as a reader would, and wait for the new colours."""
    button = tab.locator("[data-a11y-toggle]").first
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(tab.locator("html")).to_have_class(re.compile(r"(^|\s)a11y(\s|$)"))
    expect(button).to_have_attribute("aria-pressed", "true")
    settle(tab)


def describe(violations: list[dict[str, Any]]) -> str:
    """Every detail axe gives about the violations: rule, impact, help, and each element."""
    lines: list[str] = []
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n  {violation['description']}\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - target: {node['target']}")
            lines.append(f"    html:   {node['html']}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n            ")
            lines.append(f"    why:    {summary}")
    return "\n".join(lines)


def assert_no_blocking_violations(axe: Axe, tab: Page, where: str) -> None:
    results = axe.run(tab)
    violations = results.response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, (
        f"axe-core {results.response['testEngine']['version']} found "
        f"{len(blocking)} serious or critical violation(s) on {where} ({tab.url}):"
        + describe(blocking)
    )


@pytest.mark.parametrize("reading_mode", [False, True], ids=["normal", "reading-mode"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_serious_violation(
    name: str,
    reading_mode: bool,
    tab: Page,
    axe: Axe,
    site_server: str,
    shipped_build: Build,
) -> None:
    path = PAGES[name]
    if path is None:
        path = post_path(shipped_build.site)
    open_page(tab, site_server + path)
    if reading_mode:
        switch_reading_mode_on(tab)
    mode = "reading mode" if reading_mode else "normal look"
    assert_no_blocking_violations(axe, tab, f"the {name} page, {mode}")


@pytest.mark.parametrize("reading_mode", [False, True], ids=["normal", "reading-mode"])
def test_open_search_dialog_has_no_serious_violation(
    reading_mode: bool, tab: Page, axe: Axe, site_server: str
) -> None:
    """The search dialog, open with results: its name, the result list and the highlights."""
    open_page(tab, site_server + "plan/2019/")
    if reading_mode:
        switch_reading_mode_on(tab)
    opener = tab.locator("label.md-header__button[for='__search']")
    if opener.is_visible():  # a phone: the dialog opens from the header's magnifier
        opener.click()
    query = tab.get_by_role("textbox", name="Поиск")
    query.click()
    query.press_sequentially("план")
    expect(tab.locator(".md-search-result__item").first).to_be_visible()
    tab.locator("[data-search-filters] summary").click()  # the filters, open, are checked too
    expect(tab.get_by_label("Вид", exact=True)).to_be_visible()
    # The dialog box itself has no size on a phone (its parts are fixed-positioned).
    expect(tab.get_by_role("dialog", name="Поиск по сайту")).to_be_attached()
    settle(tab)
    assert_no_blocking_violations(axe, tab, "the plan page with the search dialog open")


@pytest.mark.parametrize("reading_mode", [False, True], ids=["normal", "reading-mode"])
def test_open_phone_drawer_has_no_serious_violation(
    reading_mode: bool, browser: Browser, axe: Axe, site_server: str
) -> None:
    """The phone's navigation drawer, open."""
    context = browser.new_context(**PHONE)
    context.set_default_timeout(15_000)
    try:
        tab = context.new_page()
        open_page(tab, site_server + "plan/2019/")
        if reading_mode:
            switch_reading_mode_on(tab)
        tab.locator("label.md-header__button[for='__drawer']").click()
        expect(tab.locator(".md-sidebar--primary .md-nav__link").first).to_be_visible()
        settle(tab)
        assert_no_blocking_violations(axe, tab, "the plan page with the drawer open")
    finally:
        with contextlib.suppress(PlaywrightError):
            context.close()
