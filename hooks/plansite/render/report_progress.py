"""How much of the plan has reports, as bars: the whole plan, then each section.

Each line says it in words («5 из 23 мероприятий»); the bar beside the words only shows the
same share and is hidden from screen readers. Its filled part is a border, not a background,
so it survives printing.
"""

from __future__ import annotations

from html import escape

from plansite.derive.news_index import NewsIndex
from plansite.model import Activity, Plan
from plansite.render.search import NOT_INDEXED
from plansite.russian import activities_genitive, roman


def report_progress_html(plan: Plan, news: NewsIndex) -> str:
    """Raw HTML for the report page, followed by a blank line."""
    reported = {a.id for a in plan.activities if news.reports(plan.year, a.id)}
    items = [_item("Весь план", plan.activities, reported, "report-progress__item--total")]
    items += [
        _item(f"{roman(number)}. {section.title}", section.activities, reported)
        for number, section in enumerate(plan.sections, start=1)
    ]
    return f'<ul class="report-progress" {NOT_INDEXED}>\n' + "\n".join(items) + "\n</ul>\n\n"


def _item(
    name: str, activities: tuple[Activity, ...], reported: set[str], modifier: str = ""
) -> str:
    total = len(activities)
    done = sum(1 for activity in activities if activity.id in reported)
    share = f"{100 * done / total:.1f}%" if total else "0%"
    classes = f"report-progress__item {modifier}".rstrip()
    return (
        f'<li class="{classes}">'
        f'<span class="report-progress__name">{escape(name)}</span>'
        '<span class="visually-hidden">: </span>'
        '<span class="report-progress__line">'
        '<span class="report-progress__bar" aria-hidden="true">'
        f'<span class="report-progress__done" style="width: {share}"></span></span>'
        f'<span class="report-progress__count">{done} из {activities_genitive(total)}</span>'
        "</span></li>"
    )
