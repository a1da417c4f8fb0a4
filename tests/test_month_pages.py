"""Month pages of a plan with dates, built by the real `mkdocs build --strict`: each dated
entry in its day's cell of the month grid, the month's activities grouped by what they do in
it, the year table's «Точные даты» column back, and the activity pages, their structured
data and the calendar file agreeing on the days.

Expectations come from Python's :mod:`calendar` and from the loaded plan, not from constants.
"""

from __future__ import annotations

import calendar
import json
from collections import defaultdict
from datetime import date, datetime

import pytest
from bs4 import BeautifulSoup, Tag
from icalendar import Calendar

from conftest import Build, run_mkdocs
from dated_plan import CHANGED_TERMS, dated_project
from plansite.derive.calendar import MonthView
from plansite.load.plan import load_plan_data
from plansite.model import Plan
from plansite.periods import PeriodKind
from plansite.render.month_grid import month_grid

YEAR = 2019
MONTHS = range(1, 13)


def words(element: Tag) -> str:
    return " ".join(element.get_text().split())


def article_of(build: Build, url_path: str) -> Tag:
    article = BeautifulSoup(build.page(url_path), "lxml").find("article")
    assert article is not None, url_path
    return article


def month_path(month: int) -> str:
    return f"calendar/{YEAR}/{month:02d}/"


def linked_activity(href: str) -> str:
    """The activity id a link from a month page leads to (``../../../plan/2019/x/``)."""
    parts = href.strip("/").split("/")
    assert parts[-3:-1] == ["plan", str(YEAR)], href
    return parts[-1]


def cells_by_day(grid: Tag) -> dict[int, Tag]:
    cells = {}
    for cell in grid.select("tbody td"):
        number = cell.find(class_="month-grid__number")
        if number:
            cells[int(words(number))] = cell
    return cells


def expected_days(plan: Plan, month: int) -> dict[int, list[str]]:
    """Activity ids expected in each day's cell: events, exact days and deadlines."""
    days: dict[int, list[str]] = defaultdict(list)
    for activity in plan.activities:
        for event in activity.events:
            if event.date.month == month:
                days[event.date.day].append(activity.id)
        if activity.period.kind in (PeriodKind.DATES, PeriodKind.DEADLINE):
            for day in activity.period.dates:
                if day.month == month:
                    days[day.day].append(activity.id)
    return days


@pytest.fixture(scope="module")
def dated_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_mkdocs(dated_project(tmp_path_factory.mktemp("dated") / "project"))
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def dated_plan(dated_build: Build) -> Plan:
    return load_plan_data(dated_build.project).current_plan


def test_the_copy_has_the_intended_periods(dated_plan):
    kinds = {a.id: a.period.kind for a in dated_plan.activities}
    assert kinds["seminar-meeting"] is PeriodKind.DATES
    assert kinds["local-government-olympiad"] is PeriodKind.DEADLINE
    assert kinds["my-choice-business-game"] is PeriodKind.LIST
    assert kinds["tos-congress"] is PeriodKind.QUARTER
    assert sum(len(a.events) for a in dated_plan.activities) == 3


@pytest.mark.parametrize("month", MONTHS)
def test_dated_entries_sit_in_their_day_cells(dated_build, dated_plan, month):
    grid = article_of(dated_build, month_path(month)).find("table", class_="month-grid")
    expected = expected_days(dated_plan, month)
    cells = cells_by_day(grid)
    assert sorted(cells) == list(range(1, calendar.monthrange(YEAR, month)[1] + 1))
    for day, cell in cells.items():
        found = [linked_activity(a["href"]) for a in cell.find_all("a")]
        assert sorted(found) == sorted(expected.get(day, [])), (month, day)
        row = cell.find_parent("tr")
        assert row.find_all("td").index(cell) == calendar.weekday(YEAR, month, day)
        marked = "month-grid__day--dated" in cell["class"]
        assert marked == bool(found), (month, day)


def test_grid_cells_name_the_events_and_the_deadline(dated_build):
    april = cells_by_day(article_of(dated_build, month_path(4)).find("table", class_="month-grid"))
    assert sorted(words(a) for a in april[19].find_all("a")) == [
        "Урок в школе № 1",
        "Урок в школе № 2",
    ]
    assert [words(a) for a in april[25].find_all("a")] == ["Урок в колледже"]
    may = cells_by_day(article_of(dated_build, month_path(5)).find("table", class_="month-grid"))
    (deadline,) = may[15].find_all("a")
    assert words(deadline).startswith("Срок: ")


