"""Searching the site in Russian, as a reader on a phone or a desktop does, in Chromium.

The shipped content is built as at the end of the plan year (every sample post published),
with one more post whose title holds markup, and served from 127.0.0.1. Each query is typed
into the header's search dialog and the first results are read as the reader sees them:
title, kind and date. Every step asks nothing of another host, and the first query downloads
only a small part of the index.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Response, expect

from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    DESKTOP,
    PHONE,
    Recorder,
    assert_no_console_errors,
    assert_only_local_requests,
    browser_fixture,
    serve_directory,
    wait_for_animations,
)
from conftest import Build, copy_project, run_mkdocs

pytestmark = pytest.mark.browser

YEAR_END = "1577793600"  # 2019-12-31 12:00 UTC: every sample post is published
OLYMPIAD = "Олимпиада по основам местного самоуправления"
MARKUP_TITLE = 'Заголовок <img src=x onerror="document.title=1"> с разметкой'
MARKUP_POST = f"""---
title: '{MARKUP_TITLE}'
date: 2019-11-05
category: branch
---

Пример записи: заголовок с разметкой показывается как текст.
"""
FIRST_QUERY_BUDGET = 300 * 1024  # bytes a first query may download, at any number of posts


@pytest.fixture(scope="module")
def year_end_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("search") / "project")
    (project / "news" / "2019" / "2019-11-05-razmetka.md").write_text(MARKUP_POST, "utf-8")
    build = run_mkdocs(project, epoch=YEAR_END)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def base_url(year_end_build: Build) -> Iterator[str]:
    with serve_directory(year_end_build.site) as url:
        yield url


class Reader:
    """One browser tab on the site, with what it fetched."""

    def __init__(self, page: Page, recorder: Recorder, base_url: str) -> None:
        self.page, self.recorder, self.base_url = page, recorder, base_url
        self.responses: list[Response] = []
        page.context.on("response", lambda response: self.responses.append(response))

    def open(self, path: str = "") -> None:
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, path
        self.page.wait_for_load_state("load")

    @property
    def query(self) -> Locator:
        return self.page.get_by_role("textbox", name="Поиск")

    @property
    def status(self) -> Locator:
        return self.page.locator("[data-search-status]")

    @property
    def results(self) -> Locator:
        return self.page.locator("[data-search-results] > li")

    def open_search(self) -> None:
        opener = self.page.locator("label.md-header__button[for='__search']")
        if opener.is_visible():  # a phone: the dialog opens from the header's magnifier
            opener.click()
        else:
            self.query.click()
        expect(self.query).to_be_focused()

    def search(self, words: str) -> None:
        if not self.query.is_visible():
            self.open_search()
        self.forget_answer()
        self.query.fill(words)
        self.wait_for_answer()
        expect(self.query).to_have_value(words)

    def forget_answer(self) -> None:
        """Blank the result count, so that the previous query's count is not read as the
        answer to the next one (the search runs a moment after the last key)."""
        self.status.evaluate("status => { status.textContent = '' }")

    def wait_for_answer(self) -> None:
        """Until the search has answered (or, with nothing to look for, asks for a word)."""
        answers = r"^(Найдено: \d+|Ничего не найдено|Введите слово для поиска)$"
        expect(self.status).to_have_text(re.compile(answers))

    def result_paths(self, count: int = 10) -> list[str]:
        expect(self.results.first).to_be_visible()
        links = self.results.locator("a.md-search-result__link")
        return [urlsplit(href).path for href in links.evaluate_all("as => as.map(a => a.href)")][
            :count
        ]

    def check(self) -> None:
        assert_no_console_errors(self.recorder)
        assert_only_local_requests(self.recorder, self.base_url)

    def pagefind_bytes(self) -> int:
        """Bytes of the search index and its code fetched so far, as a gzip host sends them
        (Pagefind's index files are gzip already; its scripts are compressed here)."""
        total = 0
        for response in self.responses:
            if "/pagefind/" not in response.url:
                continue
            body = response.body()
            compressed = response.url.split("?")[0].endswith((".js", ".json"))
            total += len(gzip.compress(body, 9)) if compressed else len(body)
        return total


def reader_for(browser: Browser, viewport: dict, base_url: str) -> Iterator[Reader]:
    context = browser.new_context(**viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    recorder = Recorder()
    recorder.attach(context, page)
    try:
        yield Reader(page, recorder, base_url)
    finally:
        context.close()


@pytest.fixture(params=["phone", "desktop"])
def reader(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Reader]:
    yield from reader_for(browser, PHONE if request.param == "phone" else DESKTOP, base_url)


@pytest.fixture
def phone_reader(browser: Browser, base_url: str) -> Iterator[Reader]:
    yield from reader_for(browser, PHONE, base_url)


# What a reader types, and the page that must come first (word forms of «олимпиада» find both
# the activity and the post: see the test after this one).
FIRST_RESULTS = {
    "отчет": "/news/2019/03/otkrytye-otchety-glav/",  # «отчёты», typed without «ё»
    "отчёты глав": "/news/2019/03/otkrytye-otchety-glav/",
    "Сычёвский": "/municipalities/sychevsky/",  # «Сычевский район», typed with «ё»
    "Вяземском": "/municipalities/vyazemsky/",  # a municipality, in another case
    "Долг": "/plan/2019/dolg-search-events/",  # right after «: «Поисковое объединение «Долг»
    "мой выбор": "/news/2019/11/delovaya-igra-moj-vybor/",  # a quoted name: «Мой выбор»
    "лучший руководитель": "/plan/2019/best-tos-leader-contest/",  # «Лучший руководитель …»
    "избирком": "/plan/2019/my-choice-business-game/",  # in brackets: (Избирком …)
    "сокращения": "/glossary/",
    "прессы": "/press/",
    "апрель": "/calendar/2019/04/",  # a month page
}


@pytest.mark.parametrize("words", sorted(FIRST_RESULTS))
def test_a_query_finds_its_page_first(words: str, phone_reader: Reader) -> None:
    phone_reader.open()
    phone_reader.search(words)
    assert phone_reader.result_paths(1) == [FIRST_RESULTS[words]]
    phone_reader.check()


def test_a_word_form_finds_the_olympiad_post_and_activity(reader: Reader) -> None:
    reader.open("plan/2019/")
    reader.search("олимпиаду")
    first_two = reader.result_paths(2)
    assert set(first_two) == {
        "/plan/2019/local-government-olympiad/",
        "/news/2019/05/olimpiada/",
    }
    titles = reader.results.locator("h1")
    expect(titles.nth(0)).to_have_text(OLYMPIAD)
    expect(titles.nth(1)).to_have_text(OLYMPIAD)
    reader.check()


def test_e_and_yo_are_the_same_letter_both_ways(phone_reader: Reader) -> None:
    phone_reader.open()
    found = {}
    for words in ("отчет", "отчёт", "Сычевский", "Сычёвский"):
        phone_reader.search(words)
        found[words] = (phone_reader.status.inner_text(), phone_reader.result_paths())
    assert found["отчет"] == found["отчёт"]
    assert found["Сычевский"] == found["Сычёвский"]
    assert found["отчет"][0] != "Ничего не найдено"
    phone_reader.check()


def test_each_result_says_what_it_is_and_when(phone_reader: Reader) -> None:
    phone_reader.open()
    phone_reader.search("олимпиаду")
    kinds = {
        path: item.locator(".search-kind").inner_text()
        for path, item in zip(phone_reader.result_paths(), phone_reader.results.all(), strict=True)
    }
    assert kinds["/news/2019/05/olimpiada/"] == "новость · 16 мая 2019\u202fг."
    assert kinds["/plan/2019/local-government-olympiad/"] == "мероприятие плана · май"
    assert kinds["/calendar/2019/05/"] == "месяц"
    phone_reader.search("Вяземском")
    expect(phone_reader.results.first.locator(".search-kind")).to_have_text("муниципалитет")
    phone_reader.check()


def test_a_result_leads_to_its_page(phone_reader: Reader) -> None:
    phone_reader.open()
    phone_reader.search("избирком")
    first = phone_reader.results.first.locator("a")
    wait_for_animations(phone_reader.page)  # the dialog slides in on phones
    first.click()
    expect(phone_reader.page).to_have_url(
        phone_reader.base_url + "plan/2019/my-choice-business-game/"
    )
    phone_reader.check()


def choose(reader: Reader, name: str, value: str) -> None:
    filters = reader.page.locator("[data-search-filters]")
    if not filters.evaluate("details => details.open"):
        filters.locator("summary").click()
    select = reader.page.get_by_label(name, exact=True)
    expect(select.locator("option", has_text=value).first).to_be_attached()
    reader.forget_answer()
    select.select_option(value)
    reader.wait_for_answer()


def kinds_shown(reader: Reader) -> set[str]:
    expect(reader.results.first).to_be_visible()
    return {
        text.split(" · ")[0] for text in reader.results.locator(".search-kind").all_inner_texts()
    }


def test_filters_by_kind_category_municipality_and_year(reader: Reader) -> None:
    reader.open()
    reader.search("выборы")
    assert len(kinds_shown(reader)) > 1

    choose(reader, "Вид", "новость")
    assert kinds_shown(reader) == {"новость"}
    assert "/news/2019/06/dopolnitelnye-vybory/" in reader.result_paths()

    choose(reader, "Рубрика", "Ситуация в муниципальных образованиях")
    paths = reader.result_paths()
    assert "/news/2019/03/vybory-v-novykh-munitsipalnykh-obrazovaniiakh/" in paths
    assert "/news/2019/06/dopolnitelnye-vybory/" not in paths  # «Деятельность отделения»

    reader.search("")
    choose(reader, "Рубрика", "все")
    choose(reader, "Вид", "все")
    choose(reader, "Муниципалитет", "Вяземский район")
    expect(reader.status).to_have_text(re.compile(r"^Найдено: \d+$"))
    assert set(reader.result_paths()) == {
        "/municipalities/vyazemsky/",
        "/news/2019/04/tematicheskie-uroki/",
    }

    choose(reader, "Муниципалитет", "все")
    choose(reader, "Год", "2019")
    expect(reader.status).to_have_text(re.compile(r"^Найдено: \d+$"))
    count = int(reader.status.inner_text().split()[-1])
    assert count > 40  # every plan page, month and post of 2019
    expect(reader.results).to_have_count(10)  # ten at a time
    more = reader.page.get_by_role("button", name="Показать ещё")
    more.click()
    expect(reader.results).to_have_count(20)
    assert len(set(reader.result_paths(20))) == 20
    reader.check()


def test_keyboard_shortcuts_open_and_close_the_search(browser: Browser, base_url: str) -> None:
    for reader in reader_for(browser, DESKTOP, base_url):
        reader.open("plan/2019/")
        toggle = reader.page.locator("#__search")
        for key in ("/", "s", "f"):
            reader.page.locator("h1").click()  # focus on the page, not in a field
            reader.page.keyboard.press(key)
            expect(reader.query).to_be_focused()
            expect(toggle).to_be_checked()
            expect(reader.query).to_have_value("")  # the key opened, it was not typed
            reader.page.keyboard.press("Escape")
            expect(toggle).not_to_be_checked()
        reader.page.keyboard.press("/")
        expect(reader.query).to_be_focused()
        reader.page.keyboard.type("Долг")
        expect(reader.results.first).to_be_visible()
        reader.page.keyboard.press("ArrowDown")
        expect(reader.results.first.locator("a")).to_be_focused()
        reader.page.keyboard.press("Enter")
        expect(reader.page).to_have_url(base_url + "plan/2019/dolg-search-events/")
        reader.check()


def test_search_works_in_the_reading_mode(reader: Reader) -> None:
    reader.open("calendar/2019/04/")
    reader.page.locator("[data-a11y-toggle]").click()
    expect(reader.page.locator("html")).to_have_class(re.compile(r"\ba11y\b"))
    reader.search("олимпиаду")
    expect(reader.results.first.locator("h1")).to_have_text(OLYMPIAD)
    # White on black, as the rest of the reading mode.
    color = reader.results.first.locator("h1").evaluate("h => getComputedStyle(h).color")
    assert color == "rgb(255, 255, 255)"
    reader.check()


def test_a_title_with_markup_is_shown_as_text(phone_reader: Reader) -> None:
    phone_reader.open()
    phone_reader.search("разметкой")
    title = phone_reader.results.first.locator("h1")
    expect(title).to_have_text(MARKUP_TITLE)
    assert phone_reader.page.locator("[data-search-results] img").count() == 0
    assert phone_reader.page.title() != "1"
    phone_reader.check()


def test_nothing_is_downloaded_for_search_until_a_reader_searches(phone_reader: Reader) -> None:
    phone_reader.open()
    phone_reader.page.wait_for_load_state("networkidle")
    assert phone_reader.pagefind_bytes() == 0
    phone_reader.search("олимпиаду")
    phone_reader.page.wait_for_load_state("networkidle")
    used = phone_reader.pagefind_bytes()
    assert 0 < used <= FIRST_QUERY_BUDGET, f"the first query downloaded {used} bytes"
    phone_reader.check()


def test_no_page_links_to_the_themes_search_index(year_end_build: Build) -> None:
    """The theme's own search (one JSON file of the whole site) is gone everywhere."""
    site: Path = year_end_build.site
    assert not (site / "search").exists()
    pages = [page for page in site.rglob("*.html")]
    assert pages
    offenders = [
        page.relative_to(site).as_posix()
        for page in pages
        if "search_index.json" in page.read_text(encoding="utf-8")
    ]
    assert offenders == []
