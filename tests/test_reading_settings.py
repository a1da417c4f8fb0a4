"""The reading mode's settings (ГОСТ Р 52872-2019): size, colours, pictures, letter spacing.

A reader on a 360 px phone switches the mode on, picks each setting with its button, and no
page ever scrolls sideways in any combination; every choice is remembered on the next page
and after a reload, and nothing is fetched from another host.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    PHONE,
    VIEWPORTS,
    Recorder,
    assert_no_console_errors,
    assert_only_local_requests,
    browser_fixture,
    open_page,
    recorded_tab,
    site_server_fixture,
    wait_for_animations,
)

pytestmark = pytest.mark.browser

NARROW_PHONE = {**PHONE, "viewport": {"width": 360, "height": 740}}
SIZES = ("Шрифт крупный", "Шрифт крупнее", "Шрифт самый крупный")
SCHEMES = {
    "Чёрным по белому": ("rgb(255, 255, 255)", "rgb(0, 0, 0)"),
    "Белым по чёрному": ("rgb(0, 0, 0)", "rgb(255, 255, 255)"),
    "Синим по голубому": ("rgb(157, 209, 255)", "rgb(6, 52, 98)"),
}
PICTURES = ("Показывать", "Скрыть")
SPACINGS = ("Обычный", "Средний", "Большой")
PAGES = (
    "",
    "plan/2019/",
    "plan/2019/report/",
    "plan/2019/thematic-lessons/",
    "calendar/2019/",
    "calendar/2019/04/",
    "news/",
    "news/2019/04/tematicheskie-uroki/",
    "municipalities/",
    "municipalities/vyazemsky/",
    "press/",
)
LOOK = """
() => {
  const paragraph = document.querySelector("article.md-typeset p");
  const style = getComputedStyle(paragraph);
  const pictures = [...document.querySelectorAll(".md-content img")];
  return {
    fontSize: parseFloat(style.fontSize),
    rootSize: parseFloat(getComputedStyle(document.documentElement).fontSize),
    letterSpacing: style.letterSpacing,
    background: getComputedStyle(document.body).backgroundColor,
    text: style.color,
    picturesShown: pictures.filter(img => img.getBoundingClientRect().width > 0).length,
    pictures: pictures.length,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}
"""


@pytest.fixture(name="phone")
def phone_fixture(browser: Browser) -> Iterator[tuple[Page, Recorder]]:
    with recorded_tab(browser, NARROW_PHONE) as tab:
        yield tab


def choose(page: Page, group: str, name: str) -> None:
    button = page.get_by_role("group", name=group).get_by_role("button", name=name, exact=True)
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")


def look(page: Page) -> dict:
    wait_for_animations(page)
    return page.evaluate(LOOK)


def test_each_setting_changes_the_page_and_is_remembered(
    phone: tuple[Page, Recorder], site_server: str
) -> None:
    page, recorder = phone
    open_page(page, site_server + "news/2019/04/tematicheskie-uroki/")
    expect(page.get_by_role("group", name="Размер шрифта")).to_be_hidden()
    page.get_by_role("button", name="Версия для слабовидящих", exact=True).click()
    expect(page.get_by_role("group", name="Размер шрифта")).to_be_visible()

    sizes = []
    for size in SIZES:
        choose(page, "Размер шрифта", size)
        sizes.append(look(page)["fontSize"])
    assert sizes[0] < sizes[1] < sizes[2], sizes

    for scheme, (background, text) in SCHEMES.items():
        choose(page, "Цвета", scheme)
        current = look(page)
        assert (current["background"], current["text"]) == (background, text), scheme

    assert look(page)["pictures"] > 0
    choose(page, "Изображения", "Скрыть")
    assert look(page)["picturesShown"] == 0
    choose(page, "Изображения", "Показывать")
    assert look(page)["picturesShown"] > 0

    spacings = []
    for spacing in SPACINGS:
        choose(page, "Интервал между буквами", spacing)
        spacings.append(look(page)["letterSpacing"])
    assert len(set(spacings)) == 3, spacings

    # The last choices hold on another page and after a reload.
    choose(page, "Размер шрифта", SIZES[2])
    choose(page, "Цвета", "Синим по голубому")
    choose(page, "Изображения", "Скрыть")
    chosen = look(page)
    open_page(page, site_server)
    for _ in range(2):  # on the next page, then after a reload
        again = look(page)
        assert again["rootSize"] == chosen["rootSize"]
        assert again["background"] == SCHEMES["Синим по голубому"][0]
        assert again["letterSpacing"] == chosen["letterSpacing"]
        assert again["picturesShown"] == 0
        page.reload()
        page.wait_for_load_state("networkidle")
    assert_no_console_errors(recorder)
    assert_only_local_requests(recorder, site_server)


SETTINGS_SCRIPT = """
([size, scheme, images, spacing]) => {
  const root = document.documentElement;
  root.classList.add("a11y");
  root.dataset.a11ySize = size;
  root.dataset.a11yScheme = scheme;
  root.dataset.a11yImages = images;
  root.dataset.a11ySpacing = spacing;
  return document.documentElement.scrollWidth - document.documentElement.clientWidth;
}
"""


@pytest.mark.parametrize("path", PAGES)
def test_no_combination_scrolls_sideways_on_a_360_px_phone(
    phone: tuple[Page, Recorder], site_server: str, path: str
) -> None:
    page, recorder = phone
    open_page(page, site_server + path)
    assert look(page)["overflow"] <= 0, "the normal look already scrolls sideways"
    # The buttons set these attributes (see the test above); setting them directly lets
    # every combination be measured in one page load.
    overflowing = []
    for combination in itertools.product(
        ("1", "2", "3"), ("light", "dark", "blue"), ("on", "off"), ("0", "1", "2")
    ):
        overflow = page.evaluate(SETTINGS_SCRIPT, list(combination))
        if overflow > 0:
            overflowing.append((combination, overflow))
    assert not overflowing, (
        f"{path}: scrolls sideways (size, scheme, pictures, spacing): {overflowing}"
    )
    assert_no_console_errors(recorder)
    assert_only_local_requests(recorder, site_server)


def test_a_wide_desktop_keeps_the_settings_panel_on_one_screen(
    browser: Browser, site_server: str
) -> None:
    context = browser.new_context(**VIEWPORTS["desktop"])
    try:
        page = context.new_page()
        open_page(page, site_server)
        page.get_by_role("button", name="Версия для слабовидящих", exact=True).click()
        choose(page, "Размер шрифта", SIZES[2])
        assert look(page)["overflow"] <= 0
    finally:
        with contextlib.suppress(PlaywrightError):
            context.close()
