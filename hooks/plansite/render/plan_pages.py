"""Markdown for the plan pages: the whole plan, each activity, the calendar and months."""

from __future__ import annotations

from datetime import date

from plansite import urls
from plansite.derive.calendar import DatedEntry, MonthView, month_views
from plansite.derive.news_index import NewsIndex
from plansite.model import Activity, Organization, Plan, PlanData
from plansite.output import Page
from plansite.periods import PeriodKind, describe_period
from plansite.periods.occurrences import describe_regular_periods
from plansite.render.markup import front_matter, heading, link, text
from plansite.render.month_grid import month_grid
from plansite.render.month_sections import all_year_line, month_groups
from plansite.render.news_listing import post_link, post_list
from plansite.render.report_progress import report_progress_html
from plansite.render.search import search_meta
from plansite.render.structured import events_ld
from plansite.render.subscriptions import calendars_block
from plansite.render.timeline import timeline_html
from plansite.render.year_table import year_table
from plansite.russian import (
    activities_count,
    activities_genitive,
    month_nominative,
    month_title,
    plural,
    roman,
)
from plansite.typography import DASH, site_date, site_day, typeset

AS_WRITTEN_NOTE = (
    typeset(
        "Текст плана воспроизводится так, как он записан в документе: названия, сроки "
        "и ответственные — без правки, с орфографией оригинала."
    )
    + "\n{ .as-written }\n\n"
)


def sections_count(count: int) -> str:
    return plural(count, "раздел", "раздела", "разделов")


def plan_pages(
    data: PlanData, plan: Plan, news: NewsIndex, site_url: str, today: date
) -> list[Page]:
    """Every page of one plan year; ``today`` (the build's day) is marked on its timelines
    and in its month's grid."""
    views = month_views(plan)
    subscribe = calendars_block(urls.year_calendar_src(plan.year), data, site_url)
    pages = [
        plan_page(data, plan, today),
        year_calendar_page(plan, views, subscribe, today),
        report_page(plan, news),
    ]
    pages += [
        activity_page(plan, activity, news, data.organization, site_url)
        for activity in plan.activities
    ]
    for view in views:
        month_block = calendars_block(urls.month_src(plan.year, view.month), data, site_url)
        pages.append(month_page(plan, view, news, today, month_block))
    return pages


def plan_page(data: PlanData, plan: Plan, today: date | None = None) -> Page:
    """The whole plan: the year as a timeline, then every section with its activities;
    ``today`` is marked on the timeline when it falls in the plan year."""
    src = urls.plan_src(plan.year)
    parts = [
        front_matter(
            plan.title,
            f"{plan.title}: разделы, сроки и ответственные.",
            **search_meta("plan", year=plan.year),
        ),
        heading(1, plan.title),
        f"{text(data.organization.name)}. "
        + typeset(
            f"В плане {sections_count(len(plan.sections))} и "
            f"{activities_count(len(plan.activities))}."
        )
        + "\n\n",
        AS_WRITTEN_NOTE,
        _plan_links(src, plan),
        heading(2, "План по месяцам", "timeline"),
        timeline_html(plan, today, src),
    ]
    for number, section in enumerate(plan.sections, start=1):
        parts.append(heading(2, f"{roman(number)}. {section.title}", section.id))
        parts += [_plan_entry(src, plan, activity) for activity in section.activities]
    return Page(src, "".join(parts))


def _plan_links(src: str, plan: Plan) -> str:
    calendar = link("Календарь по месяцам", src, urls.year_calendar_src(plan.year))
    report = link("Выполнение плана", src, urls.report_src(plan.year))
    return (
        f"{calendar} · {report} · [Подписаться на календарь (.ics)]({_rel(src, urls.ICS_PATH)}) · "
        f"Открытые данные: [JSON]({_rel(src, urls.plan_json_path(plan.year))}), "
        f"[CSV]({_rel(src, urls.plan_csv_path(plan.year))})"
        "\n{ .plan-links }\n\n"
    )


def _plan_entry(src: str, plan: Plan, activity: Activity) -> str:
    target = urls.activity_src(plan.year, activity.id)
    return (
        f"- **{link(activity.title, src, target)}**  \n"
        f"  Срок: {text(activity.when)}  \n"
        f"  Ответственные: {text(', '.join(activity.responsible))}\n\n"
    )


