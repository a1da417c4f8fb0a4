"""The plan as a picture, read from the built HTML: the year's timeline on the plan and
calendar pages and the bars of the plan report.

Expectations come from the loaded plan model: each activity's months and repetition
interval, its section and its period in words, so the tests follow the plan when it changes.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import Build, copy_project, run_mkdocs
from plansite.load.plan import load_plan_data
from plansite.model import Activity, Plan
from plansite.periods import PeriodKind, describe_period, parse_period
from plansite.render.timeline import timeline_html

YEAR = 2019
TIMELINE_PAGES = (f"plan/{YEAR}/", f"calendar/{YEAR}/")
LATER_EPOCH = "1773532800"  # 2026-03-15 00:00 UTC: outside the plan year
GRID_COLUMN = re.compile(r"grid-column:\s*(\d+)\s*/\s*(\d+)")
ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII")
MONTHS = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
REPORTED = {
    "news/2019/2019-03-01-itogi-zasedaniya.md": ("presidium-meetings", "thematic-lessons"),
    "news/2019/2019-03-20-vybory-itogi.md": ("presidium-meetings", "new-municipalities-elections"),
}
"""The report posts of the report project: file → the activities it reports on."""


def words(element: Tag) -> str:
    return " ".join(element.get_text().split())


def article_of(build: Build, url_path: str) -> Tag:
    article = BeautifulSoup(build.page(url_path), "lxml").find("article")
    assert article is not None, url_path
    return article


def activity_of(url_path: str, href: str) -> str:
    path = urlsplit(urljoin(f"https://site.invalid/{url_path}", href)).path
    match = re.fullmatch(rf"/plan/{YEAR}/([a-z0-9-]+)/", path)
    assert match, f"{url_path}: {href} is not an activity page"
    return match[1]


def pieces(row: Tag) -> list[tuple[str, tuple[int, ...]]]:
    """Each bar, mark or line of a row: its kind and the months its grid columns cover."""
    found = []
    for piece in row.select(".timeline__track > span"):
        match = GRID_COLUMN.search(piece.get("style", ""))
        assert match, piece
        first, end = int(match[1]), int(match[2])
        found.append((piece["class"][0].removeprefix("timeline__"), tuple(range(first, end))))
    return found


def runs(months: tuple[int, ...]) -> int:
    """How many runs of consecutive months: (2, 3, 4, 5) is one, (3, 9) two."""
    return sum(
        1 for index, month in enumerate(months) if index == 0 or months[index - 1] != month - 1
    )


def plan_of(project: Path) -> Plan:
    plan = load_plan_data(project).plan_for(YEAR)
    assert plan is not None
    return plan


@pytest.fixture(scope="module")
def plan(shipped_build: Build) -> Plan:
    return plan_of(shipped_build.project)


@pytest.fixture(scope="module")
def later_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project with only the two report posts of REPORTED, built in 2026."""
    project = copy_project(tmp_path_factory.mktemp("timeline") / "project")
    for post in (project / "news").rglob("*.md"):
        post.unlink()
    for index, (source, activities) in enumerate(REPORTED.items(), start=1):
        path = project / source
        path.parent.mkdir(parents=True, exist_ok=True)
        day = Path(source).name[:10]
        path.write_text(
            f"---\ntitle: Пример отчёта {index}\ndate: {day}\ncategory: Деятельность отделения\n"
            f"plan: [{', '.join(activities)}]\nsummary: Пример записи об итогах мероприятия.\n"
            "---\n\nПример записи: итоги мероприятия плана.\n",
            encoding="utf-8",
        )
    build = run_mkdocs(project, epoch=LATER_EPOCH)
    assert build.returncode == 0, build.output
    return build


# --------------------------------------------------------------------------- the rows


