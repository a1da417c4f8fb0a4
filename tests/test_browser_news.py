"""A reader on a phone follows the news to the plan they report on (issue 3).

Home → «Все новости» → the news list → a post → the plan activity it reports on → the
plan-execution report. The project is built at 2020-01-01, when every shipped post is
published (the session's ``shipped_build`` stands at 2019-05-01, when most are scheduled),
served from 127.0.0.1 and driven in headless Debian Chromium. After every step the page
has logged no console error, thrown no error, asked no other host for anything, and
announces the news feeds (RSS and Atom) at addresses that exist.

Expectations about reports come from the posts' own front matter (``plan:``) and from
``data/plan.yaml``, read here without the product's code.
"""

from __future__ import annotations

import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    LOCAL_HOST,
    Recorder,
    assert_no_console_errors,
    assert_only_local_requests,
    browser_fixture,
    page_fixture,
    recorder_fixture,
    serve_directory,
    wait_for_animations,
)
from conftest import Build, copy_project, run_mkdocs

pytestmark = pytest.mark.browser

EPOCH = "1577836800"  # 2020-01-01 00:00 UTC: every shipped post is published
BUILD_DAY = date(2020, 1, 1)
YEAR = 2019
SEMINAR_TITLE = "Семинар-совещание Смоленского регионального отделения ВСМС"
SEMINAR = "news/2019/09/seminar/"
SEMINAR_ACTIVITY = "plan/2019/seminar-meeting/"
SEMINAR_ACTIVITY_TITLE = "Организация семинара- совещания Смоленского РО ВСМС"
BRANCH = "Деятельность отделения"
FEEDS = {
    "application/rss+xml": ("rss.xml", "rss20"),
    "application/atom+xml": ("atom.xml", "atom10"),
}
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


@pytest.fixture(scope="module")
def news_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_mkdocs(copy_project(tmp_path_factory.mktemp("browser-news")), epoch=EPOCH)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def news_server(news_build: Build) -> Iterator[str]:
    """The 2020 build served over HTTP on 127.0.0.1; yields the base URL ending in ``/``."""
    with serve_directory(news_build.site) as base_url:
        yield base_url


def published_posts(project: Path) -> list[dict]:
    """Front matter of every post published on the build day (no drafts, nothing later)."""
    posts = []
    for source in sorted((project / "news").rglob("*.md")):
        match = FRONT_MATTER.match(source.read_text(encoding="utf-8"))
        assert match, f"{source} has no front matter"
        fields = yaml.safe_load(match.group(1))
        when = fields["date"]
        day = when if isinstance(when, date) else datetime.fromisoformat(str(when)).date()
        if fields.get("draft") or day > BUILD_DAY:
            continue
        posts.append(fields)
    return posts


def plan_activity_ids(project: Path, year: int) -> list[str]:
    data = yaml.safe_load((project / "data" / "plan.yaml").read_text(encoding="utf-8"))
    (plan,) = [p for p in data["plans"] if p["year"] == year]
    return [a["id"] for section in plan["sections"] for a in section["activities"]]


@dataclass
class Reader:
    """A phone reader: the tab, what it did, the local site and the files behind it."""

    page: Page
    recorder: Recorder
    base_url: str
    site: Path
    feeds_checked: set[str] = field(default_factory=set)

    def open(self, path: str) -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None, path
        assert response.ok, f"{path}: HTTP {response.status}"
        self.settle()

    def follow(self, link: Locator, path: str) -> None:
        expect(link).to_be_visible()
        link.click()
        expect(self.page).to_have_url(self.base_url + path)
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_load_state("load")
        self.page.wait_for_load_state("networkidle")
        self.check()

    def check(self) -> None:
        assert_no_console_errors(self.recorder)
        assert_only_local_requests(self.recorder, self.base_url)
        self.check_feed_links()

    def check_feed_links(self) -> None:
        """The page announces the RSS and the Atom feed, at addresses that hold those feeds."""
        for kind, (path, version) in FEEDS.items():
            links = self.page.locator(f'head link[rel="alternate"][type="{kind}"]')
            expect(links).to_have_count(1)
            href = links.evaluate("link => link.href")  # resolved against the page's address
            assert href == self.base_url + path, f"{self.page.url}: {kind} → {href}"
            assert (self.site / urlsplit(href).path.lstrip("/")).is_file(), href
            if href not in self.feeds_checked:
                with urllib.request.urlopen(href, timeout=10) as response:
                    feed = feedparser.parse(response.read())
                assert not feed.bozo, f"{href}: {feed.get('bozo_exception')}"
                assert feed.version == version, href
                assert feed.entries, href
                self.feeds_checked.add(href)

    @property
    def content(self) -> Locator:
        return self.page.get_by_role("article")

    def h1(self) -> Locator:
        return self.page.get_by_role("heading", level=1)


