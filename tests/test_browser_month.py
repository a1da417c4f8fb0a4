"""The month grid in headless Debian Chromium, on a 360 px phone and on a desktop.

A copy of the project whose plan has dated events (see ``dated_plan.py``) is built and served
from 127.0.0.1. The grid shows seven columns, Monday first, with the 1st under its weekday and
each event in its day; the all-year line opens on a tap; the page never scrolls sideways, in
the normal look or in the reading mode with the largest text; axe finds nothing serious.
"""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    DESKTOP,
    PHONE,
    Recorder,
    assert_no_console_errors,
    assert_only_local_requests,
    browser_fixture,
    open_page,
    recorded_tab,
    serve_directory,
    wait_for_animations,
)
from conftest import run_mkdocs
from dated_plan import dated_project
from plansite.load.plan import load_plan_data
from plansite.periods import PeriodKind
from plansite.russian import month_title

pytestmark = pytest.mark.browser

YEAR = 2019
NARROW_PHONE = {**PHONE, "viewport": {"width": 360, "height": 740}}
SCREENS = {"phone": NARROW_PHONE, "desktop": DESKTOP}
WEEKDAYS = ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
OPEN_DETAILS = "() => { for (const d of document.querySelectorAll('details')) d.open = true; }"
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
READING_MODE = """
([scheme, spacing]) => {
  const root = document.documentElement;
  root.classList.add("a11y");
  root.dataset.a11ySize = "3";
  root.dataset.a11yScheme = scheme;
  root.dataset.a11yImages = "on";
  root.dataset.a11ySpacing = spacing;
}
"""
# Where each head and each day's cell stands: its column is found by position on the screen,
# as a reader sees it, not by its place in the markup.
GRID_LAYOUT = """
(grid) => {
  const left = (e) => Math.round(e.getBoundingClientRect().left);
  const heads = [...grid.querySelectorAll("thead th")];
  const days = {};
  for (const cell of grid.querySelectorAll("tbody td")) {
    const number = cell.querySelector(".month-grid__number");
    if (number) days[number.textContent.trim()] = left(cell);
  }
  return {
    heads: heads.map((th) => th.querySelector("abbr").innerText.trim()),
    headLefts: heads.map(left),
    days,
    gridRight: Math.round(grid.getBoundingClientRect().right),
    articleRight: Math.round(grid.closest("article").getBoundingClientRect().right),
  };
}
"""


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The dated copy built and served; yields its base URL and its project folder."""
    build = run_mkdocs(dated_project(tmp_path_factory.mktemp("dated-browser") / "project"))
    assert build.returncode == 0, build.output
    with serve_directory(build.site) as base_url:
        yield base_url, build.project


@pytest.fixture(params=sorted(SCREENS), name="tab")
def tab_fixture(
    request: pytest.FixtureRequest, browser: Browser
) -> Iterator[tuple[Page, Recorder]]:
    with recorded_tab(browser, SCREENS[request.param]) as tab:
        yield tab


@pytest.mark.parametrize("month", [2, 4, 5, 9, 11])
def test_grid_has_seven_columns_monday_first_and_the_first_under_its_weekday(
    tab: tuple[Page, Recorder], dated_site: tuple[str, Path], month: int
) -> None:
    page, recorder = tab
    base_url, _ = dated_site
    open_page(page, f"{base_url}calendar/{YEAR}/{month:02d}/")
    grid = page.get_by_role("table", name=month_title(month, YEAR))
    expect(grid).to_be_visible()
    layout = grid.evaluate(GRID_LAYOUT)
    assert layout["heads"] == WEEKDAYS
    assert layout["headLefts"] == sorted(layout["headLefts"]), "columns run left to right"
    assert len(set(layout["headLefts"])) == 7
    first_column = layout["headLefts"].index(layout["days"]["1"])
    assert first_column == calendar.weekday(YEAR, month, 1)
    assert len(layout["days"]) == calendar.monthrange(YEAR, month)[1]
    assert layout["gridRight"] <= layout["articleRight"] + 1, "the grid fits its column"
    # The full weekday names are what a screen reader hears for the heads.
    heads = grid.get_by_role("columnheader")
    expect(heads).to_have_count(7)
    expect(heads.first).to_have_accessible_name("понедельник")
    expect(heads.last).to_have_accessible_name("воскресенье")
    assert page.evaluate(OVERFLOW) <= 0
    assert_no_console_errors(recorder)
    assert_only_local_requests(recorder, base_url)


def test_events_are_links_in_their_day_cells(
    tab: tuple[Page, Recorder], dated_site: tuple[str, Path]
) -> None:
    page, _ = tab
    base_url, _ = dated_site
    open_page(page, f"{base_url}calendar/{YEAR}/04/")
    grid = page.locator("table.month-grid")
    layout = grid.evaluate(GRID_LAYOUT)
    friday = layout["headLefts"][calendar.weekday(YEAR, 4, 19)]
    assert layout["days"]["19"] == friday
    school = grid.get_by_role("link", name="Урок в школе № 1")
    expect(school).to_be_visible()
    cell = grid.locator("td").filter(has=page.get_by_role("link", name="Урок в школе № 1"))
    expect(cell.locator(".month-grid__number")).to_have_text("19")
    school.click()
    page.wait_for_url(f"**/plan/{YEAR}/thematic-lessons/")


def test_the_all_year_line_opens_into_its_list(
    tab: tuple[Page, Recorder], dated_site: tuple[str, Path]
) -> None:
    page, _ = tab
    base_url, project = dated_site
    plan = load_plan_data(project).current_plan
    all_year = [
        a for a in plan.activities if a.period.kind in (PeriodKind.WHOLE, PeriodKind.REGULAR)
    ]
    open_page(page, f"{base_url}calendar/{YEAR}/04/")
    details = page.locator("details#all-year")
    summary = details.locator("summary")
    expect(summary).to_have_text(f"И ещё {len(all_year)} мероприятий, которые идут весь год")
    links = details.get_by_role("link")
    expect(links.first).to_be_hidden()
    summary.click()
    expect(details).to_have_attribute("open", "")
    expect(links).to_have_count(len(all_year))
    expect(links.first).to_be_visible()
    assert page.evaluate(OVERFLOW) <= 0


@pytest.mark.parametrize(
    "path", ["calendar/2019/04/", "calendar/2019/11/", "plan/2019/presidium-meetings/"]
)
def test_no_sideways_scroll_on_a_360_px_phone_even_with_the_largest_text(
    browser: Browser, dated_site: tuple[str, Path], path: str
) -> None:
    base_url, _ = dated_site
    with recorded_tab(browser, NARROW_PHONE) as (page, _):
        open_page(page, base_url + path)
        page.evaluate(OPEN_DETAILS)
        assert page.evaluate(OVERFLOW) <= 0, "the normal look scrolls sideways"
        overflowing = []
        for scheme, spacing in itertools.product(("light", "dark", "blue"), ("0", "1", "2")):
            page.evaluate(READING_MODE, [scheme, spacing])
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                overflowing.append((scheme, spacing, overflow))
        assert not overflowing, f"{path}: scrolls sideways (scheme, spacing, px): {overflowing}"


@pytest.mark.parametrize("reading_mode", [False, True], ids=["normal", "reading-mode"])
@pytest.mark.parametrize(
    "path", ["calendar/2019/04/", "calendar/2019/05/", "plan/2019/presidium-meetings/"]
)
def test_axe_finds_no_serious_violation(
    tab: tuple[Page, Recorder], dated_site: tuple[str, Path], path: str, reading_mode: bool
) -> None:
    page, _ = tab
    base_url, _ = dated_site
    open_page(page, base_url + path)
    page.evaluate(OPEN_DETAILS)
    if reading_mode:
        page.evaluate(READING_MODE, ["dark", "0"])
    wait_for_animations(page)
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, [(v["id"], [n["html"] for n in v["nodes"]][:3]) for v in blocking]
