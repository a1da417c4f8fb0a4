"""The featured plan year, the plan years block and the glossary page (the home and press
pages have their own modules)."""

from __future__ import annotations

from datetime import date

from plansite import urls
from plansite.model import Plan, PlanData
from plansite.output import Page
from plansite.render.markup import front_matter, heading, link, text
from plansite.render.search import search_meta


def featured_plan(data: PlanData, today: date) -> Plan:
    """The plan the home page and the menu lead to: this year's if there is one, else the
    newest."""
    return data.plan_for(today.year) or data.current_plan


def plan_years_block(src: str, data: PlanData) -> str:
    """Every year's plan, calendar and report, newest first, when there is more than one."""
    if len(data.plans) < 2:
        return ""
    lines = [
        f"- {link(f'План на {plan.year} год', src, urls.plan_src(plan.year))} · "
        f"{link('календарь', src, urls.year_calendar_src(plan.year))} · "
        f"{link('выполнение плана', src, urls.report_src(plan.year))}\n"
        for plan in reversed(data.plans)
    ]
    return heading(2, "Планы работы по годам", "plans") + "".join(lines) + "\n"


def glossary_page(data: PlanData) -> Page:
    title = "Сокращения"
    rows = [f"| {text(term.abbr)} | {text(term.meaning)} |" for term in data.glossary]
    markdown = (
        front_matter(
            title,
            "Сокращения, которые используются в плане работы.",
            **search_meta("glossary"),
        )
        + heading(1, title)
        + "| Сокращение | Расшифровка |\n| --- | --- |\n"
        + "\n".join(rows)
        + "\n"
    )
    return Page(urls.GLOSSARY_SRC, markdown)