@pytest.mark.parametrize("url", TIMELINE_PAGES)
def test_every_activity_has_one_row_with_its_months(shipped_build: Build, plan: Plan, url: str):
    rows = article_of(shipped_build, url).select(".timeline__row")
    by_id = {activity_of(url, row.a["href"]): row for row in rows}
    assert [activity_of(url, row.a["href"]) for row in rows] == [a.id for a in plan.activities]
    for activity in plan.activities:
        drawn = pieces(by_id[activity.id])
        filled = [month for _, months in drawn for month in months]
        assert filled == list(activity.period.months), activity.id
        assert len(drawn) == expected_count(activity), activity.id


def expected_count(activity: Activity) -> int:
    period = activity.period
    if period.kind is PeriodKind.REGULAR:
        return 12 // (period.interval or 1)
    return runs(period.months)


@pytest.mark.parametrize("url", TIMELINE_PAGES)
def test_each_kind_of_period_has_its_stroke(shipped_build: Build, plan: Plan, url: str):
    """Regular activities: one mark per period; the whole year: one line; else bars."""
    rows = {
        activity_of(url, row.a["href"]): row
        for row in article_of(shipped_build, url).select(".timeline__row")
    }
    kinds = set()
    for activity in plan.activities:
        drawn = pieces(rows[activity.id])
        kind = activity.period.kind
        kinds.add(kind)
        if kind is PeriodKind.REGULAR:
            interval = activity.period.interval or 1
            assert [months for _, months in drawn] == [
                tuple(range(first, first + interval)) for first in range(1, 13, interval)
            ], activity.id
            assert {stroke for stroke, _ in drawn} == {"mark"}, activity.id
        elif kind is PeriodKind.WHOLE:
            assert drawn == [("line", tuple(range(1, 13)))], activity.id
        else:
            assert {stroke for stroke, _ in drawn} == {"bar"}, activity.id
    assert {PeriodKind.REGULAR, PeriodKind.WHOLE, PeriodKind.RANGE} <= kinds


@pytest.mark.parametrize("url", TIMELINE_PAGES)
def test_rows_link_to_their_activities_and_say_the_period(
    shipped_build: Build, plan: Plan, url: str
):
    rows = article_of(shipped_build, url).select(".timeline__row")
    for row, activity in zip(rows, plan.activities, strict=True):
        link = row.select_one("a.timeline__label")
        target = (shipped_build.site / url / link["href"] / "index.html").resolve()
        assert target == (shipped_build.site / f"plan/{YEAR}/{activity.id}/index.html").resolve()
        assert target.is_file()
        # What a screen reader says for the row: the activity and its period in words.
        assert words(link) == f"{activity.title} — {describe_period(activity.period)}"
        assert row.select_one(".timeline__track")["aria-hidden"] == "true"


@pytest.mark.parametrize("url", TIMELINE_PAGES)
def test_sections_are_groups_headed_by_their_months(shipped_build: Build, plan: Plan, url: str):
    groups = article_of(shipped_build, url).select(".timeline__group")
    assert len(groups) == len(plan.sections) == len(ROMANS)
    for group, section, roman in zip(groups, plan.sections, ROMANS, strict=True):
        assert words(group.select_one(".timeline__section")) == f"{roman}. {section.title}"
        months = group.select(".timeline__months .timeline__month")
        assert [words(month) for month in months] == list(MONTHS)
        ids = [activity_of(url, row.a["href"]) for row in group.select(".timeline__row")]
        assert ids == [a.id for a in section.activities]


def test_the_timeline_stays_out_of_the_search_index(shipped_build: Build):
    for url in TIMELINE_PAGES:
        block = article_of(shipped_build, url).select_one(".timeline-block")
        assert block is not None and block.has_attr("data-pagefind-ignore"), url


# --------------------------------------------------------------------------- today


def test_today_is_marked_inside_the_plan_year(shipped_build: Build):
    """The shipped build is dated 1 May 2019: May is marked, a line stands in early May."""
    for url in TIMELINE_PAGES:
        article = article_of(shipped_build, url)
        timeline = article.select_one(".timeline")
        assert "timeline--today" in timeline["class"]
        position = float(re.fullmatch(r"--timeline-today: ([\d.]+)%", timeline["style"])[1])
        assert 4 / 12 * 100 < position < 4.1 / 12 * 100, position
        marked = [words(m) for m in article.select(".timeline__month--now")]
        assert marked == ["май"] * len(article.select(".timeline__group"))
        assert "сегодня, 1 мая 2019 г." in words(article.select_one(".timeline-legend"))


