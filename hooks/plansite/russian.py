"""Russian words for numbers, dates and times, in one place.

Month names and plural forms come from Babel's CLDR data where it has them; the prepositional
case of month names («в апреле»), which CLDR lacks, and the usual abbreviations («сент.») come
from tables here. Roman numerals are computed, so any section number has one.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date

RU = Locale("ru")

MOSCOW_TZID = "Europe/Moscow"
MOSCOW = ZoneInfo(MOSCOW_TZID)
"""The branch's time zone: a date or time without a zone is Moscow time."""

Case = Literal["nominative", "genitive", "prepositional"]
MONTH_CASES: tuple[Case, ...] = ("nominative", "genitive", "prepositional")

_PREPOSITIONAL_MONTHS = (
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
)
MONTH_ABBREVIATIONS = {
    "янв": 1,
    "фев": 2,
    "февр": 2,
    "мар": 3,
    "апр": 4,
    "авг": 8,
    "сен": 9,
    "сент": 9,
    "окт": 10,
    "ноя": 11,
    "нояб": 11,
    "дек": 12,
}
"""Lower-case abbreviations of month names, without the trailing period."""


def plural_word(count: int, one: str, few: str, many: str) -> str:
    """The form of a word that agrees with ``count``: «месяц», «месяца» or «месяцев»."""
    form = RU.plural_form(count)
    return {"one": one, "few": few}.get(form, many)


def plural(count: int, one: str, few: str, many: str) -> str:
    """``plural(21, "мероприятие", "мероприятия", "мероприятий")`` → «21 мероприятие»."""
    return f"{count} {plural_word(count, one, few, many)}"


def activities_count(count: int) -> str:
    """«1 мероприятие», «2 мероприятия», «5 мероприятий»."""
    return plural(count, "мероприятие", "мероприятия", "мероприятий")


def months_word(count: int) -> str:
    """«месяц», «месяца» or «месяцев», agreeing with ``count``."""
    return plural_word(count, "месяц", "месяца", "месяцев")


def month_name(month: int, case: Case = "nominative") -> str:
    """The Russian name of ``month`` (1–12) in ``case``, lower case.

    ``"nominative"`` «апрель», ``"genitive"`` «апреля», ``"prepositional"`` «апреле».
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month!r}")
    if case == "nominative":
        return str(RU.months["stand-alone"]["wide"][month])
    if case == "genitive":
        return str(RU.months["format"]["wide"][month])
    if case == "prepositional":
        return _PREPOSITIONAL_MONTHS[month - 1]
    raise ValueError(f"unknown case {case!r}")


def month_abbreviation(month: int) -> str:
    """«янв», «фев» … «дек»: a month in three letters, for narrow month columns."""
    return month_name(month)[:3]


def month_nominative(month: int) -> str:
    """«апрель»."""
    return month_name(month)


def month_title(month: int, year: int) -> str:
    """«Апрель 2019»."""
    return f"{month_name(month).capitalize()} {year}"


def weekday_name(weekday: int) -> str:
    """«понедельник» for 0 … «воскресенье» for 6 (Monday first, as :mod:`calendar` counts)."""
    return str(RU.days["stand-alone"]["wide"][weekday])


def weekday_abbreviation(weekday: int) -> str:
    """«Пн» for 0 … «Вс» for 6: the heads of a month grid's columns."""
    return str(RU.days["stand-alone"]["abbreviated"][weekday]).capitalize()


TODAY = "сегодня"

_PHASE_VERBS = {
    "once": ("Проходит", "Проходят"),
    "starts": ("Начинается", "Начинаются"),
    "continues": ("Продолжается", "Продолжаются"),
    "ends": ("Завершается", "Завершаются"),
}
"""What an activity does in a month, for one activity and for several."""


def phase_heading(phase: str, count: int, month: int) -> str:
    """«Начинаются в апреле»: a group of ``count`` activities on a month page; ``phase`` is
    ``once``, ``starts``, ``continues`` or ``ends``."""
    one, several = _PHASE_VERBS[phase]
    return f"{one if count == 1 else several} в {month_name(month, 'prepositional')}"


def all_year_summary(count: int, after_others: bool) -> str:
    """«И ещё 13 мероприятий, которые идут весь год» (after the month's own activities) or
    «Весь год идёт 1 мероприятие» (when the month has nothing else)."""
    activities = activities_count(count)
    if after_others:
        which = plural_word(count, "которое идёт", "которые идут", "которые идут")
        return f"И ещё {activities}, {which} весь год"
    return f"Весь год {plural_word(count, 'идёт', 'идут', 'идут')} {activities}"


