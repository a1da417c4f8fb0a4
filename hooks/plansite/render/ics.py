"""The subscribable iCalendar feeds of every plan year, in two scopes:

* ``CalendarScope.FULL`` (``calendar.ics``): the whole plan, months-long activities included;
* ``CalendarScope.DATES`` (``calendar-dates.ics``): only what happens on a given day — dated
  events, the named days of DATES activities and deadlines — what a journalist adds to their
  own calendar without three to five months-long banners on every day.

One VEVENT per thing a subscriber can put in a calendar:

* an activity's dated event (``activity.events``): with a time it starts at that time in
  Europe/Moscow and lasts ``DEFAULT_EVENT_DURATION`` (two hours — the plan never gives an end
  time); without a time it is an all-day event. Both are OPAQUE: people attend them.
* MONTH, RANGE, QUARTER, HALF_YEAR activities: one all-day event from the first day of the
  first month to the first day of the month after the last (DTEND is exclusive).
* LIST activities: one all-day event per run of consecutive listed months.
* REGULAR activities («ежемесячно», «ежеквартально» …): one all-day event per period of
  ``interval`` months, labelled «Январь», «II квартал», «I полугодие» or «январь – февраль».
  Not an RRULE: the plan promises "once in each period", not a fixed day.
* DATES activities: one all-day event per named day, OPAQUE, since these are real meeting
  days; a day that also has a dated event is left to that (more precise) event.
* DEADLINE activities: one all-day event «Срок: …» on the deadline day.
* WHOLE activities («весь период») are left out: a year-long bar helps nobody.

Period, regular and deadline events are TRANSPARENT so they never mark subscribers as busy.

Every DESCRIPTION gives the period in words («с июня по сентябрь»), the period as the plan
writes it, the responsible bodies, the plan section and the activity page's address, which
is also the event's URL. CATEGORIES are the plan year and the kind of entry («План 2019»,
«Событие» / «Срок» / «Мероприятие плана»): values with no comma, semicolon or backslash, so
no reader shows RFC 5545 escapes as literal backslashes (a section title has commas; it is
in the description instead).

UIDs are built from ids and dates only, never from titles, so fixing a typo does not make
calendar clients duplicate an event::

    {year}-{activity id}@plansite                       MONTH, RANGE, QUARTER, HALF_YEAR
    {year}-{activity id}-m{MM}[-{MM}]@plansite          LIST run; REGULAR of other intervals
    {year}-{activity id}-m{MM}@plansite                 REGULAR every month
    {year}-{activity id}-q{1..4}@plansite               REGULAR every quarter
    {year}-{activity id}-h{1..2}@plansite               REGULAR every half-year
    {year}-{activity id}-date-{YYYY-MM-DD}@plansite     DATES day
    {year}-{activity id}-deadline@plansite              DEADLINE
    {year}-{activity id}-event-{YYYY-MM-DD}-{n}@plansite  dated event, n = 1-based position
                                                         among the activity's events that day

The output is reproducible: every DTSTAMP is the given build ``stamp`` and events are sorted
by start and UID, so the same data always gives the same bytes.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Calendar, Timezone, vDuration, vText
from icalendar import Event as VEvent

from plansite.model import Activity, Event, Organization, Plan, PlanData
from plansite.periods import PeriodKind, describe_period
from plansite.periods.runs import contiguous_runs, regular_chunks
from plansite.russian import MOSCOW, MOSCOW_TZID, month_name, roman
from plansite.urls import absolute, activity_src, page_url

DEFAULT_EVENT_DURATION = timedelta(hours=2)
"""How long a timed event lasts: the plan gives start times only."""
REFRESH_INTERVAL = timedelta(hours=12)
UID_DOMAIN = "plansite"

SPANNING_KINDS = frozenset(
    {PeriodKind.MONTH, PeriodKind.RANGE, PeriodKind.QUARTER, PeriodKind.HALF_YEAR}
)

KIND_EVENT = "Событие"
KIND_DEADLINE = "Срок"
KIND_PERIOD = "Мероприятие плана"


class CalendarScope(enum.Enum):
    FULL = "full"
    """Everything, months-long activities included."""
    DATES = "dates"
    """Dated events, named days and deadlines only."""


# RFC 5545 TEXT may not hold control characters other than tab; newlines are escaped.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class _Entry:
    """One VEVENT, before it is rendered."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime
    description: str
    url: str
    kind: str
    """KIND_EVENT, KIND_DEADLINE or KIND_PERIOD: the second CATEGORIES value."""
    transparent: bool
    location: str | None = None

    @property
    def sort_key(self) -> tuple[date, bool, time, str]:
        if isinstance(self.start, datetime):
            return (self.start.date(), True, self.start.time(), self.uid)
        return (self.start, False, time.min, self.uid)


