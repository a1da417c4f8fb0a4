"""Markdown for the site-wide pages: home and glossary (the press page has its own module)."""

from __future__ import annotations

from datetime import date

from plansite import urls
from plansite.derive.calendar import month_view
from plansite.derive.news_index import NewsIndex
from plansite.model import Plan, PlanData
from plansite.output import Page
from plansite.render.markup import front_matter, heading, link, text
from plansite.render.news_listing import post_list
from plansite.render.plan_pages import activities_count, activity_list
from plansite.render.search import search_meta
from plansite.render.structured import organization_ld
from plansite.russian import month_title


def featured_plan(data: PlanData, today: date) -> Plan:
    """The plan the home page and the menu lead to: this year's if there is one, else the
    newest."""
    return data.plan_for(today.year) or data.current_plan


def featured_month(plan: Plan, today: date) -> int:
    """The month to show on the home page: today's inside the plan year, else the first."""
    return today.month if today.year == plan.year else 1


def home_page(data: PlanData, today: date, site_url: str, latest_news: str = "") -> Page:
    """The home page; ``latest_news`` is ready Markdown for the news block, if any."""
    src = urls.home_src()
    plan = featured_plan(data, today)
    organization = data.organization
    parts = [
        front_matter(
            organization.short_name,
            organization.about,
            jsonld=organization_ld(organization, site_url),
        ),
        heading(1, organization.name),
        f"{text(organization.about)}\n\n" if organization.about else "",
        heading(2, f"План работы на {plan.year} год", "plan"),
        f"{link(plan.title, src, urls.plan_src(plan.year))}: "
        f"{activities_count(len(plan.activities))}, разделов: {len(plan.sections)}.\n\n",
    ]
    parts += [
        f"{number}. [{text(section.title)}]"
        f"({urls.relative_link(src, urls.plan_src(plan.year))}#{section.id}) — "
        f"{activities_count(len(section.activities))}\n"
        for number, section in enumerate(plan.sections, start=1)
    ]
    parts.append("\n")
    if today.year > plan.year:
        parts.append(_finished_plan(src, plan))
    else:
        parts.append(_featured_month(src, plan, featured_month(plan, today)))
    parts += [_plan_years(src, data), latest_news]
    return Page(src, "".join(parts))


def _featured_month(src: str, plan: Plan, month: int) -> str:
    view = month_view(plan, month)
    return (
        heading(2, f"{month_title(view.month, view.year)}: что по плану", "month")
        + (
            activity_list(src, plan, view.activities)
            or "Отдельных мероприятий на этот месяц нет: идёт работа, рассчитанная на весь год.\n"
        )
        + f"\n{link('Все мероприятия месяца', src, urls.month_src(plan.year, view.month))} · "
        f"{link('Календарь на год', src, urls.year_calendar_src(plan.year))}\n\n"
    )


def _finished_plan(src: str, plan: Plan) -> str:
    """After the last plan's year: that plan is done, and its report is what readers want."""
    return (
        heading(2, f"План на {plan.year} год завершён", "report")
        + f"{link(f'Выполнение плана на {plan.year} год', src, urls.report_src(plan.year))}: "
        "отчёты о каждом мероприятии. "
        f"{link('Календарь на год', src, urls.year_calendar_src(plan.year))}\n\n"
    )


def _plan_years(src: str, data: PlanData) -> str:
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


def latest_news_block(index: NewsIndex, count: int = 5) -> str:
    """The home page's news block: the newest posts and a link to all news."""
    src = urls.home_src()
    if not index.posts:
        return ""
    return (
        heading(2, "Последние новости", "news")
        + post_list(src, index.posts[:count])
        + link("Все новости", src, urls.listing_src(urls.NEWS_BASE, 1))
        + "\n\n"
    )
