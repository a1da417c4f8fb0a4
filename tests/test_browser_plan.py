"""A visitor on a phone: home page → plan → activity → month calendar, search, print, tooltips.

The shipped site is served from 127.0.0.1 and driven in headless Debian Chromium. After every
step the page must have logged no console error, thrown no error and asked no other host
for anything (fonts, scripts, analytics).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    PHONE,
    Recorder,
    assert_no_console_errors,
    assert_only_local_requests,
    browser_fixture,
    page_fixture,
    recorder_fixture,
    site_server_fixture,
    wait_for_animations,
)

pytestmark = pytest.mark.browser

PLAN_TITLE = (
    "План работы Смоленского Регионального отделения Общероссийской общественной организации "
    "«Всероссийский Совет местного самоуправления» на 2019 год"
)
SECTIONS = (
    "I. Заседания руководящих органов регионального отделения",
    "II. Участие в избирательных компаниях",
    "III. Мероприятия в рамках информационно-и учебно-методического, консультационного, "
    "аналитического и экспертного направления деятельности ВСМС",
    "IV. Мероприятия по взаимодействию с органами государственной власти, политическими "
    "партиями, общественными организациями, ассоциациями",
    "V. Работа по наращиванию персонального состава Регионального отделения",
    "VI. Организационная работа",
    "VII. Работа со СМИ",
)
LESSONS = (
    "Проведение тематических уроков посвященных Дню местного самоуправления "
    "в общеобразовательных учреждениях Смоленской области"
)
OLYMPIAD = "Олимпиада по основам местного самоуправления"
VSMS = "Всероссийский Совет местного самоуправления"
PAGES = (
    "",
    "plan/2019/",
    "plan/2019/thematic-lessons/",
    "calendar/2019/",
    "calendar/2019/04/",
    "glossary/",
    "about/",
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass
class Visitor:
    """A phone visitor: the tab, what it did, and the local site's address."""

    page: Page
    recorder: Recorder
    base_url: str

    def open(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None, path
        assert response.ok, f"{path}: HTTP {response.status}"
        self.settle()

    def settle(self) -> None:
        """Let the page finish loading, late requests included, then check it behaved."""
        self.page.wait_for_load_state("load")
        self.page.wait_for_load_state("networkidle")
        self.check()

    def check(self) -> None:
        assert_no_console_errors(self.recorder)
        assert_only_local_requests(self.recorder, self.base_url)

    def follow(self, link: Locator, path: str) -> None:
        expect(link).to_be_visible()
        link.click()
        expect(self.page).to_have_url(self.base_url + path)
        self.settle()

    @property
    def content(self) -> Locator:
        """The page's main text (Material's ``<article>``): no header, tabs or drawer."""
        return self.page.get_by_role("article")

    def h1(self) -> Locator:
        return self.page.get_by_role("heading", level=1)


@pytest.fixture
def visitor(page: Page, recorder: Recorder, site_server: str) -> Visitor:
    return Visitor(page, recorder, site_server)


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE), "not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_phone_visitor_walks_from_home_to_plan_activity_and_month(
    visitor: Visitor, tmp_path: Path
) -> None:
    page, content = visitor.page, visitor.content
    visitor.open("")
    expect(page).to_have_title("Смоленское РО ВСМС")

    # Home → plan, by the link the home page gives.
    visitor.follow(content.get_by_role("link", name=PLAN_TITLE, exact=True), "plan/2019/")
    expect(visitor.h1()).to_have_text(PLAN_TITLE)
    sections = content.get_by_role("heading", level=2)
    expect(sections).to_have_text(["План по месяцам", *SECTIONS])  # the timeline, then each
    for heading in sections.all():
        expect(heading).to_be_visible()

    # Plan → one activity.
    lessons = content.get_by_role("link", name=LESSONS, exact=True)
    visitor.follow(lessons, "plan/2019/thematic-lessons/")
    expect(visitor.h1()).to_have_text(LESSONS)
    expect(content).to_contain_text("Срок по плану: апрель")
    expect(content).not_to_contain_text("Когда:")

    # Activity → its month, by the plan's own wording of the term.
    april = content.get_by_role("link", name="апрель", exact=True)
    visitor.follow(april, "calendar/2019/04/")
    expect(visitor.h1()).to_have_text("Апрель 2019")
    expect(content.get_by_role("table", name="Апрель 2019")).to_be_visible()
    listed = content.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=LESSONS, exact=True)
    )
    expect(listed).to_have_count(1)
    expect(listed).to_be_visible()
    expect(listed).to_have_text(LESSONS)  # under «Проходит в апреле»: the month is named there
    expect(content.get_by_role("heading", name="Проходит в апреле")).to_be_visible()

    shot = tmp_path / "calendar-2019-04.png"
    page.screenshot(path=shot, full_page=True)
    width, height = png_size(shot.read_bytes())
    assert width == PHONE["viewport"]["width"] * PHONE["device_scale_factor"]
    assert height >= PHONE["viewport"]["height"]
    assert shot.stat().st_size > 10_000, "the screenshot is suspiciously small"

    # Month → next month.
    visitor.follow(content.get_by_role("link", name="Май 2019", exact=True), "calendar/2019/05/")
    expect(visitor.h1()).to_have_text("Май 2019")
    expect(content.get_by_role("link", name=OLYMPIAD, exact=True)).to_be_visible()
    expect(lessons).to_have_count(0)
    visitor.check()


