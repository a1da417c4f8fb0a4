"""A period written back as display Russian: «в апреле», «с июня по сентябрь» …"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from plansite.periods.model import Period, PeriodKind
from plansite.periods.text import day_month
from plansite.russian import join_words, month_name, months_word, preposition_in, roman


def _describe_month(period: Period) -> str:
    return f"в {month_name(period.months[0], 'prepositional')}"


def _describe_range(period: Period) -> str:
    first, last = period.months[0], period.months[-1]
    return f"с {month_name(first, 'genitive')} по {month_name(last)}"


def _describe_list(period: Period) -> str:
    return "в " + join_words([month_name(month, "prepositional") for month in period.months])


def _describe_quarters(period: Period) -> str:
    quarters = sorted({(month - 1) // 3 + 1 for month in period.months})
    romans = [roman(quarter) for quarter in quarters]
    preposition = preposition_in(romans[0])
    if len(romans) == 1:
        return f"{preposition} {romans[0]} квартале"
    if quarters == list(range(quarters[0], quarters[-1] + 1)):
        return f"{preposition} {romans[0]}–{romans[-1]} кварталах"
    return f"{preposition} {join_words(romans)} кварталах"


def _describe_half_year(period: Period) -> str:
    roman = "I" if period.months[0] <= 6 else "II"
    return f"{preposition_in(roman)} {roman} полугодии"


def _describe_whole(period: Period) -> str:
    return "в течение всего года"


def _interval_phrase(interval: int) -> str:
    """«месяц», «3 месяца», «6 месяцев», «год» — what follows «раз в»."""
    if interval == 1:
        return "месяц"
    if interval == 12:
        return "год"
    return f"{interval} {months_word(interval)}"


def _describe_regular(period: Period) -> str:
    interval = period.interval or 1
    if period.as_needed:
        return f"по мере необходимости, но не реже одного раза в {_interval_phrase(interval)}"
    if interval == 1:
        return "ежемесячно"
    if interval == 3:
        return "ежеквартально"
    return f"не реже одного раза в {_interval_phrase(interval)}"


def _consecutive_runs(dates: Iterable[date]) -> list[tuple[date, date]]:
    runs: list[tuple[date, date]] = []
    for day in sorted(dates):
        if runs and day - runs[-1][1] == timedelta(days=1):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def _describe_run(first: date, last: date, with_month: bool) -> str:
    """«15 апреля», «21–22 мая», «30 апреля – 2 мая»; «21–22» when the month comes later."""
    if first.month != last.month:
        return f"{day_month(first.day, first.month)} – {day_month(last.day, last.month)}"
    days = str(first.day) if first == last else f"{first.day}–{last.day}"
    return f"{days} {month_name(first.month, 'genitive')}" if with_month else days


def _describe_dates(period: Period) -> str:
    runs = _consecutive_runs(period.dates)
    parts = []
    for index, (first, last) in enumerate(runs):
        following = runs[index + 1][0] if index + 1 < len(runs) else None
        shares_month = following is not None and first.month == last.month == following.month
        parts.append(_describe_run(first, last, with_month=not shares_month))
    return join_words(parts)


def _describe_deadline(period: Period) -> str:
    deadline = period.dates[0]
    return f"до {day_month(deadline.day, deadline.month)}"


_DESCRIBERS: dict[PeriodKind, Callable[[Period], str]] = {
    PeriodKind.MONTH: _describe_month,
    PeriodKind.RANGE: _describe_range,
    PeriodKind.LIST: _describe_list,
    PeriodKind.QUARTER: _describe_quarters,
    PeriodKind.HALF_YEAR: _describe_half_year,
    PeriodKind.WHOLE: _describe_whole,
    PeriodKind.REGULAR: _describe_regular,
    PeriodKind.DATES: _describe_dates,
    PeriodKind.DEADLINE: _describe_deadline,
}


def describe_period(period: Period) -> str:
    """The period in display Russian: «в апреле», «с июня по сентябрь», «во II полугодии» …

    The result starts in lower case, ready to follow a title or to be capitalised.
    """
    return _DESCRIBERS[period.kind](period)
