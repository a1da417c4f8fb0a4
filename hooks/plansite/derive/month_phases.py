"""Where a month stands in each of its activities' periods: the activity takes place in this
month only, starts in it, continues through it or ends in it.

A period of separate months («март, сентябрь») is read run by run: in March the activity
takes place in that month, not "starts"; «II квартал» starts in April and ends in June.
"""

from __future__ import annotations

import enum

from plansite.model import Activity
from plansite.periods.runs import contiguous_runs


class MonthPhase(enum.Enum):
    ONCE = "once"
    STARTS = "starts"
    CONTINUES = "continues"
    ENDS = "ends"


PHASE_ORDER = (MonthPhase.ONCE, MonthPhase.STARTS, MonthPhase.CONTINUES, MonthPhase.ENDS)
"""The order of the groups on a month page: what belongs to this month alone comes first."""


def month_phase(activity: Activity, month: int) -> MonthPhase:
    """The phase of ``activity`` in ``month``, which must be one of its period's months."""
    first, last = next(
        (first, last)
        for first, last in contiguous_runs(activity.period.months)
        if first <= month <= last
    )
    if first == last:
        return MonthPhase.ONCE
    if month == first:
        return MonthPhase.STARTS
    return MonthPhase.ENDS if month == last else MonthPhase.CONTINUES


def phase_groups(
    activities: tuple[Activity, ...], month: int
) -> list[tuple[MonthPhase, tuple[Activity, ...]]]:
    """The non-empty groups of ``activities`` by their phase in ``month``, in
    :data:`PHASE_ORDER`, each in the plan's order."""
    groups = [
        (phase, tuple(a for a in activities if month_phase(a, month) is phase))
        for phase in PHASE_ORDER
    ]
    return [(phase, members) for phase, members in groups if members]
