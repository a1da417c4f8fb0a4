"""The public side at the size the site will grow to: the benchmark's generated posts.

A copy of the project whose ``news/`` holds a few hundred generated posts (four years, every
category, most municipalities, some with pictures) is built once and read as the public
reads it, in Chromium: Russian search with its filters and a small first download, the
highlighted tab and breadcrumbs, the home page's cards, and a 360 px phone in the reading
mode. The shipped content has a dozen posts; these checks hold the same promises at scale.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from benchmark_corpus import corpus
from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    PHONE,
    Recorder,
    assert_no_console_errors,
    assert_only_local_requests,
    browser_fixture,
    recorded_tab,
    serve_directory,
    wait_for_animations,
)
from conftest import Build, run_mkdocs
from pagefind_index import indexed_pages
from plansite.load.plan import load_plan_data
from search_reader import Reader, choose, reader_for

pytestmark = pytest.mark.browser

POSTS = 240
EVERY_POST_PUBLISHED = "1704067200"  # 2024-01-01 00:00 UTC, after the last generated post
FIRST_QUERY_BUDGET = 300 * 1024
NARROW_PHONE = {**PHONE, "viewport": {"width": 360, "height": 740}}
POST_PAGE = re.compile(r"^news/\d{4}/\d{2}/[^/]+/$")


@pytest.fixture(scope="module")
def posts() -> list[Any]:
    return corpus.generate_corpus(POSTS)


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory, posts: list[Any]) -> Build:
    project = corpus.write_plansite_project(tmp_path_factory.mktemp("corpus") / "project", posts)
    build = run_mkdocs(project, epoch=EVERY_POST_PUBLISHED)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def base_url(corpus_build: Build) -> Iterator[str]:
    with serve_directory(corpus_build.site) as url:
        yield url


@pytest.fixture
def phone_reader(browser: Browser, base_url: str) -> Iterator[Reader]:
    yield from reader_for(browser, PHONE, base_url)


def post_pages(site: Path) -> list[str]:
    pages = (path.parent.relative_to(site).as_posix() + "/" for path in site.rglob("index.html"))
    return sorted(page for page in pages if POST_PAGE.match(page))


def test_every_post_is_searchable_as_a_dated_news_item(corpus_build: Build) -> None:
    pages = post_pages(corpus_build.site)
    assert len(pages) == POSTS
    index = indexed_pages(corpus_build.site)
    missing = [page for page in pages if page not in index]
    assert missing == []
    kinds = Counter(index[page]["meta"].get("kind") for page in pages)
    assert kinds == Counter({"новость": POSTS})
    undated = [page for page in pages if not index[page]["meta"].get("date")]
    assert undated == []


def unique_title(posts: list[Any]) -> str:
    counts = Counter(post.title for post in posts)
    return next(title for title, count in sorted(counts.items()) if count == 1)


def test_a_post_is_found_by_its_title_typed_in_lower_case_without_yo(
    phone_reader: Reader, posts: list[Any], corpus_build: Build
) -> None:
    title = unique_title(posts)
    phone_reader.open()
    phone_reader.search(title.lower().replace("ё", "е"))
    expect(phone_reader.results.first).to_be_visible()
    shown = phone_reader.results.locator("h1").all_inner_texts()
    assert title in shown, f"«{title}» is not among the first results: {shown}"
    used = phone_reader.pagefind_bytes()
    assert 0 < used <= FIRST_QUERY_BUDGET, f"the first query downloaded {used} bytes"
    phone_reader.check()


def test_a_municipality_filter_keeps_only_its_pages(
    phone_reader: Reader, corpus_build: Build
) -> None:
    index = indexed_pages(corpus_build.site)
    name = "Вяземский район"
    tagged = {
        "/" + page
        for page, entry in index.items()
        if name in entry["filters"].get("Муниципалитет", [])
    }
    assert len(tagged) > 10, "the corpus should name this municipality in many posts"
    phone_reader.open()
    phone_reader.open_search()
    choose(phone_reader, "Муниципалитет", name)
    expect(phone_reader.status).to_have_text(f"Найдено: {len(tagged)}")
    assert set(phone_reader.result_paths()) <= tagged
    phone_reader.check()


@pytest.fixture
def phone(browser: Browser) -> Iterator[tuple[Page, Recorder]]:
    with recorded_tab(browser, NARROW_PHONE) as tab:
        yield tab


def test_a_post_is_under_the_news_tab_with_breadcrumbs(
    phone: tuple[Page, Recorder], base_url: str, corpus_build: Build
) -> None:
    page, recorder = phone
    post = post_pages(corpus_build.site)[-1]
    page.goto(base_url + post)
    expect(page.locator(".md-tabs__item--active")).to_have_count(1)
    assert page.locator(".md-tabs__item--active").inner_text().strip() == "Новости"
    crumbs = page.get_by_role("navigation", name="Навигационная цепочка")
    links = [text.strip() for text in crumbs.get_by_role("link").all_inner_texts()]
    assert links == ["Главная", "Новости", f"Новости {post[5:9]} года"]
    assert_no_console_errors(recorder)
    assert_only_local_requests(recorder, base_url)


def test_the_home_page_shows_the_latest_news_as_cards_with_their_pictures(
    phone: tuple[Page, Recorder], base_url: str, posts: list[Any]
) -> None:
    """Generated posts are numbered in date order, so the newest have the highest numbers."""
    page, recorder = phone
    page.goto(base_url)
    page.wait_for_load_state("networkidle")
    by_number = {number(post.source): post for post in posts}
    cards = page.locator(".news-card").all()
    assert len(cards) >= 3
    shown = []
    for card in cards:
        href = card.get_by_role("link").first.get_attribute("href") or ""
        post = by_number[number(href)]
        shown.append(number(href))
        expect(card).to_contain_text(post.title)
        pictures = card.locator("img")
        expect(pictures).to_have_count(1 if post.picture is not None else 0)
        if post.picture is not None:
            pictures.scroll_into_view_if_needed()  # lazy: loaded when it comes into view
            loaded = "image => image.complete && image.naturalWidth > 0"
            page.wait_for_function(loaded, arg=pictures.element_handle())
    assert set(shown) == set(sorted(by_number)[-len(cards) :])
    assert_no_console_errors(recorder)


def number(address: str) -> str:
    """The generated post's number, from its file name or its address (``…-00042…``)."""
    found = re.search(r"-(\d{5})(?:/|\.md$|/index\.md$|$)", address)
    assert found, address
    return found.group(1)


