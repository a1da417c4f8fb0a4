"""A regular activity's periods in words, as its page shows them: «I и II полугодие»,
«I–IV квартал». The year is cut as the calendar feed and the timeline cut it
(:mod:`plansite.periods.runs`)."""

from __future__ import annotations

from plansite.periods.model import Period
from plansite.periods.runs import regular_chunks
from plansite.russian import join_words, month_name, roman

_NUMBERED_UNITS = {3: "квартал", 6: "полугодие"}
"""Intervals whose periods are numbered: «I–IV квартал», «I и II полугодие»."""


def describe_regular_periods(period: Period) -> str:
    """The periods a regular activity repeats in, in one phrase: «I и II полугодие»,
    «I–IV квартал», «каждый месяц с января по декабрь», «январь – апрель, май – август
    и сентябрь – декабрь»."""
    interval = min(period.interval or 1, 12)
    chunks = regular_chunks(interval, period.months)
    if interval in _NUMBERED_UNITS:
        numbers = [(first - 1) // interval + 1 for first, _ in chunks]
        return f"{_numbers_phrase(numbers)} {_NUMBERED_UNITS[interval]}"
    if interval == 1:
        first, last = chunks[0][0], chunks[-1][1]
        return f"каждый месяц с {month_name(first, 'genitive')} по {month_name(last)}"
    return join_words([f"{month_name(first)} – {month_name(last)}" for first, last in chunks])


def _numbers_phrase(numbers: list[int]) -> str:
    """«I–IV» for three or more consecutive numbers, else «I и II», «I, III и IV»."""
    consecutive = numbers == list(range(numbers[0], numbers[-1] + 1))
    if len(numbers) >= 3 and consecutive:
        return f"{roman(numbers[0])}–{roman(numbers[-1])}"
    return join_words([roman(number) for number in numbers])