def test_today_is_not_marked_outside_the_plan_year(later_build: Build):
    for url in TIMELINE_PAGES:
        article = article_of(later_build, url)
        timeline = article.select_one(".timeline")
        assert "timeline--today" not in timeline["class"]
        assert not timeline.has_attr("style")
        assert article.select(".timeline__month--now") == []
        assert "сегодня" not in words(article.select_one(".timeline-legend"))


# --------------------------------------------------------------------------- the report


def activities_of(count: int) -> str:
    """«из 23 мероприятий», «из 21 мероприятия»: the genitive after «из», written out here."""
    return (
        f"{count} мероприятия" if count % 10 == 1 and count % 100 != 11 else f"{count} мероприятий"
    )


def test_report_bars_count_the_reported_activities(later_build: Build):
    plan = plan_of(later_build.project)
    reported = {activity for activities in REPORTED.values() for activity in activities}
    expected = [("Весь план", plan.activities)] + [
        (f"{roman}. {section.title}", section.activities)
        for roman, section in zip(ROMANS, plan.sections, strict=True)
    ]
    items = article_of(later_build, f"plan/{YEAR}/report/").select(".report-progress__item")
    assert len(items) == len(expected)
    for item, (name, activities) in zip(items, expected, strict=True):
        done = sum(1 for activity in activities if activity.id in reported)
        count = f"{done} из {activities_of(len(activities))}"
        assert words(item.select_one(".report-progress__name")) == name
        assert words(item.select_one(".report-progress__count")) == count
        assert words(item) == f"{name}: {count}"  # the text a screen reader reads
        assert item.select_one(".report-progress__bar")["aria-hidden"] == "true"
        width = re.fullmatch(
            r"width: ([\d.]+)%", item.select_one(".report-progress__done")["style"]
        )
        assert float(width[1]) == pytest.approx(100 * done / len(activities), abs=0.05), name
    assert words(items[0]) == f"Весь план: 3 из {activities_of(len(plan.activities))}"


# --------------------------------------------------------------------------- every period kind


@pytest.mark.parametrize(
    ("when", "stroke", "drawn"),
    [
        ("март, сентябрь", "bar", [(3,), (9,)]),
        ("I и III квартал", "bar", [(1, 2, 3), (7, 8, 9)]),
        ("II полугодие", "bar", [(7, 8, 9, 10, 11, 12)]),
        ("до 15 марта", "bar", [(1, 2, 3)]),
        ("30 апреля – 2 мая, 21 мая", "bar", [(4, 5)]),
        ("ежемесячно", "mark", [(month,) for month in range(1, 13)]),
        ("ежеквартально", "mark", [(1, 2, 3), (4, 5, 6), (7, 8, 9), (10, 11, 12)]),
        ("ежегодно", "mark", [tuple(range(1, 13))]),
        ("в течение года", "line", [tuple(range(1, 13))]),
    ],
)
def test_each_kind_of_period_is_drawn_over_its_months(
    plan: Plan, when: str, stroke: str, drawn: list[tuple[int, ...]]
):
    """Kinds the shipped plan does not use, drawn on a page of a plan that does."""
    activity = dataclasses.replace(plan.activities[0], period=parse_period(when, YEAR))
    section = dataclasses.replace(plan.sections[0], activities=(activity,))
    markup = timeline_html(
        dataclasses.replace(plan, sections=(section,)), None, "plan/2019/index.md"
    )
    (row,) = BeautifulSoup(markup, "lxml").select(".timeline__row")
    assert pieces(row) == [(stroke, months) for months in drawn]
    assert words(row.a) == f"{activity.title} — {describe_period(activity.period)}"
