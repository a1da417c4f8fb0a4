"""The plan year drawn as a timeline: HTML and CSS only (docs/assets/plan-charts.css), no script.

Every activity is a row: its title and its period in words, a link to its page, and beside
it (below it on a phone) a track of twelve month columns with its bars, marks or line (see
:mod:`plansite.derive.timeline`). Sections are groups, each headed by its title and the
months. A reader who cannot see the drawing reads the same facts from the links: «title —
с февраля по май»; the drawing itself is hidden from screen readers. Inside the plan year a
dashed vertical line marks the build's day, and the legend says which day it is.

Bars, marks and lines are drawn with borders, which browsers print, not with backgrounds,
which they drop. The block is left out of the search index: the plan page lists the same
activities in full.
"""

from __future__ import annotations

from datetime import date
from html import escape

from plansite import urls
from plansite.derive.timeline import (
    Span,
    Stroke,
    Timeline,
    TimelineGroup,
    TimelineRow,
    plan_timeline,
    year_position,
)
from plansite.model import Plan
from plansite.periods import describe_period
from plansite.render.search import NOT_INDEXED
from plansite.russian import TIMELINE_LEGEND, month_abbreviation, roman
from plansite.typography import DASH, site_date, typeset

_PIECE_CLASS = {Stroke.BAR: "bar", Stroke.MARKS: "mark", Stroke.LINE: "line"}


def timeline_html(plan: Plan, today: date | None, from_src: str) -> str:
    """The timeline of ``plan`` as raw HTML for the Markdown page ``from_src``, followed by a
    blank line; ``today`` is marked if it falls in the plan year."""
    timeline = plan_timeline(plan, today)
    here = urls.page_url(from_src)
    today_attributes = ""
    if timeline.today is not None:
        position = f"{100 * year_position(timeline.today):.2f}%"
        today_attributes = f' style="--timeline-today: {position}"'
    lines = [
        f'<div class="timeline-block" {NOT_INDEXED}>',
        _legend(timeline),
        f'<div class="timeline{" timeline--today" if timeline.today else ""}" role="region" '
        f'aria-label="План на {timeline.year} год по месяцам"{today_attributes}>',
        '<ul class="timeline__groups">',
        *(_group(group, timeline, here) for group in timeline.groups),
        "</ul>",
        "</div>",
        "</div>",
    ]
    return "\n".join(lines) + "\n\n"


def _legend(timeline: Timeline) -> str:
    used = {row.stroke for group in timeline.groups for row in group.rows}
    items = [
        f'<li class="timeline-legend__item">'
        f'<span class="timeline-key timeline__{_PIECE_CLASS[stroke]}" aria-hidden="true">'
        f"</span>{escape(typeset(TIMELINE_LEGEND[stroke.value]))}</li>"
        for stroke in Stroke
        if stroke in used
    ]
    if timeline.today is not None:
        items.append(
            '<li class="timeline-legend__item">'
            '<span class="timeline-key timeline-key--today" aria-hidden="true"></span>'
            f"{TIMELINE_LEGEND['today']}, {escape(site_date(timeline.today))}</li>"
        )
    return '<ul class="timeline-legend">' + "".join(items) + "</ul>"


def _group(group: TimelineGroup, timeline: Timeline, here: str) -> str:
    title = f"{roman(group.number)}. {group.section.title}"
    rows = "\n".join(_row(row, timeline.year, here) for row in group.rows)
    return (
        '<li class="timeline__group">\n'
        f'<div class="timeline__head"><span class="timeline__section">{escape(title)}</span>'
        f"{_months(timeline.today)}</div>\n"
        f'<ul class="timeline__rows">\n{rows}\n</ul>\n'
        "</li>"
    )


def _months(today: date | None) -> str:
    now = today.month if today else None
    cells = [
        f'<span class="timeline__month{" timeline__month--now" if month == now else ""}">'
        f"{month_abbreviation(month)}</span>"
        for month in range(1, 13)
    ]
    return '<span class="timeline__months" aria-hidden="true">' + "".join(cells) + "</span>"


def _row(row: TimelineRow, year: int, here: str) -> str:
    activity = row.activity
    href = urls.relative_url(here, urls.page_url(urls.activity_src(year, activity.id)))
    pieces = "".join(_piece(row.stroke, span) for span in row.spans)
    return (
        f'<li class="timeline__row timeline__row--{row.stroke.value}">'
        f'<a class="timeline__label" href="{escape(href)}">'
        f'<span class="timeline__title">{escape(activity.title)}</span>'
        f'<span class="visually-hidden">{DASH}</span>'
        f'<span class="timeline__when">{escape(typeset(describe_period(activity.period)))}</span>'
        "</a>"
        f'<span class="timeline__track" aria-hidden="true">{pieces}</span>'
        "</li>"
    )


def _piece(stroke: Stroke, span: Span) -> str:
    """One bar, mark or line over the months of ``span``: grid lines 1–13 bound the months."""
    return (
        f'<span class="timeline__{_PIECE_CLASS[stroke]}" '
        f'style="grid-column: {span.first} / {span.last + 1}"></span>'
    )
