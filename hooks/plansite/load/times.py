"""Dates and times as the site accepts them: Moscow time, years 2000 to 2100.

The plan's event times are Moscow time, written «"10:00"». YAML 1.1 reads an unquoted
``10:00`` as the number 600 (base-60), and ``10`` as ten: both are refused with advice to
quote the time rather than guessed at. A time with a zone offset («10:00+05:00») is refused
too: shown on the site as Moscow time it would be wrong by the offset.

Years outside 2000–2100 are refused everywhere: they are typing mistakes, and before 1919
the Moscow zone had a local-mean-time offset (+02:30:17) that no feed should carry.
"""

from __future__ import annotations

import re
from datetime import time

FIRST_YEAR = 2000
LAST_YEAR = 2100
YEARS = f"{FIRST_YEAR}–{LAST_YEAR}"

_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?")
_OFFSET = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[zZ]|[+-]\d{1,2}(?::?\d{2})?|UTC.*|GMT.*)")
QUOTED_EXAMPLE = 'например «time: "10:00"»'


def year_in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def year_problem(year: int) -> str:
    return f"год {year} вне {YEARS}: проверьте дату."


def event_time(value: object, written: str) -> time | str:
    """The Moscow time of day in ``value``, or the Russian message why it is not one.

    ``written`` is the value as the editor typed it (before YAML read a number out of it).
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return f"«{written}» — не время: пишите часы и минуты в кавычках, {QUOTED_EXAMPLE}."
    if not isinstance(value, str):
        return (
            f"время «{written}» без кавычек читается как число: заключите его в кавычки, "
            f"{QUOTED_EXAMPLE}."
        )
    text = value.strip()
    match = _TIME.fullmatch(text)
    if match:
        hours, minutes, seconds = (int(part or 0) for part in match.groups())
        return time(hours, minutes, seconds)
    if _OFFSET.fullmatch(text):
        return (
            f"«{written}» — время с часовым поясом: все времена плана московские; укажите "
            f"московское время без пояса, {QUOTED_EXAMPLE}."
        )
    return f"«{written}» — не время: пишите часы и минуты в кавычках, {QUOTED_EXAMPLE}."
