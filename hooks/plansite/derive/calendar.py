"""The plan seen month by month: what falls in each month of the plan year.

A month page lists three groups: dated entries (events and activities with exact days),
this month's activities (single months, ranges, lists, quarters, half-years that cover it)
and the activities that run all year (whole period and regular ones).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from plansite.model import Activity, Plan
from plansite.periods import PeriodKind

ALL_YEAR_KINDS = frozenset({PeriodKind.WHOLE, PeriodKind.REGULAR})
DAY_KINDS = frozenset({PeriodKind.DATES, PeriodKind.DEADLINE})


@dataclass(frozen=True)
class DatedEntry:
    """One day's item on a month page: a plan event or an activity's own date."""

    day: date
    title: str
    activity: Activity
    time: time | None = None
    place: str | None = None
    is_deadline: bool = False


@dataclass(frozen=True)
class MonthView:
    year: int
    month: int
    dated: tuple[DatedEntry, ...]
    activities: tuple[Activity, ...]
    all_year: tuple[Activity, ...]

    @property
    def activity_count(self) -> int:
        """Distinct activities that fall in this month, whatever their group."""
        ids = {entry.activity.id for entry in self.dated}
        ids.update(activity.id for activity in self.activities + self.all_year)
        return len(ids)


def month_views(plan: Plan) -> tuple[MonthView, ...]:
    """The twelve months of the plan year, January first."""
    return tuple(month_view(plan, month) for month in range(1, 13))


def month_view(plan: Plan, month: int) -> MonthView:
    activities = plan.activities
    return MonthView(
        year=plan.year,
        month=month,
        dated=_dated_entries(activities, month),
        activities=tuple(a for a in activities if _in_month_group(a, month)),
        all_year=tuple(
            a for a in activities if a.period.kind in ALL_YEAR_KINDS and month in a.period.months
        ),
    )


def _in_month_group(activity: Activity, month: int) -> bool:
    period = activity.period
    if period.kind in ALL_YEAR_KINDS or month not in period.months:
        return False
    if period.kind in DAY_KINDS:
        # A deadline shows as a running task before its month; its day is a dated entry.
        return period.kind is PeriodKind.DEADLINE and month < period.dates[0].month
    return True


def _dated_entries(activities: tuple[Activity, ...], month: int) -> tuple[DatedEntry, ...]:
    entries = [
        DatedEntry(event.date, event.title, activity, event.time, event.place)
        for activity in activities
        for event in activity.events
        if event.date.month == month
    ]
    entries += [
        DatedEntry(day, activity.title, activity, is_deadline=True)
        if activity.period.kind is PeriodKind.DEADLINE
        else DatedEntry(day, activity.title, activity)
        for activity in activities
        if activity.period.kind in DAY_KINDS
        for day in activity.period.dates
        if day.month == month
    ]
    return tuple(sorted(entries, key=chronological))


def chronological(entry: DatedEntry) -> tuple[date, time, str]:
    """Sort key: by day, all-day entries before timed ones, then by title."""
    return (entry.day, entry.time or time.min, entry.title)