def test_months_group_activities_by_what_they_do_in_the_month(dated_build):
    def groups(month: int) -> dict[str, list[str]]:
        article = article_of(dated_build, month_path(month))
        return {
            h3["id"]: [
                linked_activity(li.find("a")["href"])
                for li in h3.find_next_sibling("ul").find_all("li", recursive=False)
            ]
            for h3 in article.find("h2", id="month").find_next_siblings("h3")
        }

    congress = "tos-congress"  # III квартал: July to September
    assert congress in groups(7)["month-starts"]
    assert congress in groups(8)["month-continues"]
    assert congress in groups(9)["month-ends"]
    game = "my-choice-business-game"  # «март, ноябрь»: a month each time, not a span
    assert game in groups(3)["month-once"]
    assert game in groups(11)["month-once"]
    olympiad = "local-government-olympiad"  # «до 15 мая»: under way until its deadline
    assert olympiad in groups(1)["month-starts"]
    assert olympiad in groups(4)["month-continues"]
    assert olympiad not in [a for members in groups(5).values() for a in members]
    headings = [words(h3) for h3 in article_of(dated_build, month_path(7)).select("h3[id^=month-]")]
    assert "Начинается в июле" in headings  # one activity: the verb agrees


def test_year_table_shows_the_dates_column_with_counts(dated_build, dated_plan):
    article = article_of(dated_build, f"calendar/{YEAR}/")
    heads = [words(th) for th in article.find("thead").find_all("th")]
    assert heads == ["Месяц", "Мероприятия", "Точные даты"]
    counts = [words(row.find_all("td")[2]) for row in article.find("tbody").find_all("tr")]
    expected = [sum(map(len, expected_days(dated_plan, month).values())) for month in MONTHS]
    assert [int(count.split()[0]) for count in counts] == expected
    assert counts[3] == "3 даты" and counts[4] == "1 дата" and counts[10] == "2 даты"


def day_of(start: date | datetime) -> date:
    return start.date() if isinstance(start, datetime) else start


def test_activity_pages_structured_data_and_ics_agree_on_the_days(dated_build, dated_plan):
    soup = BeautifulSoup(dated_build.page(f"plan/{YEAR}/thematic-lessons/"), "lxml")
    (script,) = soup.find_all("script", type="application/ld+json")
    events = json.loads(script.string)
    starts = sorted(date.fromisoformat(e["startDate"][:10]) for e in events)
    grid = cells_by_day(article_of(dated_build, month_path(4)).find("table", class_="month-grid"))
    in_grid = sorted(
        date(YEAR, 4, day)
        for day, cell in grid.items()
        for a in cell.find_all("a")
        if linked_activity(a["href"]) == "thematic-lessons"
    )
    ics = Calendar.from_ical(dated_build.file("calendar.ics"))
    in_ics = sorted(
        day_of(e["DTSTART"].dt)
        for e in ics.walk("VEVENT")
        if str(e["UID"]).startswith(f"{YEAR}-thematic-lessons-event-")
    )
    assert starts == in_grid == in_ics == [date(2019, 4, 19), date(2019, 4, 19), date(2019, 4, 25)]


def test_exact_days_term_links_to_its_month_once(dated_build):
    url = f"plan/{YEAR}/seminar-meeting/"
    article = article_of(dated_build, url)
    text = words(article)
    term = CHANGED_TERMS["seminar-meeting"][1]
    assert text.count("Срок по плану:") == 1 and f"Срок по плану: {term}" in text
    assert "Когда:" not in text and "Месяцы:" not in text
    (month_link,) = [a for a in article.find_all("a") if "calendar" in a["href"]]
    assert words(month_link) == term
    assert month_link["href"].rstrip("/").endswith(f"calendar/{YEAR}/11")


@pytest.mark.parametrize(("year", "month"), [(2019, 2), (2020, 2), (2024, 2), (2100, 2), (2019, 9)])
def test_grid_has_the_days_of_the_month_and_leap_years(year, month):
    view = MonthView(year, month, dated=(), activities=(), all_year=())
    grid = BeautifulSoup(
        month_grid(f"calendar/{year}/{month:02d}.md", view, date(2000, 1, 1)), "lxml"
    )
    numbers = [int(words(n)) for n in grid.select(".month-grid__number")]
    assert numbers == list(range(1, calendar.monthrange(year, month)[1] + 1))
    first_row = grid.select("tbody tr")[0].find_all("td")
    assert len(first_row) == 7
    column = next(i for i, td in enumerate(first_row) if td.find(class_="month-grid__number"))
    assert column == date(year, month, 1).weekday()
    assert grid.find(attrs={"aria-current": "date"}) is None
