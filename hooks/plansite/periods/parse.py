"""``parse_period``: the grammar's parsers tried in order (see :mod:`plansite.periods`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from plansite.periods.dates import parse_dates, parse_deadline
from plansite.periods.model import Period, PeriodError, PeriodKind
from plansite.periods.spans import (
    parse_half_year,
    parse_months,
    parse_quarters,
    parse_regular,
    parse_whole,
    reject_as_needed_alone,
)
from plansite.periods.text import EXAMPLES, normalize, not_understood, without_plan_year

_Parser = Callable[[str, int], "Period | None"]
_PARSERS: tuple[_Parser, ...] = (
    parse_whole,
    reject_as_needed_alone,
    parse_regular,
    parse_half_year,
    parse_quarters,
    parse_deadline,
    parse_dates,
    parse_months,
)


def parse_period(text: str, year: int) -> Period:
    """Parse the Russian period ``text`` of an activity in the plan for ``year``.

    Raises :class:`PeriodError`, with a Russian message for the editor, when the text is not
    a period of the grammar in the module docstring or names an impossible one.
    """
    normalized = normalize(text)
    if not normalized:
        raise PeriodError(f"Срок не указан. Допустимые записи, например: {EXAMPLES}.")
    whole = parse_whole(normalized, year)  # «в течение 2025 года» keeps its year
    if whole is not None:
        return whole
    body = without_plan_year(normalized, year)
    for parser in _PARSERS:
        period = parser(body, year)
        if period is not None:
            return period
    raise not_understood(text)


def _checked_month(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        raise PeriodError(f"Месяца «{value}» не бывает: укажите номера месяцев от 1 до 12.")
    return value


def period_from_months(months: Iterable[int], year: int) -> Period:
    """The period of explicitly listed month numbers, for free-form period texts.

    One month is a MONTH period, an unbroken run a RANGE, anything else a LIST; repeats are
    merged.  Raises :class:`PeriodError` for a number outside 1–12 or for no months at all.
    """
    chosen = tuple(sorted({_checked_month(month) for month in months}))
    if not chosen:
        raise PeriodError(
            "Не указан ни один месяц: перечислите номера месяцев от 1 до 12, например [3, 9]."
        )
    if len(chosen) == 1:
        kind = PeriodKind.MONTH
    elif chosen == tuple(range(chosen[0], chosen[-1] + 1)):
        kind = PeriodKind.RANGE
    else:
        kind = PeriodKind.LIST
    return Period(kind, year, chosen)
