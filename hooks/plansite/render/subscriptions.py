"""How to subscribe to the plan's calendars, as Markdown shared by the calendar pages and
the press page: a ``webcal://`` link (a phone opens it as a subscription, not a one-time
import), the plain address to copy, and one line for each common calendar app."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from plansite import urls
from plansite.model import Organization, Plan, PlanData
from plansite.periods import PeriodKind
from plansite.render.ics import CalendarScope, calendar_name
from plansite.render.markup import text

DAY_KINDS = frozenset({PeriodKind.DATES, PeriodKind.DEADLINE})

CALENDAR_APPS = (
    (
        "Google Календарь",
        "слева «Другие календари» → «+» → «Добавить по URL», вставьте адрес.",
    ),
    (
        "Apple (iPhone, iPad, Mac)",
        "нажмите ссылку «Подписаться» или на Mac «Файл → Новая подписка на календарь» "
        "и вставьте адрес.",
    ),
    (
        "Яндекс Календарь",
        "«Новый календарь» → «Подписка на календарь», вставьте адрес.",
    ),
)


@dataclass(frozen=True)
class CalendarFeed:
    path: str
    scope: CalendarScope
    contents: str
    """What the calendar holds, one sentence."""


CALENDARS = (
    CalendarFeed(
        urls.ICS_DATES_PATH,
        CalendarScope.DATES,
        "только события с точной датой и сроки: то, что стоит внести в свой календарь.",
    ),
    CalendarFeed(
        urls.ICS_PATH,
        CalendarScope.FULL,
        "весь план, в том числе мероприятия, рассчитанные на месяц, квартал или полугодие "
        "(они показываются полосой на весь срок).",
    ),
)


def calendars_block(src: str, data: PlanData, site_url: str) -> str:
    """Both calendars with their links and addresses, then the per-app instructions."""
    lines = [_calendar_line(src, feed, data.organization, site_url) for feed in CALENDARS]
    parts = ["".join(lines), "\n", _no_dates_note(data), app_instructions()]
    return "".join(parts)


def _calendar_line(src: str, feed: CalendarFeed, organization: Organization, site_url: str) -> str:
    name = text(calendar_name(organization, feed.scope))
    address = urls.absolute(site_url, feed.path)
    return (
        f"- **{name}** — {text(feed.contents)}  \n"
        f"  [Подписаться]({urls.webcal(site_url, feed.path)}) · "
        f"[скачать .ics]({urls.relative_link(src, feed.path)}) · адрес для копирования: "
        f"`{address}`\n"
    )


def _no_dates_note(data: PlanData) -> str:
    if has_dated_entries(data.plans):
        return ""
    return (
        "В плане пока нет мероприятий с точными датами, поэтому календарь «даты и сроки» "
        "пуст; подписка на него сама получит даты, когда они появятся в плане.\n\n"
    )


def has_dated_entries(plans: Sequence[Plan]) -> bool:
    """Whether any plan has a dated event, a named day or a deadline."""
    return any(
        activity.events or activity.period.kind in DAY_KINDS
        for plan in plans
        for activity in plan.activities
    )


def app_instructions() -> str:
    items = [f"- **{text(app)}**: {text(how)}\n" for app, how in CALENDAR_APPS]
    return "Как подписаться:\n\n" + "".join(items) + "\n"
