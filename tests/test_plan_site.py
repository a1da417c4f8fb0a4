"""The real site built by `mkdocs build --strict`: plan, activity and calendar pages, the
.ics calendar, open data, the home page, privacy and reproducibility.

Expectations come from the loaded model of the same data, so the tests follow the plan
when it changes; a few facts of the seed document are hard-coded on purpose.
"""

from __future__ import annotations

import calendar
import csv
import dataclasses
import gzip
import io
import json
import re
import shutil
import struct
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
import yaml
from babel import Locale
from bs4 import BeautifulSoup, Tag
from icalendar import Calendar

from conftest import BUILD_EPOCH, Build, copy_project, run_mkdocs
from plansite.load.plan import RESERVED_ACTIVITY_IDS, load_plan_data
from plansite.model import Plan, PlanData
from plansite.periods import PeriodKind, describe_period
from plansite.periods.occurrences import describe_regular_periods
from plansite.render.home import home_page
from plansite.render.plan_pages import plan_page
from plansite.russian import month_name, month_nominative, month_title

YEAR = 2019
MONTHS = range(1, 13)
MONTH_GROUP_KINDS = frozenset(
    {PeriodKind.MONTH, PeriodKind.RANGE, PeriodKind.LIST, PeriodKind.QUARTER, PeriodKind.HALF_YEAR}
)
ALL_YEAR_KINDS = frozenset({PeriodKind.WHOLE, PeriodKind.REGULAR})
RU = Locale("ru")
MOSCOW = ZoneInfo("Europe/Moscow")
VSMS_MEANING = "Всероссийский Совет местного самоуправления"
XSS_TITLE = 'Олимпиада <script>alert(1)</script> & "кавычки"'
EPOCH_2026 = "1773532800"  # 2026-03-15 00:00 UTC: outside the plan year, not in January


# --------------------------------------------------------------------------- helpers


def words(element: Tag | str) -> str:
    """Visible text with runs of whitespace made single spaces."""
    value = element if isinstance(element, str) else element.get_text()
    return " ".join(value.split())


def soup_of(build: Build, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(url_path), "lxml")


def article_of(build: Build, url_path: str) -> Tag:
    article = soup_of(build, url_path).find("article")
    assert article is not None, url_path
    return article


def without_timeline(article: Tag) -> Tag:
    """The article without its timeline (tested in test_timeline.py): what is left lists
    each activity once, in full."""
    for block in article.select(".timeline-block"):
        block.decompose()
    return article


def target(url_path: str, href: str) -> str:
    """The site path a link on the page ``url_path`` points to (``/plan/2019/x/``)."""
    return urlsplit(urljoin(f"https://site.invalid/{url_path}", href)).path


def activity_id_of(url_path: str, href: str) -> str | None:
    match = re.fullmatch(rf"/plan/{YEAR}/([a-z0-9-]+)/", target(url_path, href))
    return match[1] if match and match[1] not in RESERVED_ACTIVITY_IDS else None


def group(article: Tag, anchor: str) -> list[Tag]:
    """The elements between the ``<h2 id=anchor>`` and the next heading."""
    heading = article.find("h2", id=anchor)
    assert heading is not None, anchor
    elements = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2"):
            break
        elements.append(sibling)
    return elements


def group_activity_ids(article: Tag, anchor: str, url_path: str) -> list[str]:
    """Activities linked between the ``<h2 id=anchor>`` and the next heading, the folded
    all-year line aside (see :func:`all_year_ids`)."""
    ids = []
    for element in group(article, anchor):
        if element.get("id") == "all-year":
            continue
        for link in element.find_all("a", href=True):
            activity_id = activity_id_of(url_path, link["href"])
            if activity_id:
                ids.append(activity_id)
    return ids


def all_year_ids(article: Tag, url_path: str) -> list[str]:
    """Activities in the folded «весь год» line of a month page."""
    details = article.find("details", id="all-year")
    if details is None:
        return []
    return [activity_id_of(url_path, a["href"]) for a in details.find_all("a", href=True)]


def term_facts(article: Tag) -> dict[str, str]:
    """The «Label: value» lines of an activity page's facts paragraph."""
    paragraph = next(p for p in article.find_all("p") if "Срок по плану:" in words(p))
    facts = {}
    for line in paragraph.get_text().split("\n"):
        label, _, value = line.partition(":")
        facts[label.strip()] = words(value)
    return facts


def plural_activities(count: int) -> str:
    word = {"one": "мероприятие", "few": "мероприятия"}.get(RU.plural_form(count), "мероприятий")
    return f"{count} {word}"


def plural_dates(count: int) -> str:
    word = {"one": "дата", "few": "даты"}.get(RU.plural_form(count), "дат")
    return f"{count} {word}"


def month_path(month: int) -> str:
    return f"calendar/{YEAR}/{month:02d}/"


def in_month_group(plan: Plan, month: int) -> list[str]:
    return [
        a.id
        for a in plan.activities
        if a.period.kind in MONTH_GROUP_KINDS and month in a.period.months
    ]


def in_all_year_group(plan: Plan, month: int) -> list[str]:
    return [
        a.id
        for a in plan.activities
        if a.period.kind in ALL_YEAR_KINDS and month in a.period.months
    ]


def parse_ics(build: Build) -> Calendar:
    return Calendar.from_ical(build.file("calendar.ics"))