def activity_page(
    plan: Plan, activity: Activity, news: NewsIndex, organization: Organization, site_url: str
) -> Page:
    src = urls.activity_src(plan.year, activity.id)
    section = next(s for s in plan.sections if s.id == activity.section_id)
    when_words = describe_period(activity.period)
    parts = [
        front_matter(
            activity.title,
            f"{activity.title} — {when_words}. {plan.title}.",
            **_events_meta(activity, organization, urls.absolute(site_url, urls.page_url(src))),
            **search_meta("activity", when=activity.when, year=plan.year),
        ),
        heading(1, activity.title),
        f"Раздел плана: {link(section.title, src, urls.plan_src(plan.year))}\n\n",
        f"**Срок по плану:** {_term(src, plan.year, activity)}  \n",
        _term_details(src, plan.year, activity),
        f"**Ответственные:** {text(', '.join(activity.responsible))}\n\n",
        _events_block(activity),
        heading(2, "Отчёты о выполнении", "reports"),
        post_list(src, news.reports(plan.year, activity.id), with_picture=False)
        or typeset("Новостей о выполнении этого мероприятия пока нет.") + "\n\n",
    ]
    return Page(src, "".join(parts))


def _events_meta(
    activity: Activity, organization: Organization, page_url: str
) -> dict[str, object]:
    """JSON-LD Events for the page head, when the activity has dated events."""
    return {"jsonld": events_ld(activity, organization, page_url)} if activity.events else {}


def _only_month(activity: Activity) -> int | None:
    """The one month a period falls in, if it is one (not a whole-year or regular one):
    the plan's wording of the term then links to that month's page."""
    period = activity.period
    if period.kind in (PeriodKind.WHOLE, PeriodKind.REGULAR) or len(period.months) != 1:
        return None
    return period.months[0]


def _term(src: str, year: int, activity: Activity) -> str:
    """The term exactly as the plan writes it, linking to its month when it has one."""
    month = _only_month(activity)
    if month is None:
        return text(activity.when)
    return link(activity.when, src, urls.month_src(year, month))


def _term_details(src: str, year: int, activity: Activity) -> str:
    """What the plan's wording leaves to the reader: a regular activity's periods («I–IV
    квартал») or links to the months of a longer period; nothing for the whole year."""
    period = activity.period
    if period.kind is PeriodKind.WHOLE or _only_month(activity) is not None:
        return ""
    if period.kind is PeriodKind.REGULAR:
        return f"**Периоды:** {text(describe_regular_periods(period))}  \n"
    return f"**Месяцы:** {_month_links(src, year, period.months)}  \n"


def _month_links(src: str, year: int, months: tuple[int, ...]) -> str:
    return ", ".join(
        link(month_nominative(month), src, urls.month_src(year, month)) for month in months
    )


def _events_block(activity: Activity) -> str:
    if not activity.events:
        return ""
    entries = [DatedEntry(e.date, e.title, activity, e.time, e.place) for e in activity.events]
    lines = [f"- {_event_line(entry)}\n" for entry in entries]
    return heading(2, "Даты проведения") + "".join(lines) + "\n"


def _event_line(entry: DatedEntry) -> str:
    when = site_day(entry.day)
    if entry.time:
        when += f", {entry.time:%H:%M}"
    prefix = "срок — " if entry.is_deadline else ""
    place = f" ({text(entry.place)})" if entry.place else ""
    return f"**{prefix}{when}**{DASH}{text(entry.title)}{place}"


def year_calendar_page(
    plan: Plan, views: tuple[MonthView, ...], subscribe: str = "", today: date | None = None
) -> Page:
    """The year at a glance: the timeline, then the months; ``subscribe`` is the ready block
    of calendar subscriptions, ``today`` is marked when it falls in the plan year."""
    src = urls.year_calendar_src(plan.year)
    title = f"Календарь на {plan.year} год"
    parts = [
        front_matter(
            title,
            f"Мероприятия плана на {plan.year} год по месяцам.",
            **search_meta("calendar", year=plan.year),
        ),
        heading(1, title),
        timeline_html(plan, today, src),
        year_table(src, plan.year, views),
        _subscribe_part(subscribe),
    ]
    return Page(src, "".join(parts))


def _subscribe_part(subscribe: str) -> str:
    return heading(2, "Подписка на календарь", "subscribe") + subscribe if subscribe else ""