@dataclass(frozen=True)
class _Context:
    """What every event of one activity shares."""

    year: int
    activity: Activity
    section_title: str
    url: str

    def uid(self, key: str = "") -> str:
        suffix = f"-{key}" if key else ""
        return f"{self.year}-{self.activity.id}{suffix}@{UID_DOMAIN}"


def build_calendar(
    data: PlanData, site_url: str, stamp: datetime, scope: CalendarScope = CalendarScope.FULL
) -> bytes:
    """The iCalendar file of all plans in ``data``; ``stamp`` (aware) is every DTSTAMP."""
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        raise ValueError("stamp must be a timezone-aware datetime")
    utc_stamp = stamp.astimezone(timezone.utc)

    entries = [entry for plan in data.plans for entry in _plan_entries(plan, site_url)]
    if scope is CalendarScope.DATES:
        entries = [entry for entry in entries if entry.kind != KIND_PERIOD]
    _check_unique_uids(entries)

    calendar = _new_calendar(data.organization, scope)
    calendar.add_component(_moscow_timezone(data, utc_stamp))
    for entry in sorted(entries, key=lambda entry: entry.sort_key):
        calendar.add_component(_to_vevent(entry, utc_stamp))
    return calendar.to_ical()


def clean_text(text: str) -> str:
    """Text with CR line breaks normalised and control characters (bar \\n and \\t) removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_CHARS.sub("", text)


def one_line(text: str) -> str:
    """Cleaned text with all runs of whitespace, newlines included, made single spaces."""
    return " ".join(clean_text(text).split())


# Calendar-level properties


def calendar_name(organization: Organization, scope: CalendarScope) -> str:
    """What a calendar app shows as the subscribed calendar's name."""
    short_name = one_line(organization.short_name)
    if scope is CalendarScope.DATES:
        return f"{short_name}: даты и сроки"
    return f"{short_name}: план работы"