def test_abbreviation_shows_its_expansion_on_tap(visitor: Visitor) -> None:
    visitor.open("plan/2019/")
    vsms = visitor.content.locator(f'abbr[title="{VSMS}"]').filter(has_text="ВСМС")
    expect(vsms.first).to_be_visible()
    assert vsms.count() > 1

    vsms.first.tap()
    tooltip = visitor.page.get_by_role("tooltip").filter(has_text=VSMS)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(VSMS)
    visitor.check()


def test_printed_plan_has_no_header_or_navigation(visitor: Visitor) -> None:
    visitor.open("plan/2019/")
    header = visitor.page.locator(".md-header")
    plan_links = visitor.content.locator(".plan-links")  # hidden by plansite.css only
    expect(header).to_be_visible()
    expect(plan_links).to_be_visible()

    visitor.page.emulate_media(media="print")
    expect(header).to_be_hidden()
    expect(plan_links).to_be_hidden()
    expect(visitor.h1()).to_have_text(PLAN_TITLE)
    activities = visitor.content.locator("h2#governing-bodies + ul")
    expect(activities).to_be_visible()
    expect(activities.get_by_role("link").first).to_be_visible()
    expect(visitor.content.get_by_role("link", name=LESSONS, exact=True)).to_be_visible()
    expect(visitor.content.get_by_role("link", name=OLYMPIAD, exact=True)).to_be_visible()
    visitor.check()


def test_printed_month_has_no_month_navigation(visitor: Visitor) -> None:
    visitor.open("calendar/2019/04/")
    month_nav = visitor.content.locator(".month-nav")
    expect(month_nav).to_be_visible()

    visitor.page.emulate_media(media="print")
    expect(visitor.page.locator(".md-header")).to_be_hidden()
    expect(month_nav).to_be_hidden()
    expect(visitor.h1()).to_have_text("Апрель 2019")
    expect(visitor.content.get_by_role("link", name=LESSONS, exact=True)).to_be_visible()
    # The grid prints, and the folded all-year line prints open: paper cannot be tapped.
    expect(visitor.content.locator("table.month-grid")).to_be_visible()
    all_year = visitor.content.locator("details#all-year a")
    expect(all_year.first).to_be_visible()
    visitor.check()


def test_search_finds_the_olympiad_in_russian(visitor: Visitor) -> None:
    page = visitor.page
    visitor.open("")
    # On a phone the search field hides behind the header's magnifier button.
    page.locator('label.md-header__button[for="__search"]').click()
    query = page.get_by_role("textbox", name="Поиск")
    expect(query).to_be_focused()
    query.press_sequentially("олимпиада")
    expect(query).to_have_value("олимпиада")

    results = page.locator("[data-search-results]")
    hit = results.get_by_role("link").filter(has_text=OLYMPIAD).first
    expect(hit).to_be_visible()
    wait_for_animations(page)  # the dialog slides in on phones; click the link, not beside it
    assert urlsplit(hit.evaluate("a => a.href")).path == "/plan/2019/local-government-olympiad/"
    assert any("/pagefind/" in url for url in visitor.recorder.requests)
    visitor.check()

    hit.click()
    expect(page).to_have_url(f"{visitor.base_url}plan/2019/local-government-olympiad/")
    visitor.settle()
    expect(visitor.h1()).to_have_text(OLYMPIAD)


def test_pages_ask_no_other_host_for_anything(
    page: Page, recorder: Recorder, site_server: str
) -> None:
    """Plain page loads, no interaction: only 127.0.0.1 is asked, nothing is logged as an error.

    Regression: absolute feed links (``<link rel="alternate" href="<site_url>rss.xml">``) made
    Material fetch ``<site_url>sitemap.xml`` — another host — on every page load, because the
    theme fetches ``sitemap.xml`` beside every ``link[rel=alternate]``.
    """
    for path in PAGES:
        response = page.goto(site_server + path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
    assert_only_local_requests(recorder, site_server)
    assert_no_console_errors(recorder)


def test_feed_links_cost_no_sitemap_download(
    page: Page, recorder: Recorder, site_server: str
) -> None:
    """The theme fetches ``sitemap.xml`` beside every ``link[rel=alternate]`` it sees at load:
    beside a listing's own feeds that was a 404 on every visit, beside the site's feeds a
    download of the whole sitemap. Page loads ask for no sitemap, and the feed links are
    back in the page once it has loaded."""
    for path in ("", "municipalities/demidovsky/", "news/category/branch/"):
        page.goto(site_server + path)
        page.wait_for_load_state("networkidle")
        feeds = page.locator('head link[rel="alternate"]')
        assert feeds.count() >= 1, path
    assert [url for url in recorder.requests if url.endswith("sitemap.xml")] == []
    assert_no_console_errors(recorder)
