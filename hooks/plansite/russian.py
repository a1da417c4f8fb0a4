"""Russian words for numbers and dates, from Babel's CLDR data where it has them."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Literal

from babel import Locale
from babel.dates import format_date, get_month_names

RU = Locale("ru")


def plural(count: int, one: str, few: str, many: str) -> str:
    """``plural(21, "мероприятие", "мероприятия", "мероприятий")`` → «21 мероприятие»."""
    form = RU.plural_form(count)
    word = {"one": one, "few": few}.get(form, many)
    return f"{count} {word}"


@lru_cache(maxsize=1)
def _month_names(context: Literal["format", "stand-alone"]) -> dict[int, str]:
    return dict(get_month_names("wide", context=context, locale=RU))


def month_nominative(month: int) -> str:
    """«апрель»."""
    return _month_names("stand-alone")[month]


def month_title(month: int, year: int) -> str:
    """«Апрель 2019»."""
    return f"{month_nominative(month).capitalize()} {year}"


def long_date(day: date) -> str:
    """«19 апреля 2019 г.»."""
    return format_date(day, format="long", locale=RU)


def day_and_month(day: date) -> str:
    """«19 апреля»."""
    return format_date(day, format="d MMMM", locale=RU)