def month_page(
    plan: Plan, view: MonthView, news: NewsIndex, today: date, subscribe: str = ""
) -> Page:
    """A month: its days as a calendar, then its own activities; the all-year ones folded."""
    src = urls.month_src(plan.year, view.month)
    title = month_title(view.month, view.year)
    groups = month_groups(src, plan, view.month, view.activities)
    parts = [
        front_matter(
            title,
            f"План работы на {title.lower()}: {activities_count(view.activity_count)}.",
            **search_meta("month", year=plan.year),
        ),
        heading(1, title),
        _month_navigation(src, plan.year, view.month),
        heading(2, "События по датам", "dated"),
        month_grid(src, view, today),
        _dated_list(src, view) or typeset("Мероприятий с точной датой в этом месяце нет.") + "\n\n",
        heading(2, "Мероприятия месяца", "month"),
        groups or typeset("Отдельных мероприятий в этом месяце нет.") + "\n\n",
        all_year_line(src, plan, view.all_year, after_others=bool(groups)),
        heading(2, "Новости месяца", "news"),
        post_list(src, news.in_month(plan.year, view.month), with_picture=False)
        or "Новостей за этот месяц нет.\n\n",
        _subscribe_part(subscribe),
    ]
    return Page(src, "".join(parts))


def _month_navigation(src: str, year: int, month: int) -> str:
    items = []
    if month > 1:
        items.append(
            "← " + link(month_title(month - 1, year), src, urls.month_src(year, month - 1))
        )
    items.append(link(f"Весь {year} год", src, urls.year_calendar_src(year)))
    if month < 12:
        items.append(
            link(month_title(month + 1, year), src, urls.month_src(year, month + 1)) + " →"
        )
    subscribe = "[Подписаться на календарь](#subscribe)"
    return " · ".join(items) + f"\n{{ .month-nav }}\n\n{subscribe}\n{{ .plan-links }}\n\n"


def _dated_list(src: str, view: MonthView) -> str:
    lines = [
        f"- {_event_line(entry)} · "
        f"{link(entry.activity.title, src, urls.activity_src(view.year, entry.activity.id))}\n"
        for entry in view.dated
    ]
    return "".join(lines) + ("\n" if lines else "")


def _rel(src: str, path: str) -> str:
    return urls.relative_link(src, path)


def report_page(plan: Plan, news: NewsIndex) -> Page:
    """The plan-execution report: each activity with its reports, the unreported marked."""
    src = urls.report_src(plan.year)
    title = f"Выполнение плана на {plan.year} год"
    reported = sum(1 for a in plan.activities if news.reports(plan.year, a.id))
    from_other_years = _other_year_reports(plan, news)
    parts = [
        front_matter(
            title,
            f"Отчёты о выполнении плана работы на {plan.year} год.",
            **search_meta("report", year=plan.year),
        ),
        heading(1, title),
        f"**Есть отчёты по {reported} из {activities_genitive(len(plan.activities))}** "
        f"{link('плана', src, urls.plan_src(plan.year))}.\n{{ .report-summary }}\n\n",
        report_progress_html(plan, news),
        _other_years_line(plan.year, from_other_years),
    ]
    for number, section in enumerate(plan.sections, start=1):
        parts.append(heading(2, f"{roman(number)}. {section.title}", section.id))
        parts += [_report_entry(src, plan, activity, news) for activity in section.activities]
    return Page(src, "".join(parts))


def _other_year_reports(plan: Plan, news: NewsIndex) -> int:
    """Posts dated in another year that report on this plan's activities."""
    posts = {
        rendered.post.source
        for activity in plan.activities
        for rendered in news.reports(plan.year, activity.id)
        if rendered.post.plan_year != plan.year
    }
    return len(posts)


def _other_years_line(year: int, count: int) -> str:
    """How many reports come from posts of other years (linked as ``2019/id``), if any."""
    if not count:
        return ""
    return (
        f"Записей о выполнении плана на {year} год, опубликованных в другие годы: {count}.\n"
        "{ .report-other-years }\n\n"
    )


def _report_entry(src: str, plan: Plan, activity: Activity, news: NewsIndex) -> str:
    reports = news.reports(plan.year, activity.id)
    head = (
        f"- **{link(activity.title, src, urls.activity_src(plan.year, activity.id))}**  \n"
        f"  Срок: {text(activity.when)}  \n"
    )
    if not reports:
        return head + "  **Отчётов нет**\n\n"
    latest = reports[0].post
    links = "; ".join(post_link(src, rendered.post) for rendered in reports)
    return (
        head
        + f"  {plural(len(reports), 'отчёт', 'отчёта', 'отчётов')}, последний{DASH}"
        + f"{site_date(latest.published.date())}: {links}\n\n"
    )
