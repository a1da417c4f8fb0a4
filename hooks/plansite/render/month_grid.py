"""A month as a calendar table: the days of the week as columns (Monday first), the weeks as
rows, each dated entry in its day's cell linking to its activity, today marked.

The table is HTML (Markdown tables have no caption, no ``scope`` and no empty cells); the
words and the links in it are made safe here, since raw HTML is not escaped by the engine.
It stays out of the search index: the list under it gives the same entries in words, and a
search should not find every month by «понедельник» or by the day it was built («сегодня»).
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date
from html import escape

from plansite import urls
from plansite.derive.calendar import DatedEntry, MonthView
from plansite.render.search import NOT_INDEXED
from plansite.russian import TODAY, month_title, weekday_abbreviation, weekday_name

WEEKDAYS = range(7)
WEEKEND = frozenset({calendar.SATURDAY, calendar.SUNDAY})


def month_grid(src: str, view: MonthView, today: date) -> str:
    """The calendar table of ``view``'s month for the page ``src``, as a raw HTML block."""
    here = urls.page_url(src)
    by_day: dict[int, list[DatedEntry]] = defaultdict(list)
    for entry in view.dated:
        by_day[entry.day.day].append(entry)
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdayscalendar(view.year, view.month)
    rows = "".join(
        "<tr>"
        + "".join(
            _day_cell(here, view.year, date(view.year, view.month, day), by_day[day], today)
            if day
            else _blank_cell(weekday)
            for weekday, day in enumerate(week)
        )
        + "</tr>\n"
        for week in weeks
    )
    return (
        f'<div class="month-grid-box" {NOT_INDEXED}>\n<table class="month-grid">\n'
        f"<caption>{escape(month_title(view.month, view.year))}</caption>\n"
        f"<thead><tr>{''.join(_weekday_head(weekday) for weekday in WEEKDAYS)}</tr></thead>\n"
        f"<tbody>\n{rows}</tbody>\n"
        "</table>\n</div>\n\n"
    )


def _weekday_head(weekday: int) -> str:
    """«Пн» on screen, «понедельник» for screen readers (which rarely read ``title``)."""
    full = weekday_name(weekday)
    return (
        f'<th scope="col"{_weekend_class(weekday)}>'
        f'<abbr title="{full}" aria-hidden="true">{weekday_abbreviation(weekday)}</abbr>'
        f'<span class="visually-hidden">{full}</span></th>'
    )


def _weekend_class(weekday: int, *classes: str) -> str:
    names = [*classes, *(["month-grid__weekend"] if weekday in WEEKEND else [])]
    return f' class="{" ".join(names)}"' if names else ""


def _blank_cell(weekday: int) -> str:
    return f"<td{_weekend_class(weekday, 'month-grid__blank')}></td>"


def _day_cell(here: str, year: int, day: date, entries: list[DatedEntry], today: date) -> str:
    classes = ["month-grid__day"]
    if entries:
        classes.append("month-grid__day--dated")
    is_today = day == today
    if is_today:
        classes.append("month-grid__day--today")
    current = ' aria-current="date"' if is_today else ""
    marker = f'<span class="visually-hidden">, {TODAY}</span>' if is_today else ""
    events = "".join(_entry_link(here, year, entry) for entry in entries)
    return (
        f"<td{_weekend_class(day.weekday(), *classes)}{current}>"
        f'<span class="month-grid__number">{day.day}</span>{marker}{events}</td>'
    )


def _entry_link(here: str, year: int, entry: DatedEntry) -> str:
    href = urls.relative_url(here, urls.page_url(urls.activity_src(year, entry.activity.id)))
    prefix = "Срок: " if entry.is_deadline else ""
    return f'<a class="month-grid__entry" href="{escape(href)}">{prefix}{escape(entry.title)}</a>'