def events_by_activity(calendar: Calendar, site_url: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for event in calendar.walk("VEVENT"):
        activity_id = activity_id_of("", urlsplit(str(event["URL"])).path)
        assert activity_id is not None, event["URL"]
        assert str(event["URL"]).startswith(site_url)
        found.setdefault(activity_id, []).append(event)
    return found


def html_files(build: Build) -> list[Path]:
    files = sorted(build.site.rglob("*.html"))
    assert files
    return files


def tree(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


def mkdocs_config(project: Path) -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def data(shipped_build: Build) -> PlanData:
    return load_plan_data(shipped_build.project)


@pytest.fixture(scope="module")
def plan(data: PlanData) -> Plan:
    plan = data.plan_for(YEAR)
    assert plan is not None
    return plan


@pytest.fixture(scope="module")
def site_url(shipped_build: Build) -> str:
    return mkdocs_config(shipped_build.project)["site_url"]


@pytest.fixture(scope="module")
def site_name(shipped_build: Build) -> str:
    return mkdocs_config(shipped_build.project)["site_name"]


# --------------------------------------------------------------------------- seed facts


def test_seed_document_facts(plan):
    assert len(plan.activities) == 23
    assert len(plan.sections) == 7
    lessons = next(a for a in plan.activities if a.id == "thematic-lessons")
    assert lessons.period.months == (4,)
    kinds = {a.period.kind for a in plan.activities}
    # The month-group rules below cover exactly these kinds; dated kinds need other checks.
    assert kinds <= MONTH_GROUP_KINDS | ALL_YEAR_KINDS


# --------------------------------------------------------------------------- the plan page


def test_plan_page_lists_every_activity_in_document_order(shipped_build, plan):
    url = f"plan/{YEAR}/"
    article = without_timeline(article_of(shipped_build, url))
    assert words(article.find("h1")) == plan.title
    links = [
        (activity_id_of(url, a["href"]), a)
        for a in article.find_all("a", href=True)
        if activity_id_of(url, a["href"])
    ]
    assert [activity_id for activity_id, _ in links] == [a.id for a in plan.activities]
    for (_, link), activity in zip(links, plan.activities, strict=True):
        assert target(url, link["href"]) == f"/plan/{YEAR}/{activity.id}/"
        assert words(link) == activity.title
        entry = words(link.find_parent("li"))
        assert entry == (
            f"{activity.title} Срок: {activity.when} "
            f"Ответственные: {', '.join(activity.responsible)}"
        )


def test_plan_page_sections_are_numbered_in_order(shipped_build, plan):
    article = article_of(shipped_build, f"plan/{YEAR}/")
    headings = [h for h in article.find_all("h2") if h.get("id") != "timeline"]
    romans = ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert [h.get("id") for h in headings] == [s.id for s in plan.sections]
    assert [words(h) for h in headings] == [
        f"{roman}. {s.title}" for roman, s in zip(romans, plan.sections, strict=True)
    ]
    for heading, section in zip(headings, plan.sections, strict=True):
        following = heading.find_next_sibling()
        ids = [activity_id_of(f"plan/{YEAR}/", a["href"]) for a in following.find_all("a")]
        assert ids == [a.id for a in section.activities]


def test_plan_page_summary_and_downloads(shipped_build, plan, data):
    url = f"plan/{YEAR}/"
    article = article_of(shipped_build, url)
    text = words(article)
    assert f"{data.organization.name}. В плане 7 разделов и 23 мероприятия." in text
    links = {words(a): target(url, a["href"]) for a in article.find_all("a", href=True)}
    assert links["JSON"] == f"/plan/{YEAR}/plan.json"
    assert links["CSV"] == f"/plan/{YEAR}/plan.csv"
    assert links["Подписаться на календарь (.ics)"] == "/calendar.ics"
    assert links["Календарь по месяцам"] == f"/calendar/{YEAR}/"
    for path in links.values():
        assert (shipped_build.site / path.lstrip("/")).exists() or (
            shipped_build.site / path.lstrip("/") / "index.html"
        ).exists()


def test_plan_page_section_count_agrees_with_the_number(data, plan):
    two_sections = dataclasses.replace(plan, sections=plan.sections[:2])
    markdown = plan_page(data, two_sections).markdown
    assert "В плане 2 раздела и 4 мероприятия." in " ".join(markdown.split())


def test_plan_page_numbers_any_count_of_sections(data, plan):
    """Sections are numbered in Roman numerals however many there are: XI, XII, … XL."""
    many = tuple(
        dataclasses.replace(plan.sections[index % len(plan.sections)], id=f"section-{index}")
        for index in range(40)
    )
    markdown = plan_page(data, dataclasses.replace(plan, sections=many)).markdown
    headings = [
        line
        for line in markdown.splitlines()
        if line.startswith("## ") and not line.endswith("{#timeline}")
    ]
    assert len(headings) == 40
    assert headings[10].startswith("## XI\\. ")
    assert headings[39].startswith("## XL\\. ")


def test_home_page_section_count_agrees_with_the_number(data, plan):
    one_section = dataclasses.replace(plan, sections=plan.sections[:1])
    data = dataclasses.replace(data, plans=(one_section,))
    markdown = home_page(data, date(YEAR, 5, 1), "https://example.org/").markdown
    assert f"{plural_activities(2)}, разделов: 1." in markdown


# --------------------------------------------------------------------------- activity pages


def test_every_activity_has_its_page(shipped_build, plan, site_name):
    for activity in plan.activities:
        url = f"plan/{YEAR}/{activity.id}/"
        soup = soup_of(shipped_build, url)
        article = soup.find("article")
        assert words(article.find("h1")) == activity.title, activity.id
        assert words(soup.title) == f"{activity.title} — {site_name}"
        text = words(article)
        assert text.count("Срок по плану:") == 1
        assert "Когда:" not in text, "the term is said once, in the plan's own words"
        facts = term_facts(article)
        assert facts["Срок по плану"] == words(activity.when), activity.id
        assert facts["Ответственные"] == ", ".join(activity.responsible)
        month_links = [
            (words(a), target(url, a["href"]))
            for a in article.find_all("a", href=True)
            if target(url, a["href"]).startswith(f"/calendar/{YEAR}/")
        ]
        assert month_links == expected_month_links(activity), activity.id
        kind = activity.period.kind
        assert ("Месяцы" in facts) == (kind not in ALL_YEAR_KINDS and len(month_links) > 1)
        if kind is PeriodKind.REGULAR:
            assert facts["Периоды"] == describe_regular_periods(activity.period)
        else:
            assert "Периоды" not in facts
        section = next(s for s in plan.sections if s.id == activity.section_id)
        section_link = article.find("a", href=True)
        assert words(section_link) == section.title
        assert target(url, section_link["href"]) == f"/plan/{YEAR}/"
        assert article.find(string=re.compile("Даты проведения")) is None  # no events in 2019


def expected_month_links(activity) -> list[tuple[str, str]]:
    """Month pages an activity page links to: none for the whole year or a regular activity,
    its one month under the plan's wording, else each month by name."""
    period = activity.period
    if period.kind in ALL_YEAR_KINDS:
        return []
    if len(period.months) == 1:
        return [(words(activity.when), f"/{month_path(period.months[0])}")]
    return [(month_nominative(m), f"/{month_path(m)}") for m in period.months]


def test_activity_page_facts_for_known_periods(shipped_build):
    expected = {
        "thematic-lessons": {"Срок по плану": "апрель"},
        "seminar-meeting": {
            "Срок по плану": "II полугодие",
            "Месяцы": "июль, август, сентябрь, октябрь, ноябрь, декабрь",
        },
        "smolensk-council-by-election": {
            "Срок по плану": "июнь – сентябрь",
            "Месяцы": "июнь, июль, август, сентябрь",
        },
        "media-coverage": {"Срок по плану": "Весь период"},  # capital В, as in the document
        "presidium-meetings": {
            "Срок по плану": "по мере необходимости, но не реже 1-го раза в 3 месяца",
            "Периоды": "I–IV квартал",
        },
        "regional-council-meetings": {
            "Срок по плану": "не реже 1-го раза в 6 месяцев",
            "Периоды": "I и II полугодие",
        },
    }
    for activity_id, facts in expected.items():
        found = term_facts(article_of(shipped_build, f"plan/{YEAR}/{activity_id}/"))
        assert {label: found[label] for label in found if label != "Ответственные"} == facts


# --------------------------------------------------------------------------- the calendar


def test_year_calendar_lists_twelve_months_with_counts(shipped_build, plan):
    url = f"calendar/{YEAR}/"
    article = article_of(shipped_build, url)
    assert not any(a.events for a in plan.activities), "the shipped plan has no dated events"
    # A column that is zero in every month is left out: no «Точные даты» without dates.
    assert [words(th) for th in article.find("thead").find_all("th")] == ["Месяц", "Мероприятия"]
    rows = article.find("tbody").find_all("tr")
    assert len(rows) == 12
    forms = set()
    for month, row in zip(MONTHS, rows, strict=True):
        month_cell, count_cell = row.find_all("td")
        link = month_cell.find("a")
        assert (
            words(link)
            == month_title(month, YEAR)
            == f"{month_nominative(month).capitalize()} {YEAR}"
        )
        assert target(url, link["href"]) == f"/{month_path(month)}"
        count = sum(month in a.period.months for a in plan.activities)
        assert words(count_cell) == plural_activities(count)
        forms.add(RU.plural_form(count))
    if "few" in forms:
        assert "мероприятия" in words(article)
    if "one" in forms:
        assert re.search(r"\b\d*1 мероприятие\b", words(article))


def test_russian_plural_rule_for_activities():
    assert [plural_activities(n) for n in (1, 2, 5, 11, 17, 21, 22, 25)] == [
        "1 мероприятие",
        "2 мероприятия",
        "5 мероприятий",
        "11 мероприятий",
        "17 мероприятий",
        "21 мероприятие",
        "22 мероприятия",
        "25 мероприятий",
    ]


PHASE_HEADINGS = {
    "month-once": ("Проходит", "Проходят"),
    "month-starts": ("Начинается", "Начинаются"),
    "month-continues": ("Продолжается", "Продолжаются"),
    "month-ends": ("Завершается", "Завершаются"),
}


def expected_phase(activity, month: int) -> str:
    """Where ``month`` stands in the run of consecutive months of the period holding it."""
    months = set(activity.period.months)
    starts, ends = month - 1 not in months, month + 1 not in months
    if starts and ends:
        return "month-once"
    return "month-starts" if starts else "month-ends" if ends else "month-continues"


@pytest.mark.parametrize("month", MONTHS)
def test_month_page_groups(shipped_build, plan, month):
    url = month_path(month)
    article = article_of(shipped_build, url)
    assert words(article.find("h1")) == month_title(month, YEAR)
    own = in_month_group(plan, month)
    assert sorted(group_activity_ids(article, "month", url)) == sorted(own)
    by_id = {a.id: a for a in plan.activities}
    in_month = month_name_in(month)
    for heading in article.find("h2", id="month").find_next_siblings("h3"):
        phase = heading["id"]
        listed = heading.find_next_sibling("ul").find_all("li", recursive=False)
        one, several = PHASE_HEADINGS[phase]
        assert words(heading) == f"{one if len(listed) == 1 else several} {in_month}"
        for item in listed:
            activity = by_id[activity_id_of(url, item.find("a")["href"])]
            assert expected_phase(activity, month) == phase, activity.id
            if len(activity.period.months) == 1:
                assert words(item) == activity.title  # the heading names the month
            else:
                assert words(item) == f"{activity.title} — {describe_period(activity.period)}"
    if not own:
        assert "Отдельных мероприятий в этом месяце нет." in words(article)


@pytest.mark.parametrize("month", MONTHS)
def test_month_page_folds_the_all_year_activities_into_one_line(shipped_build, plan, month):
    url = month_path(month)
    article = article_of(shipped_build, url)
    all_year = in_all_year_group(plan, month)
    assert all_year, "the shipped plan has activities that run all year"
    assert all_year_ids(article, url) == all_year
    details = article.find("details", id="all-year")
    assert details.get("open") is None, "folded until the reader opens it"
    count = plural_activities(len(all_year))
    one = RU.plural_form(len(all_year)) == "one"
    if in_month_group(plan, month):
        expected = f"И ещё {count}, {'которое идёт' if one else 'которые идут'} весь год"
    else:
        expected = f"Весь год {'идёт' if one else 'идут'} {count}"
    assert words(details.find("summary")) == expected
    # Each all-year activity appears once on the page, in the folded line only.
    links = [activity_id_of(url, a["href"]) for a in article.find_all("a", href=True)]
    for activity_id in all_year:
        assert links.count(activity_id) == 1, activity_id


def month_name_in(month: int) -> str:
    """«в апреле»."""
    return f"в {month_name(month, 'prepositional')}"


@pytest.mark.parametrize("month", MONTHS)
def test_month_grid_starts_on_monday_with_the_first_in_its_weekday(shipped_build, month):
    article = article_of(shipped_build, month_path(month))
    grid = article.find("table", class_="month-grid")
    assert words(grid.find("caption")) == month_title(month, YEAR)
    heads = grid.find("thead").find_all("th")
    assert [h["scope"] for h in heads] == ["col"] * 7
    assert [words(h.find("abbr")) for h in heads] == [
        RU.days["stand-alone"]["abbreviated"][day].capitalize() for day in range(7)
    ]
    assert [h.find("abbr")["title"] for h in heads] == [
        RU.days["stand-alone"]["wide"][day] for day in range(7)
    ]
    assert words(heads[0].find("abbr")) == "Пн" and heads[0].find("abbr")["title"] == "понедельник"
    assert [words(h.find(class_="visually-hidden")) for h in heads] == [
        h.find("abbr")["title"] for h in heads
    ]
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdayscalendar(YEAR, month)
    rows = grid.find("tbody").find_all("tr")
    assert [[cell_day(td) for td in row.find_all("td")] for row in rows] == weeks
    first_column = [cell_day(td) for td in rows[0].find_all("td")].index(1)
    assert first_column == calendar.weekday(YEAR, month, 1)
    assert max(max(week) for week in weeks) == calendar.monthrange(YEAR, month)[1]
    # The shipped plan has no dated events: the grid is there, with a short note under it.
    assert grid.find("a") is None
    assert words(group(article, "dated")[-1]) == "Мероприятий с точной датой в этом месяце нет."


def cell_day(cell: Tag) -> int:
    """The day number a grid cell shows, 0 for a cell outside the month."""
    number = cell.find(class_="month-grid__number")
    return int(words(number)) if number else 0


def test_month_grid_marks_today(shipped_build):
    today = datetime.fromtimestamp(int(BUILD_EPOCH), tz=MOSCOW).date()
    for month in MONTHS:
        grid = article_of(shipped_build, month_path(month)).find("table", class_="month-grid")
        marked = grid.find_all(attrs={"aria-current": "date"})
        if month == today.month:
            (cell,) = marked
            assert cell_day(cell) == today.day
            assert "month-grid__day--today" in cell["class"]
            assert "сегодня" in words(cell)
        else:
            assert marked == [], month


def test_every_activity_of_the_plan_is_on_its_months_pages(shipped_build, plan):
    pages = {}
    for month in MONTHS:
        url = month_path(month)
        article = article_of(shipped_build, url)
        pages[month] = {
            activity_id_of(url, a["href"]) for a in article.find_all("a", href=True)
        } - {None}
    for activity in plan.activities:
        on = {m for m in MONTHS if activity.id in pages[m]}
        assert on == set(activity.period.months), activity.id


def test_second_half_year_activity_is_on_july_to_december_only(shipped_build):
    months_with_seminar = set()
    for month in MONTHS:
        url = month_path(month)
        article = article_of(shipped_build, url)
        if "seminar-meeting" in group_activity_ids(article, "month", url):
            months_with_seminar.add(month)
        assert "seminar-meeting" not in all_year_ids(article, url)
        ids = {activity_id_of(url, a["href"]) for a in article.find_all("a", href=True)}
        assert ("seminar-meeting" in ids) == (month >= 7)
    assert months_with_seminar == {7, 8, 9, 10, 11, 12}


@pytest.mark.parametrize("month", MONTHS)
def test_month_navigation(shipped_build, month):
    url = month_path(month)
    nav = article_of(shipped_build, url).find("p", class_="month-nav")
    assert nav is not None
    links = [(words(a), target(url, a["href"])) for a in nav.find_all("a")]
    expected = []
    if month > 1:
        expected.append((month_title(month - 1, YEAR), f"/{month_path(month - 1)}"))
    expected.append((f"Весь {YEAR} год", f"/calendar/{YEAR}/"))
    if month < 12:
        expected.append((month_title(month + 1, YEAR), f"/{month_path(month + 1)}"))
    assert links == expected
    text = words(nav)
    assert text.startswith("←") == (month > 1)
    assert text.endswith("→") == (month < 12)


# --------------------------------------------------------------------------- calendar.ics


def test_ics_calendar_properties(shipped_build, data):
    calendar = parse_ics(shipped_build)
    assert str(calendar["X-WR-CALNAME"]) == f"{data.organization.short_name}: план работы"
    assert str(calendar["VERSION"]) == "2.0"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Moscow"]


def test_ics_events_match_the_plan(shipped_build, plan, site_url):
    calendar = parse_ics(shipped_build)
    found = events_by_activity(calendar, site_url)
    expected_total = 0
    for activity in plan.activities:
        events = found.get(activity.id, [])
        kind, months = activity.period.kind, activity.period.months
        for event in events:
            assert event.get("RRULE") is None
            assert str(event["TRANSP"]) == "TRANSPARENT"
            assert str(event["SUMMARY"]).startswith(activity.title)
            assert type(event["DTSTART"].dt) is date and type(event["DTEND"].dt) is date
        if kind is PeriodKind.WHOLE:
            assert events == [], activity.id
            continue
        if kind is PeriodKind.REGULAR:
            step = activity.period.interval
            assert step in (1, 2, 3, 4, 6, 12)
            spans = [(first, min(first + step - 1, 12)) for first in range(1, 13, step)]
        else:
            spans = [(months[0], months[-1])]
        expected = [
            (date(YEAR, first, 1), date(YEAR + last // 12, last % 12 + 1, 1))
            for first, last in spans
        ]
        actual = sorted((e["DTSTART"].dt, e["DTEND"].dt) for e in events)
        assert actual == expected, activity.id
        assert len({str(e["UID"]) for e in events}) == len(events)
        expected_total += len(expected)
    assert len(calendar.walk("VEVENT")) == expected_total


def test_ics_april_activity_spans_april(shipped_build, site_url):
    calendar = parse_ics(shipped_build)
    (lessons,) = events_by_activity(calendar, site_url)["thematic-lessons"]
    assert str(lessons["UID"]) == f"{YEAR}-thematic-lessons@plansite"
    assert lessons["DTSTART"].dt == date(2019, 4, 1)
    assert lessons["DTEND"].dt == date(2019, 5, 1)
    assert str(lessons["TRANSP"]) == "TRANSPARENT"
    assert lessons.get("RRULE") is None
    assert str(lessons["URL"]) == f"{site_url}plan/{YEAR}/thematic-lessons/"


def test_ics_regular_activities_are_one_event_per_period(shipped_build, site_url):
    found = events_by_activity(parse_ics(shipped_build), site_url)
    council = sorted(found["regional-council-meetings"], key=lambda e: e["DTSTART"].dt)
    assert [str(e["SUMMARY"]) for e in council] == [
        "Заседания Смоленского Регионального совета — I полугодие",
        "Заседания Смоленского Регионального совета — II полугодие",
    ]
    assert [str(e["UID"]) for e in council] == [
        f"{YEAR}-regional-council-meetings-h1@plansite",
        f"{YEAR}-regional-council-meetings-h2@plansite",
    ]
    presidium = sorted(found["presidium-meetings"], key=lambda e: e["DTSTART"].dt)
    assert [e["DTSTART"].dt.month for e in presidium] == [1, 4, 7, 10]
    assert [str(e["SUMMARY"]).rsplit("— ", 1)[1] for e in presidium] == [
        "I квартал",
        "II квартал",
        "III квартал",
        "IV квартал",
    ]


# --------------------------------------------------------------------------- open data


def test_plan_json_matches_the_model(shipped_build, plan, data, site_url):
    document = json.loads(shipped_build.file(f"plan/{YEAR}/plan.json").decode("utf-8"))
    assert document["year"] == YEAR
    assert document["title"] == plan.title
    assert document["organization"]["name"] == data.organization.name
    assert [s["id"] for s in document["sections"]] == [s.id for s in plan.sections]
    assert [s["title"] for s in document["sections"]] == [s.title for s in plan.sections]
    activities = [a for s in document["sections"] for a in s["activities"]]
    assert len(activities) == len(plan.activities) == 23
    for item, activity in zip(activities, plan.activities, strict=True):
        assert item["id"] == activity.id
        assert item["title"] == activity.title
        assert item["when"] == activity.when
        assert item["months"] == list(activity.period.months)
        assert item["kind"] == activity.period.kind.value
        assert item["responsible"] == list(activity.responsible)
        assert item["url"] == f"{site_url}plan/{YEAR}/{activity.id}/"


def test_plan_csv_has_one_row_per_activity(shipped_build, plan, site_url):
    raw = shipped_build.file(f"plan/{YEAR}/plan.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, *body = rows
    assert header[:3] == ["Раздел", "Мероприятие", "Срок (как в плане)"]
    assert len(body) == len(plan.activities) == 23
    titles = {s.id: s.title for s in plan.sections}
    for row, activity in zip(body, plan.activities, strict=True):
        assert len(row) == len(header)
        assert row[0] == titles[activity.section_id]
        assert row[1] == activity.title
        assert row[2] == activity.when
        assert row[3] == ", ".join(str(m) for m in activity.period.months)
        assert f"{site_url}plan/{YEAR}/{activity.id}/" in row


# --------------------------------------------------------------------------- home and glossary


def check_home(build: Build, data: PlanData, plan: Plan, featured: int) -> None:
    article = article_of(build, "")
    assert words(article.find("h1")) == data.organization.name
    text = words(article)
    assert words(data.organization.about) in text
    assert f"План работы на {YEAR} год" in text
    assert f"{plan.title}: 23 мероприятия, разделов: 7." in text
    items = article.find("ol").find_all("li")
    assert [words(li) for li in items] == [
        f"{s.title} — {plural_activities(len(s.activities))}" for s in plan.sections
    ]
    for item, section in zip(items, plan.sections, strict=True):
        href = item.find("a")["href"]
        assert target("", href) == f"/plan/{YEAR}/"
        assert urlsplit(href).fragment == section.id
    month_heading = article.find("h2", id="month")
    assert words(month_heading) == f"{month_title(featured, YEAR)}: что по плану"
    assert group_activity_ids(article, "month", "") == in_month_group(plan, featured)
    links = {words(a): target("", a["href"]) for a in article.find_all("a", href=True)}
    assert links["Все мероприятия месяца"] == f"/{month_path(featured)}"
    assert links["Календарь на год"] == f"/calendar/{YEAR}/"


def test_home_page_shows_the_build_month(shipped_build, data, plan):
    assert datetime.fromtimestamp(int(BUILD_EPOCH), tz=MOSCOW).month == 5
    check_home(shipped_build, data, plan, featured=5)
    assert "Май 2019: что по плану" in words(article_of(shipped_build, ""))


def test_home_page_after_the_plan_year_shows_the_plans_results(project, data, plan):
    build = run_mkdocs(project, epoch=EPOCH_2026)
    assert build.returncode == 0, build.output
    article = article_of(build, "")
    assert article.find("h2", id="month") is None
    assert words(article.find("h2", id="results")) == f"Итоги плана на {YEAR} год"
    text = words(article)
    assert "Отчёты опубликованы по 12 из 23 мероприятий (52 %)." in text
    bar = article.find("progress")
    assert (bar["value"], bar["max"]) == ("12", "23")
    rows = article.find("h2", id="results").find_next("table").select("tbody tr")
    assert [words(row.find("td")) for row in rows] == [s.title for s in plan.sections]
    links = {words(a): target("", a["href"]) for a in article.find_all("a", href=True)}
    assert links["Выполнение плана по каждому мероприятию"] == f"/plan/{YEAR}/report/"


def test_glossary_lists_every_term(shipped_build, data):
    rows = article_of(shipped_build, "glossary/").find("tbody").find_all("tr")
    assert [tuple(words(td) for td in row.find_all("td")) for row in rows] == [
        (term.abbr, term.meaning) for term in data.glossary
    ]
    assert "ВСМС" in {term.abbr for term in data.glossary}


@pytest.mark.parametrize(
    "url",
    ["", f"plan/{YEAR}/", f"plan/{YEAR}/thematic-lessons/", month_path(4), "glossary/"],
)
def test_pages_carry_glossary_tooltips(shipped_build, data, url):
    meanings = {term.abbr: term.meaning for term in data.glossary}
    abbrs = article_of(shipped_build, url).find_all("abbr")
    assert any(words(a) == "ВСМС" and a.get("title") == VSMS_MEANING for a in abbrs)
    for abbr in abbrs:
        if abbr.find_parent("table", class_="month-grid"):
            continue  # the weekdays of a month grid: «Пн» for «понедельник»
        assert abbr.get("title") == meanings[words(abbr)]


# --------------------------------------------------------------------------- privacy


def test_no_page_loads_anything_from_another_host(shipped_build, site_url):
    own_host = urlsplit(site_url).hostname
    site = shipped_build.site
    for path in html_files(shipped_build):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        page_dir = path.parent
        resources = [tag["src"] for tag in soup.find_all(src=True)]
        resources += [tag["href"] for tag in soup.find_all("link", href=True)]
        resources += [
            candidate.split()[0]
            for tag in soup.find_all(srcset=True)
            for candidate in tag["srcset"].split(",")
        ]
        for url in resources:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                assert parts.hostname == own_host, (path, url)
                continue
            assert parts.scheme in ("", "data"), (path, url)
            if parts.scheme == "data" or not parts.path:
                continue
            if parts.path.startswith("/"):  # 404.html links from the site root
                local = (site / parts.path.removeprefix(urlsplit(site_url).path)).resolve()
            else:
                local = (page_dir / parts.path).resolve()
            if local.is_dir():
                local = local / "index.html"
            assert local.is_file(), (path, url)
            assert site.resolve() in local.parents, (path, url)
        raw = path.read_text(encoding="utf-8")
        assert not re.search(
            r"""(?:src|<link[^>]*href)=["']?https?://(?!""" + re.escape(own_host) + ")", raw
        ), path


def test_fonts_are_local(shipped_build):
    config = mkdocs_config(shipped_build.project)
    assert config["theme"]["font"] is False
    for path in shipped_build.site.rglob("*"):
        if path.suffix in (".html", ".css", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "fonts.googleapis" not in text, path
            assert "fonts.gstatic" not in text, path


def test_mkdocs_watches_only_what_a_rebuild_reloads(shipped_build):
    """Data and posts are re-read on every rebuild; hooks are imported once, never reloaded."""
    watched = {p.rstrip("/") for p in mkdocs_config(shipped_build.project).get("watch", [])}
    assert watched == {"data", "news"}


def test_site_url_can_be_overridden_by_the_environment(project):
    other = "https://other.example/sub/"
    build = run_mkdocs(project, PLANSITE_SITE_URL=other)
    assert build.returncode == 0, build.output
    canonical = soup_of(build, "").find("link", rel="canonical")
    assert canonical["href"] == other
    document = json.loads(build.file(f"plan/{YEAR}/plan.json"))
    assert document["url"] == f"{other}plan/{YEAR}/"


# --------------------------------------------------------------------------- reproducibility


def test_build_is_byte_for_byte_reproducible(project, tmp_path):
    first = run_mkdocs(project)
    assert first.returncode == 0, first.output
    first_site = tmp_path / "site-first"
    shutil.move(first.site, first_site)
    second = run_mkdocs(project)
    assert second.returncode == 0, second.output
    # The same sources in another directory: no absolute path may leak into the output.
    elsewhere = tmp_path / "elsewhere" / "deeper"
    shutil.copytree(project, elsewhere, ignore=shutil.ignore_patterns("site", "__pycache__"))
    third = run_mkdocs(elsewhere)
    assert third.returncode == 0, third.output
    one, two, three = tree(first_site), tree(second.site), tree(third.site)
    assert len(one) > 100
    assert sorted(one) == sorted(two) == sorted(three)
    assert [name for name in one if one[name] != two[name]] == []
    assert [name for name in one if one[name] != three[name]] == []
    # The sitemap's gzip header carries SOURCE_DATE_EPOCH, not the build clock, so even
    # sitemap.xml.gz is identical.
    gz = one["sitemap.xml.gz"]
    assert struct.unpack("<I", gz[4:8])[0] == int(BUILD_EPOCH)
    assert gzip.decompress(gz) == one["sitemap.xml"]


# --------------------------------------------------------------------------- a changed plan


EVENT_YAML = """\
            events:
              - date: 2019-04-19
                time: "10:00"
                title: Урок в школе № 1
                place: Смоленск
"""


HAND_WRITTEN_LINE = "\nПресс-служба РО ВСМС отвечает на вопросы.\n"


@pytest.fixture(scope="module")
def changed_build(tmp_path_factory) -> Build:
    """The shipped project with a dated event, a title full of markup and a hand-written
    page that uses an abbreviation."""
    project = copy_project(tmp_path_factory.mktemp("changed") / "project")
    plan_file = project / "data" / "plan.yaml"
    text = plan_file.read_text(encoding="utf-8")
    lessons = "            when: апрель\n"
    olympiad = "title: Олимпиада по основам местного самоуправления\n"
    assert text.count(lessons) == 1 and text.count(olympiad) == 1
    text = text.replace(lessons, lessons + EVENT_YAML)
    text = text.replace(olympiad, f"title: '{XSS_TITLE}'\n")
    plan_file.write_text(text, encoding="utf-8")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + HAND_WRITTEN_LINE, encoding="utf-8")
    build = run_mkdocs(project)
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="module")
def changed_plan(changed_build) -> Plan:
    return load_plan_data(changed_build.project).current_plan


def test_changed_plan_loaded_as_intended(changed_plan):
    lessons = next(a for a in changed_plan.activities if a.id == "thematic-lessons")
    assert len(lessons.events) == 1
    olympiad = next(a for a in changed_plan.activities if a.id == "local-government-olympiad")
    assert olympiad.title == XSS_TITLE


def test_hand_written_pages_carry_glossary_tooltips(changed_build, data):
    article = article_of(changed_build, "about/")
    paragraph = next(p for p in article.find_all("p") if "Пресс-служба" in words(p))
    assert words(paragraph) == words(HAND_WRITTEN_LINE)
    titles = {words(a): a.get("title") for a in paragraph.find_all("abbr")}
    meanings = {term.abbr: term.meaning for term in data.glossary}
    assert titles == {"РО": meanings["РО"], "ВСМС": VSMS_MEANING}


def test_event_appears_in_the_dated_group_of_its_month(changed_build, changed_plan):
    url = month_path(4)
    article = article_of(changed_build, url)
    items = [li for element in group(article, "dated") for li in element.find_all("li")]
    lessons = next(a for a in changed_plan.activities if a.id == "thematic-lessons")
    assert [words(li) for li in items] == [
        f"19 апреля, 10:00 — Урок в школе № 1 (Смоленск) · {lessons.title}"
    ]
    # In the grid and in the list under it.
    assert group_activity_ids(article, "dated", url) == ["thematic-lessons"] * 2
    assert "thematic-lessons" in group_activity_ids(article, "month", url)
    for month in set(MONTHS) - {4}:
        other = month_path(month)
        assert group_activity_ids(article_of(changed_build, other), "dated", other) == []
    year = article_of(changed_build, f"calendar/{YEAR}/")
    # The «Точные даты» column is back as soon as one month has a dated event.
    assert [words(th) for th in year.find("thead").find_all("th")] == [
        "Месяц",
        "Мероприятия",
        "Точные даты",
    ]
    year_rows = year.find("tbody").find_all("tr")
    assert [words(row.find_all("td")[2]) for row in year_rows] == [
        plural_dates(1 if month == 4 else 0) for month in MONTHS
    ]


def test_event_appears_on_the_activity_page(changed_build):
    article = article_of(changed_build, f"plan/{YEAR}/thematic-lessons/")
    heading = article.find("h2", string="Даты проведения")
    assert heading is not None
    items = heading.find_next_sibling("ul").find_all("li")
    assert [words(li) for li in items] == ["19 апреля, 10:00 — Урок в школе № 1 (Смоленск)"]


def test_event_is_a_timed_vevent(changed_build):
    calendar = Calendar.from_ical(changed_build.file("calendar.ics"))
    (event,) = [
        e
        for e in calendar.walk("VEVENT")
        if str(e["UID"]).startswith("2019-thematic-lessons-event")
    ]
    assert str(event["UID"]) == "2019-thematic-lessons-event-2019-04-19-1@plansite"
    assert str(event["SUMMARY"]) == "Урок в школе № 1"
    assert str(event["LOCATION"]) == "Смоленск"
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert start == datetime(2019, 4, 19, 10, 0, tzinfo=MOSCOW)
    assert start.utcoffset() == timedelta(hours=3)
    assert end - start == timedelta(hours=2)
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Moscow"
    assert str(event["TRANSP"]) == "OPAQUE"
    assert event.get("RRULE") is None
    # The month-long April entry is still there beside it.
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert "2019-thematic-lessons@plansite" in uids


def test_markup_in_a_title_never_becomes_an_element(changed_build):
    for path in html_files(changed_build):
        raw = path.read_text(encoding="utf-8")
        assert "<script>alert" not in raw, path
        soup = BeautifulSoup(raw, "lxml")
        for script in soup.find_all("script"):
            assert "alert(1)" not in script.get_text(), path


def test_markup_in_a_title_is_escaped_in_head_and_heading(changed_build, site_name):
    url = f"plan/{YEAR}/local-government-olympiad/"
    raw = changed_build.page(url)
    soup = BeautifulSoup(raw, "lxml")
    assert words(soup.title) == f"{XSS_TITLE} — {site_name}"
    assert "<title>Олимпиада &lt;script&gt;alert(1)&lt;/script&gt; &amp; " in raw
    h1 = soup.find("article").find("h1")
    assert h1.find("script") is None
    assert "alert(1)" in words(h1)
    plan_link = next(
        a
        for a in article_of(changed_build, f"plan/{YEAR}/").find_all("a", href=True)
        if activity_id_of(f"plan/{YEAR}/", a["href"]) == "local-government-olympiad"
    )
    assert plan_link.find("script") is None
    assert "alert(1)" in words(plan_link)


def test_markup_in_a_title_shows_exactly_as_typed(changed_build):
    url = f"plan/{YEAR}/local-government-olympiad/"
    assert words(article_of(changed_build, url).find("h1")) == XSS_TITLE
    for page in (f"plan/{YEAR}/", month_path(5)):
        link = next(
            a
            for a in without_timeline(article_of(changed_build, page)).find_all("a", href=True)
            if activity_id_of(page, a["href"]) == "local-government-olympiad"
        )
        assert words(link) == XSS_TITLE, page
    for page in (f"plan/{YEAR}/", f"calendar/{YEAR}/"):
        titles = [
            words(row.select_one(".timeline__title"))
            for row in article_of(changed_build, page).select(".timeline__row")
            if activity_id_of(page, row.a["href"]) == "local-government-olympiad"
        ]
        assert titles == [XSS_TITLE], page


def test_markup_in_a_title_is_plain_text_in_ics_json_and_csv(changed_build, site_url):
    calendar = Calendar.from_ical(changed_build.file("calendar.ics"))
    (event,) = events_by_activity(calendar, site_url)["local-government-olympiad"]
    assert str(event["SUMMARY"]) == XSS_TITLE
    document = json.loads(changed_build.file(f"plan/{YEAR}/plan.json"))
    titles = {a["id"]: a["title"] for s in document["sections"] for a in s["activities"]}
    assert titles["local-government-olympiad"] == XSS_TITLE
    rows = csv.reader(
        io.StringIO(changed_build.file(f"plan/{YEAR}/plan.csv").decode("utf-8-sig"), newline=""),
        delimiter=";",
    )
    assert XSS_TITLE in [row[1] for row in rows]