@cache  # thousands of dates a build, few distinct ones; Babel's formatting is slow
def long_date(day: date) -> str:
    """«19 апреля 2019 г.»."""
    return str(format_date(day, format="long", locale=RU))


@cache
def day_and_month(day: date) -> str:
    """«19 апреля»."""
    return str(format_date(day, format="d MMMM", locale=RU))


def join_words(parts: list[str]) -> str:
    """«a», «a и b», «a, b и c»."""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " и " + parts[-1]


def preposition_in(word: str) -> str:
    """«в» or «во» before ``word``: «во II квартале» (во втором), but «в I», «в III»."""
    return "во" if word.upper() == "II" else "в"


_ROMAN_DIGITS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ROMAN_LETTERS = re.compile(r"[IVXLCDM]+")


def roman(number: int) -> str:
    """``number`` (1 or more) in Roman numerals: 4 → «IV», 11 → «XI», 40 → «XL»."""
    if number < 1:
        raise ValueError(f"Roman numerals start at 1, got {number!r}")
    letters = []
    for value, symbol in _ROMAN_DIGITS:
        count, number = divmod(number, value)
        letters.append(symbol * count)
    return "".join(letters)


def from_roman(text: str) -> int | None:
    """The number a Roman numeral names, in either case; None unless written the usual way
    («IIII», «VV» and «IC» are not numerals)."""
    letters = text.upper()
    if not _ROMAN_LETTERS.fullmatch(letters):
        return None
    value = _roman_value(letters)
    return value if roman(value) == letters else None


@cache
def _letter_values() -> dict[str, int]:
    return {symbol: value for value, symbol in _ROMAN_DIGITS if len(symbol) == 1}


def _roman_value(letters: str) -> int:
    """The additive-subtractive value of valid Roman letters, canonical or not."""
    values = [_letter_values()[letter] for letter in letters]
    total = 0
    for value, following in zip(values, [*values[1:], 0], strict=True):
        total += -value if value < following else value
    return total


SEARCH_KINDS = {
    "post": "новость",
    "plan": "план работы",
    "activity": "мероприятие плана",
    "calendar": "календарь",
    "month": "месяц",
    "report": "выполнение плана",
    "municipality": "муниципалитет",
    "press": "для СМИ",
    "glossary": "сокращения",
    "page": "страница",
}
"""What a search result is, shown beside its title: «новость», «мероприятие плана» …"""

SEARCH_FILTERS = {
    "kind": "Вид",
    "category": "Рубрика",
    "municipality": "Муниципалитет",
    "year": "Год",
}
"""Names of the search filters, as readers see them (and as the index stores them)."""


def activities_genitive(count: int) -> str:
    """«из 23 мероприятий», «из 21 мероприятия»: the genitive after «из»."""
    return plural(count, "мероприятия", "мероприятий", "мероприятий")


TIMELINE_LEGEND = {
    "bar": "срок по плану",
    "marks": "регулярно: отметка за каждый период",
    "line": "в течение всего года",
    "today": "сегодня",
}
"""What each stroke of the plan's timeline means, keyed by its kind (``Stroke`` value), and
the name of its mark of the build's day."""


def number(count: int) -> str:
    """«10 000»: digits grouped by thousands with non-breaking spaces."""
    return f"{count:,}".replace(",", "\u00a0")


CITY_PREFIX = "город "
URBAN_DISTRICT = "городской округ"
MUNICIPAL_DISTRICT = "муниципальный район"
MUNICIPAL_OKRUG = "муниципальный округ"


def formation_type(name: str) -> str:
    """The kind of municipal formation its official name shows: «город Смоленск» is a
    городской округ, «Вяземский район» a муниципальный район."""
    lowered = name.lower()
    if lowered.startswith(CITY_PREFIX) or lowered.endswith(URBAN_DISTRICT):
        return URBAN_DISTRICT
    if lowered.endswith(MUNICIPAL_OKRUG):
        return MUNICIPAL_OKRUG
    return MUNICIPAL_DISTRICT


PREVIEW_SEARCH_NOT_UPDATED = "Поиск в просмотре не обновлён"
"""The preview could not rewrite its search index after a rebuild (the pages are served)."""
