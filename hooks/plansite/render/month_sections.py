"""The activities on a month page: those particular to the month, grouped by what they do in
it (take place, start, continue, end), and the ones that run all year folded into one line."""

from __future__ import annotations

from html import escape

from plansite import urls
from plansite.derive.month_phases import phase_groups
from plansite.model import Activity, Plan
from plansite.periods import describe_period
from plansite.render.markup import heading, link, text
from plansite.russian import all_year_summary, phase_heading
from plansite.typography import DASH, typeset


def activity_list(src: str, plan: Plan, activities: tuple[Activity, ...]) -> str:
    """Linked activities with their periods in words, one per line; a period of one month
    goes without words under a heading that already names the month (``month_named``)."""
    return _list(src, plan, activities, month_named=False)


def _list(src: str, plan: Plan, activities: tuple[Activity, ...], month_named: bool) -> str:
    lines = [
        f"- {link(a.title, src, urls.activity_src(plan.year, a.id))}"
        + ("" if month_named and len(a.period.months) == 1 else f"{DASH}{_when(a)}")
        + "\n"
        for a in activities
    ]
    return "".join(lines) + ("\n" if lines else "")


def _when(activity: Activity) -> str:
    return text(describe_period(activity.period))


def month_groups(src: str, plan: Plan, month: int, activities: tuple[Activity, ...]) -> str:
    """The month's own activities under «Начинаются в апреле» and the like ('' if none)."""
    return "".join(
        heading(3, typeset(phase_heading(phase.value, len(members), month)), f"month-{phase.value}")
        + _list(src, plan, members, month_named=True)
        for phase, members in phase_groups(activities, month)
    )


def all_year_line(
    src: str, plan: Plan, activities: tuple[Activity, ...], after_others: bool
) -> str:
    """One expandable line for the activities that run all year ('' if there are none): they
    are the same every month, so a month page names them only on request. The list inside
    is Markdown (``md_in_html``), so abbreviations in the titles get their tooltips."""
    if not activities:
        return ""
    summary = escape(typeset(all_year_summary(len(activities), after_others)))
    return (
        f'<details class="all-year" id="all-year" markdown="1">\n<summary>{summary}</summary>\n\n'
        + activity_list(src, plan, activities)
        + "</details>\n\n"
    )
