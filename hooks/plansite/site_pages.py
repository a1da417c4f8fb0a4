"""Markdown for the site-wide pages: the home page and the glossary."""

from __future__ import annotations

from datetime import date

from plansite import urls
from plansite.calendar import month_view
from plansite.markup import front_matter, heading, link, text
from plansite.model import Plan, PlanData
from plansite.output import Page
from plansite.plan_pages import activities_count
from plansite.periods import describe_period
from plansite.russian import month_title


def featured_month(plan: Plan, today: date) -> int:
    """The month to show on the home page: today's inside the plan year, else the first."""
    return today.month if today.year == plan.year else 1


def home_page(data: PlanData, today: date, latest_news: str = "") -> Page:
    """The home page; ``latest_news`` is ready Markdown for the news block, if any."""
    src = urls.home_src()
    plan = data.current_plan
    organization = data.organization
    view = month_view(plan, featured_month(plan, today))
    parts = [
        front_matter(organization.short_name, organization.about or organization.name),
        heading(1, organization.name),
        f"{text(organization.about)}\n\n" if organization.about else "",
        heading(2, f"План работы на {plan.year} год", "plan"),
        f"{link(plan.title, src, urls.plan_src(plan.year))}: "
        f"{activities_count(len(plan.activities))} в {len(plan.sections)} разделах.\n\n",
    ]
    parts += [
        f"{number}. {link(section.title, src, urls.plan_src(plan.year))} — "
        f"{activities_count(len(section.activities))}\n"
        for number, section in enumerate(plan.sections, start=1)
    ]
    month_src = urls.month_src(plan.year, view.month)
    parts += [
        "\n",
        heading(2, f"{month_title(view.month, view.year)}: что по плану", "month"),
    ]
    parts += [
        f"- {link(a.title, src, urls.activity_src(plan.year, a.id))} — "
        f"{text(describe_period(a.period))}\n"
        for a in view.activities
    ]
    parts += [
        f"\n{link('Все мероприятия месяца', src, month_src)} · "
        f"{link('Календарь на год', src, urls.year_calendar_src(plan.year))}\n\n",
        latest_news,
    ]
    return Page(src, "".join(parts))


def glossary_page(data: PlanData) -> Page:
    title = "Сокращения"
    rows = [f"| {text(term.abbr)} | {text(term.meaning)} |" for term in data.glossary]
    markdown = (
        front_matter(title, "Сокращения, которые используются в плане работы.")
        + heading(1, title)
        + "| Сокращение | Расшифровка |\n| --- | --- |\n"
        + "\n".join(rows)
        + "\n"
    )
    return Page(urls.GLOSSARY_SRC, markdown)


