"""The plan year as a timeline: what to draw for each activity across the twelve months.

Each activity is one row, drawn from the period the loader parsed (never from its text):

* an activity of some months («апрель», «с февраля по май», «I полугодие», «март, сентябрь»,
  dates, a deadline) is a bar over each run of consecutive months;
* a regular one («не реже одного раза в 6 месяцев») is a mark in each period of its
  repetition: two half-years, four quarters, twelve months …;
* a whole-period one («весь период») is a thin line across the year.

Rows are grouped by the plan's sections. The build's day is marked only inside the plan year.
"""

from __future__ import annotations

import calendar
import enum
from dataclasses import dataclass
from datetime import date

from plansite.model import Activity, Plan, Section
from plansite.periods import PeriodKind
from plansite.periods.runs import contiguous_runs, regular_chunks


class Stroke(enum.Enum):
    BAR = "bar"
    MARKS = "marks"
    LINE = "line"


@dataclass(frozen=True)
class Span:
    """Months ``first`` to ``last`` (1–12, both included) of the plan year."""

    first: int
    last: int

    @property
    def months(self) -> tuple[int, ...]:
        return tuple(range(self.first, self.last + 1))


@dataclass(frozen=True)
class TimelineRow:
    activity: Activity
    stroke: Stroke
    spans: tuple[Span, ...]
    """One bar or mark each; a line is one span over the whole year."""


@dataclass(frozen=True)
class TimelineGroup:
    number: int
    """The section's number in the plan, from 1."""
    section: Section
    rows: tuple[TimelineRow, ...]


@dataclass(frozen=True)
class Timeline:
    year: int
    groups: tuple[TimelineGroup, ...]
    today: date | None
    """The build's day when it falls in the plan year, else None."""


def plan_timeline(plan: Plan, today: date | None) -> Timeline:
    """The timeline of ``plan``; ``today`` is kept only when it falls in the plan year."""
    groups = tuple(
        TimelineGroup(number, section, tuple(timeline_row(a) for a in section.activities))
        for number, section in enumerate(plan.sections, start=1)
    )
    return Timeline(plan.year, groups, today if today and today.year == plan.year else None)


def timeline_row(activity: Activity) -> TimelineRow:
    period = activity.period
    if period.kind is PeriodKind.REGULAR:
        chunks = regular_chunks(min(period.interval or 1, 12), period.months)
        return TimelineRow(activity, Stroke.MARKS, _spans(chunks))
    stroke = Stroke.LINE if period.kind is PeriodKind.WHOLE else Stroke.BAR
    return TimelineRow(activity, stroke, _spans(contiguous_runs(period.months)))


def _spans(pieces: list[tuple[int, int]]) -> tuple[Span, ...]:
    return tuple(Span(first, last) for first, last in pieces)


def year_position(day: date) -> float:
    """Where ``day`` falls across the timeline's twelve equal month columns, from 0 to 1:
    the middle of the day inside its month's column."""
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (day.month - 1 + (day.day - 0.5) / days_in_month) / 12
