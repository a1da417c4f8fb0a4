"""The home page: a public organisation's front page.

Who the branch is, what is on now (or, once the plan year is over, how the plan was done),
the plan at a glance, upcoming dated events, the latest news as cards with their pictures,
and how to reach the branch.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from html import escape
from urllib.parse import quote

from plansite import urls
from plansite.derive.calendar import DatedEntry, chronological, month_view, month_views
from plansite.derive.news_index import NewsIndex, build_index
from plansite.derive.posts import RenderedPost
from plansite.load.images import picture_size
from plansite.model import Plan, PlanData
from plansite.output import BODY_PLACEHOLDER, Page
from plansite.render.contacts import contacts_html, emails_markdown, leadership_markdown
from plansite.render.markup import front_matter, heading, link, text
from plansite.render.month_sections import activity_list
from plansite.render.site_pages import featured_plan, plan_years_block
from plansite.render.structured import organization_ld
from plansite.russian import activities_count, month_title, plural
from plansite.typography import DASH, site_date, site_day, typeset

NEWS_CARDS = 6
UPCOMING_EVENTS = 5


def featured_month(plan: Plan, today: date) -> int:
    """The month to show on the home page: today's inside the plan year, else the first."""
    return today.month if today.year == plan.year else 1


def home_page(data: PlanData, today: date, site_url: str, news: NewsIndex | None = None) -> Page:
    news = news or build_index(())
    src = urls.home_src()
    plan = featured_plan(data, today)
    organization = data.organization
    now = _results(src, plan, news) if today.year > plan.year else _now(src, plan, today)
    parts = [
        front_matter(
            organization.short_name,
            organization.about,
            jsonld=organization_ld(organization, site_url),
        ),
        heading(1, organization.name),
        f"{text(organization.about)}\n{{ .home-lead }}\n\n",
        _quick_links(src, plan),
        now,
        _plan_block(src, plan),
        plan_years_block(src, data),
        _upcoming(src, data, today),
        f"{BODY_PLACEHOLDER}\n\n" if news.posts else "",
        _contacts(src, data),
    ]
    return Page(src, "".join(parts), body_html=_news_cards(src, news.posts[:NEWS_CARDS]))


def _quick_links(src: str, plan: Plan) -> str:
    items = [
        link(f"План работы на {plan.year} год", src, urls.plan_src(plan.year)),
        link("Календарь", src, urls.year_calendar_src(plan.year)),
        link("Новости", src, urls.listing_src(urls.NEWS_BASE, 1)),
        "[Контакты](#contacts)",
    ]
    return " · ".join(items) + "\n{ .home-links }\n\n"


def _now(src: str, plan: Plan, today: date) -> str:
    """What the plan has for the featured month, with links to the month and the year."""
    view = month_view(plan, featured_month(plan, today))
    return (
        heading(2, f"{month_title(view.month, view.year)}: что по плану", "month")
        + (
            activity_list(src, plan, view.activities)
            or typeset("Отдельных мероприятий на этот месяц нет: идёт работа на весь год.") + "\n\n"
        )
        + f"{link('Все мероприятия месяца', src, urls.month_src(plan.year, view.month))} · "
        f"{link('Календарь на год', src, urls.year_calendar_src(plan.year))}\n\n"
    )


def _results(src: str, plan: Plan, news: NewsIndex) -> str:
    """After the plan year: how many activities have reports, overall and by section."""
    reported = [a for a in plan.activities if news.reports(plan.year, a.id)]
    total = len(plan.activities)
    share = round(100 * len(reported) / total) if total else 0
    rows = [
        f"| {text(section.title)} | "
        f"{sum(1 for a in section.activities if a in reported)} из {len(section.activities)} |"
        for section in plan.sections
    ]
    return (
        heading(2, f"Итоги плана на {plan.year} год", "results")
        + typeset(f"Отчёты опубликованы по {len(reported)} из ")
        + f"{plural(total, 'мероприятия', 'мероприятий', 'мероприятий')} ({share} %).\n\n"
        + f'<progress class="report-bar" max="{total}" value="{len(reported)}" '
        f'aria-label="Мероприятия с отчётами: {len(reported)} из {total}"></progress>\n\n'
        + "| Раздел плана | С отчётами |\n| --- | --- |\n"
        + "\n".join(rows)
        + f"\n\n{link('Выполнение плана по каждому мероприятию', src, urls.report_src(plan.year))}"
        "\n\n"
    )


