"""A reader on the site's search, in Chromium: types into the header's search dialog and reads
the results as shown (title, kind, date), counting what the search downloaded."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Locator, Page, Response, expect

from browser_support import (
    Recorder,
    assert_no_console_errors,
    assert_only_local_requests,
    recorded_tab,
)


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
    with recorded_tab(browser, viewport) as (page, recorder):
        yield Reader(page, recorder, base_url)


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