def _new_calendar(organization: Organization, scope: CalendarScope) -> Calendar:
    short_name = one_line(organization.short_name)
    contents = (
        "события с датами и сроки плана работы"
        if scope is CalendarScope.DATES
        else "все мероприятия плана работы, в том числе рассчитанные на месяцы"
    )
    calendar = Calendar()
    calendar.add("prodid", f"-//plansite//{short_name}//RU")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(calendar_name(organization, scope)))
    calendar.add("x-wr-caldesc", vText(f"{one_line(organization.name)}: {contents}"))
    calendar.add("x-wr-timezone", vText(MOSCOW_TZID))
    calendar.add("refresh-interval", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    return calendar


def _moscow_timezone(data: PlanData, stamp: datetime) -> Timezone:
    """The Europe/Moscow VTIMEZONE, from zoneinfo, covering every year the plans touch."""
    years = {plan.year for plan in data.plans}
    years |= {event.date.year for plan in data.plans for a in plan.activities for event in a.events}
    years = years or {stamp.year}
    # A timed event late on 31 December ends next year, hence the margin of one more year.
    return Timezone.from_tzid(
        MOSCOW_TZID, first_date=date(min(years), 1, 1), last_date=date(max(years) + 2, 1, 1)
    )


def _check_unique_uids(entries: list[_Entry]) -> None:
    duplicates = sorted(uid for uid, count in Counter(e.uid for e in entries).items() if count > 1)
    if duplicates:
        raise ValueError(f"duplicate calendar UIDs: {', '.join(duplicates)}")


def _to_vevent(entry: _Entry, stamp: datetime) -> VEvent:
    vevent = VEvent()
    vevent.add("uid", entry.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", entry.start)
    vevent.add("dtend", entry.end)
    vevent.add("summary", entry.summary)
    if entry.location:
        vevent.add("location", entry.location)
    vevent.add("description", entry.description)
    vevent.add("categories", [f"План {entry.start.year}", entry.kind])
    vevent.add("url", entry.url)
    vevent.add("transp", "TRANSPARENT" if entry.transparent else "OPAQUE")
    return vevent


# Entries of a plan


def _plan_entries(plan: Plan, site_url: str) -> list[_Entry]:
    entries: list[_Entry] = []
    for section in plan.sections:
        for activity in section.activities:
            context = _Context(
                year=plan.year,
                activity=activity,
                section_title=one_line(section.title),
                url=absolute(site_url, page_url(activity_src(plan.year, activity.id))),
            )
            entries.extend(_period_entries(context))
            entries.extend(_event_entries(context))
    return entries


def _period_entries(context: _Context) -> list[_Entry]:
    kind = context.activity.period.kind
    if kind in SPANNING_KINDS:
        return _spanning_entries(context)
    if kind is PeriodKind.LIST:
        return _list_entries(context)
    if kind is PeriodKind.REGULAR:
        return _regular_entries(context)
    if kind is PeriodKind.DATES:
        return _dates_entries(context)
    if kind is PeriodKind.DEADLINE:
        return _deadline_entries(context)
    return []  # WHOLE


def _spanning_entries(context: _Context) -> list[_Entry]:
    months = context.activity.period.months
    if not months:
        return []
    return [_months_entry(context, "", one_line(context.activity.title), months[0], months[-1])]


def _list_entries(context: _Context) -> list[_Entry]:
    title = one_line(context.activity.title)
    return [
        _months_entry(context, _months_key(first, last), title, first, last)
        for first, last in contiguous_runs(context.activity.period.months)
    ]


def _regular_entries(context: _Context) -> list[_Entry]:
    period = context.activity.period
    if not period.interval or period.interval < 1:
        return []
    interval = min(period.interval, 12)
    title = one_line(context.activity.title)
    return [
        _months_entry(
            context,
            _regular_key(interval, first, last),
            f"{title} — {regular_label(interval, first, last)}",
            first,
            last,
        )
        for first, last in regular_chunks(interval, period.months)
    ]


def _dates_entries(context: _Context) -> list[_Entry]:
    event_days = {event.date for event in context.activity.events}
    title = one_line(context.activity.title)
    return [
        _day_entry(context, f"date-{day.isoformat()}", title, day, KIND_EVENT)
        for day in sorted(set(context.activity.period.dates) - event_days)
    ]


def _deadline_entries(context: _Context) -> list[_Entry]:
    dates = context.activity.period.dates
    if not dates:
        return []
    summary = f"Срок: {one_line(context.activity.title)}"
    return [_day_entry(context, "deadline", summary, dates[0], KIND_DEADLINE)]


def _months_entry(context: _Context, key: str, summary: str, first: int, last: int) -> _Entry:
    """A transparent all-day entry from the 1st of ``first`` to the 1st after ``last``."""
    return _Entry(
        uid=context.uid(key),
        summary=summary,
        start=month_start(context.year, first),
        end=month_end_exclusive(context.year, last),
        description=_description(context),
        url=context.url,
        kind=KIND_PERIOD,
        transparent=True,
    )


def _day_entry(context: _Context, key: str, summary: str, day: date, kind: str) -> _Entry:
    return _Entry(
        uid=context.uid(key),
        summary=summary,
        start=day,
        end=day + timedelta(days=1),
        description=_description(context),
        url=context.url,
        kind=kind,
        transparent=kind == KIND_DEADLINE,
    )


def _event_entries(context: _Context) -> list[_Entry]:
    entries = []
    seen_per_day: Counter[date] = Counter()
    for event in context.activity.events:
        seen_per_day[event.date] += 1
        key = f"event-{event.date.isoformat()}-{seen_per_day[event.date]}"
        start, end = _event_span(event)
        entries.append(
            _Entry(
                uid=context.uid(key),
                summary=one_line(event.title),
                start=start,
                end=end,
                description=_description(context, with_activity_title=True),
                url=context.url,
                kind=KIND_EVENT,
                transparent=False,
                location=one_line(event.place) if event.place else None,
            )
        )
    return entries


def _event_span(event: Event) -> tuple[date | datetime, date | datetime]:
    if event.time is None:
        return event.date, event.date + timedelta(days=1)
    start = datetime.combine(event.date, event.time.replace(tzinfo=None), tzinfo=MOSCOW)
    return start, start + DEFAULT_EVENT_DURATION


def _description(context: _Context, *, with_activity_title: bool = False) -> str:
    activity = context.activity
    lines = [clean_text(activity.title)] if with_activity_title else []
    lines.append(f"Когда: {one_line(describe_period(activity.period))}")
    lines.append(f"Срок по плану: {one_line(activity.when)}")
    if activity.responsible:
        bodies = "; ".join(one_line(body) for body in activity.responsible)
        lines.append(f"Ответственные: {bodies}")
    lines.append(f"Раздел плана: {context.section_title}")
    lines.append(f"Подробнее: {context.url}")
    return "\n".join(lines)


# Months arithmetic and labels


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def month_end_exclusive(year: int, month: int) -> date:
    """The first day of the month after ``month``: the exclusive DTEND of an all-day span."""
    return date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)


def regular_label(interval: int, first: int, last: int) -> str:
    """«Январь», «II квартал», «I полугодие» or «январь – февраль»."""
    if interval == 3:
        return f"{roman((first - 1) // 3 + 1)} квартал"
    if interval == 6:
        return f"{roman((first - 1) // 6 + 1)} полугодие"
    if first == last:
        return month_name(first).capitalize()
    return f"{month_name(first)} – {month_name(last)}"


def _regular_key(interval: int, first: int, last: int) -> str:
    if interval == 3:
        return f"q{(first - 1) // 3 + 1}"
    if interval == 6:
        return f"h{(first - 1) // 6 + 1}"
    return _months_key(first, last)


def _months_key(first: int, last: int) -> str:
    return f"m{first:02d}" if first == last else f"m{first:02d}-{last:02d}"