LARGEST_READING_MODE = """
() => {
  const root = document.documentElement;
  root.classList.add("a11y");
  Object.assign(root.dataset, {a11ySize: "3", a11yScheme: "light", a11yImages: "on",
                               a11ySpacing: "2"});
  return root.scrollWidth - root.clientWidth;
}
"""


@pytest.mark.parametrize(
    "path", ["", "news/", "municipalities/vyazemsky/", "news/2022/", "plan/2019/report/"]
)
def test_no_sideways_scroll_on_a_phone_in_the_largest_reading_mode(
    phone: tuple[Page, Recorder], base_url: str, path: str
) -> None:
    page, recorder = phone
    response = page.goto(base_url + path)
    assert response is not None and response.ok, path
    page.wait_for_load_state("networkidle")
    wait_for_animations(page)
    assert page.evaluate(LARGEST_READING_MODE) <= 0, path
    assert_no_console_errors(recorder)


def test_the_report_counts_the_activities_the_posts_report_on(
    corpus_build: Build, posts: list[Any]
) -> None:
    plan = load_plan_data(corpus_build.project).plan_for(2019)
    assert plan is not None
    named = {
        activity
        for post in posts
        if post.source.startswith("news/2019/")
        for activity in yaml.safe_load(post.front_matter).get("plan") or ()
    }
    soup = BeautifulSoup(corpus_build.page("plan/2019/report/"), "lxml")
    counts = [" ".join(c.get_text().split()) for c in soup.select(".report-progress__count")]
    expected = [plan.activities, *(section.activities for section in plan.sections)]
    assert counts == [
        f"{sum(a.id in named for a in activities)} из {len(activities)} мероприяти"
        + ("я" if len(activities) % 10 == 1 and len(activities) % 100 != 11 else "й")
        for activities in expected
    ]
