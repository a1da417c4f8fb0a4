"""Periods named by days: «15 апреля», «21–22 мая», «30 апреля – 2 мая», «до 15 марта»."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from plansite.periods.model import Period, PeriodError, PeriodKind
from plansite.periods.text import (
    LEADING_DIGITS,
    MONTH_WORD,
    check_plan_year,
    day_month,
    month_from_word,
    reject_repeats,
    split_list,
    unnamed,
)

# --------------------------------------------------------------------------- dates

_DAY = r"[0-9]{1,3}(?:-?(?:го|е|ое))?"
_SIMPLE_DATE = re.compile(
    rf"(?P<day>{_DAY})(?: (?P<month>{MONTH_WORD}))?"
    r"|(?P<numeric_day>[0-9]{1,3})\.(?P<numeric_month>[0-9]{1,2})(?:\.(?P<numeric_year>[0-9]{4}))?"
)
_DATE_ITEM = re.compile(
    rf"(?:с )?(?P<start>{unnamed(_SIMPLE_DATE)})(?:(?:-| по )(?P<end>{unnamed(_SIMPLE_DATE)}))?"
)


@dataclass(frozen=True)
class _DayRef:
    """A day as written: «15», «15 апреля» or «15.04.2025»; month None when not written."""

    day: int
    month: int | None


def _parse_day_ref(text: str, year: int) -> _DayRef | None:
    match = _SIMPLE_DATE.fullmatch(text)
    if match is None:
        return None
    if match["numeric_day"]:
        check_plan_year(match["numeric_year"], year)
        return _DayRef(int(match["numeric_day"]), int(match["numeric_month"]))
    digits = LEADING_DIGITS.match(match["day"])
    assert digits is not None, "_DAY starts with digits"
    day = int(digits.group())
    if match["month"] is None:
        return _DayRef(day, None)
    month = month_from_word(match["month"])
    return _DayRef(day, month) if month else None


def _make_date(year: int, ref: _DayRef) -> date:
    assert ref.month is not None
    try:
        return date(year, ref.month, ref.day)
    except ValueError:
        raise PeriodError(
            f"Даты «{day_month(ref.day, ref.month)}» нет в календаре {year} года: "
            f"проверьте число и месяц."
        ) from None


def _parse_date_item(text: str, year: int) -> tuple[_DayRef, _DayRef | None] | None:
    match = _DATE_ITEM.fullmatch(text)
    if match is None:
        return None
    start = _parse_day_ref(match["start"], year)
    end = _parse_day_ref(match["end"], year) if match["end"] else None
    if start is None or (match["end"] and end is None):
        return None
    if end is not None and end.month is None and start.month is not None:
        return None  # «30 апреля-2»: the end's month is missing
    if end is not None and start.month is None:
        start = _DayRef(start.day, end.month)  # «21-22 мая»; both bare in «21-22 и 25 мая»
    return start, end


def _with_month(ref: _DayRef, month: int | None) -> _DayRef:
    return ref if ref.month is not None else _DayRef(ref.day, month)


def _date_spans(items: list[tuple[_DayRef, _DayRef | None]]) -> list[tuple[_DayRef, _DayRef]]:
    """Gives each bare day the month of the next item: «21, 22 и 25 мая»."""
    spans: list[tuple[_DayRef, _DayRef]] = []
    next_month: int | None = None
    for start, end in reversed(items):
        start = _with_month(start, next_month)
        spans.append((start, _with_month(end, next_month) if end else start))
        next_month = start.month
    return spans[::-1]


def _days_between(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def parse_dates(text: str, year: int) -> Period | None:
    """«15 апреля», «21–22 мая», «15 апреля, 3 июня», «30 апреля – 2 мая», «15.04»."""
    items = []
    for part in split_list(text):
        item = _parse_date_item(part, year)
        if item is None:
            return None
        items.append(item)
    spans = _date_spans(items)
    if any(ref.month is None for span in spans for ref in span):
        return None  # «15»: no month at all
    days: list[date] = []
    for start_ref, end_ref in spans:
        first, last = _make_date(year, start_ref), _make_date(year, end_ref)
        if first > last:
            raise PeriodError(
                f"В диапазоне дат «{day_month(first.day, first.month)} – "
                f"{day_month(last.day, last.month)}» начальная дата должна идти раньше "
                f"конечной, например «21–22 мая»."
            )
        days.extend(_days_between(first, last))
    reject_repeats(days, lambda day: f"Дата «{day_month(day.day, day.month)}» указана")
    dates = tuple(sorted(days))
    months = tuple(sorted({day.month for day in dates}))
    return Period(PeriodKind.DATES, year, months, dates)


# --------------------------------------------------------------------------- DEADLINE

_DEADLINE = re.compile(
    r"(?:в срок )?(?:до|не позднее|не позже) "
    rf"(?:конца (?P<month_end>{MONTH_WORD})|(?P<day>.+))"
)


def _last_day_of(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline(text: str, year: int) -> Period | None:
    """«до 15 марта», «не позднее 15 марта», «до 15.03», «до конца марта»."""
    match = _DEADLINE.fullmatch(text)
    if match is None:
        return None
    if match["month_end"]:
        month = month_from_word(match["month_end"])
        if month is None:
            return None
        deadline = _last_day_of(year, month)
    else:
        ref = _parse_day_ref(match["day"], year)
        if ref is None or ref.month is None:
            return None
        deadline = _make_date(year, ref)
    return Period(PeriodKind.DEADLINE, year, tuple(range(1, deadline.month + 1)), (deadline,))
