"""Navigation: each generated page highlights its part of the site and shows breadcrumbs.

Checked in headless Chromium on a phone and a desktop: the top tab of an activity is «План
работы», of a month «Календарь», of a post «Новости», of a municipality «Муниципалитеты»;
the breadcrumbs lead back to the page above and to the home page; the plan's report is
reached from the plan section.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    VIEWPORTS,
    Recorder,
    assert_no_console_errors,
    assert_only_local_requests,
    browser_fixture,
    recorded_tab,
    site_server_fixture,
)

pytestmark = pytest.mark.browser

CASES = {  # page: (its tab, the breadcrumb links, where the last one leads)
    "plan/2019/thematic-lessons/": (
        "План работы",
        ["Главная", "План работы на 2019 год"],
        "plan/2019/",
    ),
    "plan/2019/report/": ("План работы", ["Главная", "План работы на 2019 год"], "plan/2019/"),
    "calendar/2019/04/": ("Календарь", ["Главная", "Календарь на 2019 год"], "calendar/2019/"),
    "news/2019/04/tematicheskie-uroki/": (
        "Новости",
        ["Главная", "Новости", "Новости 2019 года"],
        "news/2019/",
    ),
    "news/category/branch/": ("Новости", ["Главная", "Новости"], "news/"),
    "municipalities/vyazemsky/": (
        "Муниципалитеты",
        ["Главная", "Муниципальные образования"],
        "municipalities/",
    ),
}


@pytest.fixture(params=sorted(VIEWPORTS), name="tab")
def tab_fixture(
    request: pytest.FixtureRequest, browser: Browser
) -> Iterator[tuple[Page, Recorder, str]]:
    with recorded_tab(browser, VIEWPORTS[request.param]) as (tab, recorder):
        yield tab, recorder, request.param


def active_tab(page: Page) -> str:
    return page.locator(".md-tabs__item--active").inner_text().strip()


@pytest.mark.parametrize("path", list(CASES))
def test_page_highlights_its_tab_and_shows_breadcrumbs(
    tab: tuple[Page, Recorder, str], site_server: str, path: str
) -> None:
    page, recorder, _viewport = tab
    response = page.goto(site_server + path)
    assert response is not None and response.ok
    expected_tab, trail, above = CASES[path]
    assert page.locator(".md-tabs__item--active").count() == 1
    assert active_tab(page) == expected_tab
    crumbs = page.get_by_role("navigation", name="Навигационная цепочка")
    expect(crumbs).to_be_visible()
    links = crumbs.get_by_role("link")
    assert [text.strip() for text in links.all_inner_texts()] == trail
    title = page.locator("article h1").inner_text().strip()
    current = crumbs.locator("[aria-current=page]")
    assert " ".join(current.inner_text().split()) == " ".join(title.split())
    links.last.click()
    expect(page).to_have_url(site_server + above)
    page.go_back()
    crumbs.get_by_role("link", name="Главная", exact=True).click()
    expect(page).to_have_url(site_server)
    assert_no_console_errors(recorder)
    assert_only_local_requests(recorder, site_server)


def test_plan_report_is_reached_from_the_plan_section(
    tab: tuple[Page, Recorder, str], site_server: str
) -> None:
    page, recorder, _ = tab
    page.goto(site_server + "plan/2019/")
    page.get_by_role("article").get_by_role("link", name="Выполнение плана", exact=True).click()
    expect(page).to_have_url(site_server + "plan/2019/report/")
    assert active_tab(page) == "План работы"
    assert_no_console_errors(recorder)
    assert_only_local_requests(recorder, site_server)