def _plan_block(src: str, plan: Plan) -> str:
    plan_src = urls.plan_src(plan.year)
    sections = [
        f"{number}. [{text(section.title)}]"
        f"({urls.relative_link(src, plan_src)}#{section.id}){DASH}"
        f"{activities_count(len(section.activities))}\n"
        for number, section in enumerate(plan.sections, start=1)
    ]
    return (
        heading(2, f"План работы на {plan.year} год", "plan")
        + f"{link(plan.title, src, plan_src)}: "
        f"{activities_count(len(plan.activities))}, разделов: {len(plan.sections)}.\n\n"
        + "".join(sections)
        + f"\n{link('Выполнение плана', src, urls.report_src(plan.year))}\n\n"
    )


def upcoming_entries(data: PlanData, today: date) -> list[DatedEntry]:
    """Dated events and days of every plan from today on, soonest first."""
    entries = [
        entry
        for plan in data.plans
        for view in month_views(plan)
        for entry in view.dated
        if entry.day >= today
    ]
    entries.sort(key=chronological)
    return entries[:UPCOMING_EVENTS]


def _upcoming(src: str, data: PlanData, today: date) -> str:
    entries = upcoming_entries(data, today)
    plan = data.current_plan
    calendar = link("Календарь мероприятий", src, urls.year_calendar_src(plan.year))
    subscribe = f"[подписаться (.ics)]({urls.relative_link(src, urls.ICS_PATH)})"
    lines = [
        f"- **{site_day(entry.day)}"
        + (f", {entry.time:%H:%M}" if entry.time else "")
        + f"**{DASH}{link(entry.title, src, urls.activity_src(entry.day.year, entry.activity.id))}"
        + (f" ({text(entry.place)})" if entry.place else "")
        + "\n"
        for entry in entries
    ]
    body = (
        "".join(lines) + "\n"
        if lines
        else typeset("Мероприятий с точной датой впереди пока нет: сроки плана — по месяцам.")
        + "\n\n"
    )
    return heading(2, "Ближайшие мероприятия", "events") + body + f"{calendar} · {subscribe}\n\n"


def _news_cards(src: str, posts: Sequence[RenderedPost]) -> str | None:
    """The latest posts as cards with their lead pictures, and a link to all news."""
    if not posts:
        return None
    here = urls.page_url(src)
    cards = "".join(_card(here, rendered) for rendered in posts)
    all_news = urls.relative_url(here, urls.page_url(urls.listing_src(urls.NEWS_BASE, 1)))
    return (
        '<h2 id="news">Последние новости</h2>\n'
        f'<ul class="news-cards">\n{cards}</ul>\n'
        f'<p><a href="{all_news}">Все новости</a></p>\n'
    )


def _card(here: str, rendered: RenderedPost) -> str:
    post = rendered.post
    link_to = functools.partial(urls.relative_url, here)
    # A post without a picture gets a plain band in its place, so the cards line up.
    picture = (
        '<span class="news-card__picture news-card__picture--none" aria-hidden="true">'
        f"{escape(post.category.name)}</span>"
    )
    if rendered.lead_picture is not None:
        size = picture_size(rendered.lead_picture.content)
        dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
        source = escape(quote(link_to(rendered.lead_picture.path)))
        picture = (
            f'<img class="news-card__picture" src="{source}" alt="" loading="lazy"{dimensions}>'
        )
    return (
        '<li class="news-card">'
        + picture
        + f'<span class="news-card__date">{escape(site_date(post.published.date()))}</span>'
        + f'<strong><a href="{link_to(post.url_path)}">{escape(post.title)}</a></strong>'
        + f'<span class="news-card__summary">{escape(rendered.summary)}</span>'
        + "</li>\n"
    )


def _contacts(src: str, data: PlanData) -> str:
    organization = data.organization
    return (
        heading(2, "Контакты", "contacts")
        + contacts_html(organization)
        + f"{emails_markdown(organization.press_contact)} "
        + f"{link('Для СМИ', src, urls.PRESS_SRC)}\n\n"
        + (heading(3, "Руководящие органы", "leadership") if organization.leadership else "")
        + leadership_markdown(organization)
    )