@pytest.fixture
def reader(page: Page, recorder: Recorder, news_server: str, news_build: Build) -> Reader:
    return Reader(page, recorder, news_server, news_build.site)


def _links_resolving_to(scope: Locator, target: str) -> Locator:
    hrefs = scope.locator("a[href]").evaluate_all("links => links.map(link => link.href)")
    indexes = [i for i, href in enumerate(hrefs) if href == target]
    assert indexes, f"no link to {target} among {hrefs}"
    return scope.locator("a[href]").nth(indexes[0])


def test_reader_goes_from_home_through_a_post_to_the_plan_report(
    reader: Reader, news_build: Build
) -> None:
    page, content = reader.page, reader.content
    reader.open("")

    # Home → all news.
    reader.follow(content.get_by_role("link", name="Все новости", exact=True), "news/")
    expect(reader.h1()).to_have_text("Новости")

    # News list → the seminar post.
    reader.follow(content.get_by_role("link", name=SEMINAR_TITLE, exact=True), SEMINAR)
    expect(reader.h1()).to_have_text(SEMINAR_TITLE)
    expect(page).to_have_title(f"{SEMINAR_TITLE} — Смоленское РО ВСМС")
    byline = content.locator(".post-byline")
    expect(byline).to_be_visible()
    expect(byline).to_contain_text("26 сентября 2019 г.")
    category = byline.get_by_role("link", name=BRANCH, exact=True)
    expect(category).to_be_visible()
    assert category.evaluate("a => a.href") == reader.base_url + "news/category/branch/"

    picture = content.locator("img.post-lead")
    expect(picture).to_have_count(1)
    picture.scroll_into_view_if_needed()
    expect(picture).to_be_visible()
    expect(picture).to_have_attribute("width", "1200")
    expect(picture).to_have_attribute("height", "630")
    expect(picture).to_have_attribute("alt", SEMINAR_TITLE)
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    natural = picture.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert natural == [1200, 630]
    box = picture.bounding_box()
    assert box is not None
    assert 0 < box["width"] <= page.viewport_size["width"], box  # fits the phone
    assert box["height"] == pytest.approx(box["width"] * 630 / 1200, abs=2), box
    reader.check()

    # Post → the plan activity it reports on.
    plan_block = content.locator("h2#plan + ul")
    expect(plan_block).to_be_visible()
    activity = _links_resolving_to(plan_block, reader.base_url + SEMINAR_ACTIVITY)
    expect(activity).to_have_text(SEMINAR_ACTIVITY_TITLE)
    reader.follow(activity, SEMINAR_ACTIVITY)
    expect(reader.h1()).to_have_text(SEMINAR_ACTIVITY_TITLE)

    # The activity lists the post under «Отчёты о выполнении».
    reports_heading = content.locator("h2#reports")
    expect(reports_heading).to_have_text("Отчёты о выполнении")
    reports = content.locator("h2#reports + ul > li")
    expect(reports).to_have_count(1)
    report = _links_resolving_to(reports.first, reader.base_url + SEMINAR)
    expect(report).to_have_text(SEMINAR_TITLE)
    expect(reports.first).to_contain_text("26 сентября 2019 г.")
    reports.first.scroll_into_view_if_needed()
    expect(report).to_be_visible()

    # Activity → the plan-execution report, through the phone's navigation drawer
    # («О сайте» → «Выполнение плана»).
    page.locator('label.md-header__button[for="__drawer"]').click()
    wait_for_animations(page)
    navigation = page.locator("nav.md-nav--primary")
    navigation.locator("label.md-nav__link").filter(has_text="О сайте").click()
    wait_for_animations(page)
    report_link = navigation.locator("a.md-nav__link").filter(has_text="Выполнение плана")
    reader.follow(report_link, "plan/2019/report/")
    expect(reader.h1()).to_have_text("Выполнение плана на 2019 год")

    activity_ids = plan_activity_ids(news_build.project, YEAR)
    reported = {
        activity_id
        for post in published_posts(news_build.project)
        for activity_id in post.get("plan") or ()
        if activity_id in activity_ids
    }
    assert 0 < len(reported) < len(activity_ids)
    summary = content.locator(".report-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(
        re.compile(rf"Есть отчёты по {len(reported)} из {len(activity_ids)} мероприяти[йя]")
    )
    seminar_entry = content.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=SEMINAR_ACTIVITY_TITLE, exact=True)
    )
    expect(seminar_entry).to_have_count(1)
    expect(seminar_entry).to_contain_text("1 отчёт, последний — 26 сентября 2019 г.")
    expect(_links_resolving_to(seminar_entry, reader.base_url + SEMINAR)).to_be_visible()
    unreported = content.get_by_role("listitem").filter(has_text="Отчётов нет")
    expect(unreported).to_have_count(len(activity_ids) - len(reported))
    reader.check()
