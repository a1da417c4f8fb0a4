"""Searching the site in Russian, as a reader on a phone or a desktop does, in Chromium.

The shipped content is built as at the end of the plan year (every sample post published),
with one more post whose title holds markup, and served from 127.0.0.1. Each query is typed
into the header's search dialog and the first results are read as the reader sees them:
title, kind and date. Every step asks nothing of another host, and the first query downloads
only a small part of the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

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
from search_reader import Reader, choose, kinds_shown, reader_for

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
