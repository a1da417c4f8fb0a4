"""What a parsed period is: its kind, the months it covers and, for some kinds, dates."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date


class PeriodKind(enum.Enum):
    MONTH = "month"  # «апрель»
    RANGE = "range"  # «июнь – сентябрь»
    LIST = "list"  # «март, сентябрь»
    QUARTER = "quarter"  # «II квартал»
    HALF_YEAR = "half_year"  # «II полугодие»
    WHOLE = "whole"  # «весь период», «в течение года»
    REGULAR = "regular"  # «ежемесячно», «не реже 1-го раза в 6 месяцев»
    DATES = "dates"  # «15 апреля», «21–22 мая»
    DEADLINE = "deadline"  # «до 15 марта»


@dataclass(frozen=True)
class Period:
    """A parsed period of a plan activity inside its plan year."""

    kind: PeriodKind
    year: int
    months: tuple[int, ...]
    """The months (1–12) of the plan year the activity falls in, ascending."""
    dates: tuple[date, ...] = ()
    """DATES: the days named; DEADLINE: the one deadline day."""
    interval: int | None = None
    """REGULAR: at least once every ``interval`` months."""
    as_needed: bool = False
    """REGULAR: «по мере необходимости, но не реже …»."""


class PeriodError(ValueError):
    """The text is not a period the grammar knows; the message says so in Russian."""


ALL_MONTHS = tuple(range(1, 13))
ALLOWED_INTERVALS = (1, 2, 3, 4, 6, 12)
"""Repetition intervals, in months, that divide the year evenly."""
