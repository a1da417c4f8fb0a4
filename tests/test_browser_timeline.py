"""The plan's timeline in headless Chromium, on a 360 px phone and on a desktop.

Every activity's bars, marks or line stand in the columns of its months: their boxes are
measured against the month header of their section. The page never scrolls sideways (the
timeline scrolls inside its own box when the reading mode's large text no longer fits), the
build's day is drawn inside its month, a row leads to its activity, and the printed timeline
fits the width of an A4 page with bars drawn in borders, which print without backgrounds.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

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
from conftest import Build
from plansite.load.plan import load_plan_data
from plansite.model import Activity, Plan
from plansite.periods import PeriodKind

pytestmark = pytest.mark.browser

YEAR = 2019
PAGES = (f"plan/{YEAR}/", f"calendar/{YEAR}/")
SCREENS = {**VIEWPORTS, "phone": {**PHONE, "viewport": {"width": 360, "height": 740}}}
A4_WIDTH = 718  # CSS pixels between the default margins of an A4 portrait page
TOLERANCE = 3  # px: a bar keeps 2 px from its column's edges
MAY = 5

GEOMETRY = """
() => [...document.querySelectorAll(".timeline__row")].map(row => {
  const box = element => {
    const r = element.getBoundingClientRect();
    return { left: r.left, right: r.right, width: r.width, height: r.height };
  };
  const group = row.closest(".timeline__group");
  return {
    href: row.querySelector("a").href,
    cells: [...group.querySelectorAll(".timeline__month")].map(box),
    pieces: [...row.querySelectorAll(".timeline__track > span")].map(box),
  };
})
"""
TODAY = """
() => [...document.querySelectorAll(".timeline__months")].map(months => {
  const line = getComputedStyle(months, "::after");
  return {
    x: months.getBoundingClientRect().left + parseFloat(line.left),
    style: line.borderLeftStyle,
    cells: [...months.children].map(cell => {
      const r = cell.getBoundingClientRect();
      return [r.left, r.right];
    }),
  };
})
"""
OVERFLOW = """
() => ({
  page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  timeline: [...document.querySelectorAll(".timeline")].map(t => t.scrollWidth - t.clientWidth),
})
"""
READING_MODE = """
([size, spacing]) => {
  const root = document.documentElement;
  root.classList.add("a11y");
  root.dataset.a11ySize = size;
  root.dataset.a11ySpacing = spacing;
}
"""
PRINTED_STROKES = """
() => [...document.querySelectorAll(".timeline__track > span")].map(piece => {
  const style = getComputedStyle(piece);
  const side = ["Top", "Left"].find(side => parseFloat(style[`border${side}Width`]) > 0) || "Top";
  return [
    parseFloat(style[`border${side}Width`]),
    style[`border${side}Style`],
    style[`border${side}Color`],
    style.display,
  ];
})
"""


@pytest.fixture(scope="module")
def plan(shipped_build: Build) -> Plan:
    plan = load_plan_data(shipped_build.project).plan_for(YEAR)
    assert plan is not None
    return plan


@pytest.fixture(params=sorted(SCREENS), name="tab")
def tab_fixture(
    request: pytest.FixtureRequest, browser: Browser
) -> Iterator[tuple[Page, Recorder]]:
    with recorded_tab(browser, SCREENS[request.param]) as tab:
        yield tab


def activity_id(href: str) -> str:
    return href.rstrip("/").rsplit("/", 1)[1]


def expected_pieces(activity: Activity) -> int:
    """One mark per repetition period; else one bar (or line) per run of months."""
    period = activity.period
    if period.kind is PeriodKind.REGULAR:
        return 12 // (period.interval or 1)
    months = period.months
    return sum(1 for i, month in enumerate(months) if i == 0 or months[i - 1] != month - 1)


def assert_bars_in_their_months(page: Page, plan: Plan, where: str) -> None:
    rows = page.evaluate(GEOMETRY)
    assert [activity_id(row["href"]) for row in rows] == [a.id for a in plan.activities], where
    for row, activity in zip(rows, plan.activities, strict=True):
        cells = row["cells"]
        assert len(cells) == 12 and all(cell["width"] > 0 for cell in cells), where
        covered: list[int] = []
        for piece in row["pieces"]:
            assert piece["width"] > 0 and piece["height"] > 0, (where, activity.id, piece)
            months = [
                month
                for month, cell in enumerate(cells, start=1)
                if piece["left"] < (cell["left"] + cell["right"]) / 2 < piece["right"]
            ]
            assert months, (where, activity.id, piece)
            first, last = cells[months[0] - 1], cells[months[-1] - 1]
            assert abs(piece["left"] - first["left"]) <= TOLERANCE, (where, activity.id)
            assert abs(piece["right"] - last["right"]) <= TOLERANCE, (where, activity.id)
            covered += months
        assert covered == list(activity.period.months), (where, activity.id)
        assert len(row["pieces"]) == expected_pieces(activity), (where, activity.id)


@pytest.mark.parametrize("path", PAGES)
def test_every_row_has_its_bars_in_its_month_columns(
    tab: tuple[Page, Recorder], site_server: str, plan: Plan, path: str
) -> None:
    page, recorder = tab
    open_page(page, site_server + path)
    expect(page.locator(".timeline__row")).to_have_count(len(plan.activities))
    assert_bars_in_their_months(page, plan, f"{path}, normal look")
    assert page.evaluate(OVERFLOW)["page"] <= 0, "the page scrolls sideways"

    # The reading mode's largest text, with the widest letter spacing.
    page.evaluate(READING_MODE, ["3", "2"])
    wait_for_animations(page)
    assert_bars_in_their_months(page, plan, f"{path}, reading mode")
    assert page.evaluate(OVERFLOW)["page"] <= 0, "the page scrolls sideways in the reading mode"
    assert_no_console_errors(recorder)
    assert_only_local_requests(recorder, site_server)


def test_the_timeline_scrolls_inside_its_box_with_large_text_on_a_phone(
    browser: Browser, site_server: str
) -> None:
    with recorded_tab(browser, SCREENS["phone"]) as (page, _):
        open_page(page, site_server + PAGES[0])
        assert page.evaluate(OVERFLOW) == {"page": 0, "timeline": [0]}
        page.evaluate(READING_MODE, ["3", "0"])
        wait_for_animations(page)
        overflow = page.evaluate(OVERFLOW)
        assert overflow["page"] <= 0
        assert overflow["timeline"][0] > 0, "the months no longer fit: the timeline scrolls"


@pytest.mark.parametrize("path", PAGES)
def test_today_is_drawn_inside_its_month(
    tab: tuple[Page, Recorder], site_server: str, path: str
) -> None:
    """The shipped build is dated 1 May 2019: a dashed line at the start of May."""
    page, _ = tab
    open_page(page, site_server + path)
    headers = page.evaluate(TODAY)
    assert headers
    for header in headers:
        may_left, may_right = header["cells"][MAY - 1]
        assert header["style"] == "dashed"
        assert may_left <= header["x"] <= may_left + (may_right - may_left) / 4, header
    expect(page.locator(".timeline__month--now").first).to_have_text("май")


def test_a_row_leads_to_its_activity(browser: Browser, site_server: str, plan: Plan) -> None:
    with recorded_tab(browser, SCREENS["phone"]) as (page, _):
        open_page(page, site_server + PAGES[1])
        activity = next(a for a in plan.activities if a.period.kind is PeriodKind.MONTH)
        row = page.locator(".timeline__row").nth(plan.activities.index(activity))
        row.get_by_role("link").click()
        expect(page).to_have_url(f"{site_server}plan/{YEAR}/{activity.id}/")
        expect(page.locator("h1")).to_have_text(activity.title)


def test_the_printed_timeline_fits_a4_with_bars_in_borders(
    browser: Browser, site_server: str, plan: Plan
) -> None:
    a4_page = {"viewport": {"width": A4_WIDTH, "height": 1000}, "locale": "ru-RU"}
    with recorded_tab(browser, a4_page) as (page, _):
        open_page(page, site_server + PAGES[0])
        page.emulate_media(media="print")
        expect(page.locator(".md-header")).to_be_hidden()
        overflow = page.evaluate(OVERFLOW)
        assert overflow == {"page": 0, "timeline": [0]}, overflow
        strokes = page.evaluate(PRINTED_STROKES)
        assert len(strokes) == sum(expected_pieces(a) for a in plan.activities)
        for width, style, colour, display in strokes:
            assert width >= 1, strokes
            assert style == "solid" and display != "none", strokes
            assert colour == "rgb(0, 0, 0)", strokes  # black ink, not a background
        assert_bars_in_their_months(page, plan, "the printed plan")
