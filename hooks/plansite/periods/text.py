"""Words and numbers of the period grammar: normalisation, month words, ordinals, messages."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from plansite.periods.model import ALL_MONTHS, PeriodError
from plansite.russian import MONTH_ABBREVIATIONS, MONTH_CASES, from_roman, month_name

_T = TypeVar("_T")
MONTH_WORD = r"[а-я]+\.?"
"""A word that may name a month: «апреля», «сент.»."""


@cache
def _months_by_word() -> dict[str, int]:
    words = {fold(month_name(month, case)): month for month in ALL_MONTHS for case in MONTH_CASES}
    words.update(MONTH_ABBREVIATIONS)
    return words


def month_from_word(word: str) -> int | None:
    """The month a month word names, or None; an abbreviation may end with a period."""
    words = _months_by_word()
    if word in words:
        return words[word]
    stem = word.removesuffix(".")
    return MONTH_ABBREVIATIONS.get(stem) if stem != word else None


# --------------------------------------------------------------------------- error messages

EXAMPLES = (
    "«апрель», «июнь – сентябрь», «март, сентябрь», «II квартал», «I полугодие», "
    "«весь период», «ежемесячно», «не реже 1 раза в 3 месяца», «15 апреля», «21–22 мая», "
    "«до 15 марта»"
)
_SHOWN_LIMIT = 80


def shown(text: str) -> str:
    """The editor's text on one line, shortened for a message."""
    one_line = " ".join(text.split())
    if len(one_line) > _SHOWN_LIMIT:
        return one_line[: _SHOWN_LIMIT - 1] + "…"
    return one_line


def not_understood(text: str) -> PeriodError:
    return PeriodError(
        f"Не удалось понять срок «{shown(text)}». Допустимые записи, например: {EXAMPLES}."
    )


def day_month(day: int, month: int) -> str:
    if 1 <= month <= 12:
        return f"{day} {month_name(month, 'genitive')}"
    return f"{day}.{month:02d}"


# --------------------------------------------------------------------------- normalisation

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RUN = re.compile(rf"\s*[{re.escape(_DASHES)}]\s*")
_WHITESPACE_RUN = re.compile(r"\s+")
_SEPARATOR = re.compile(r" ?([,;]) ?")
TRAILING_DOTS = re.compile(r"[\s.]+$")
_LOOKALIKES = str.maketrans({"і": "i", "ⅰ": "i", "ⅱ": "ii", "ⅲ": "iii", "ⅳ": "iv"})


def fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def normalize(text: str) -> str:
    text = fold(text).translate(_LOOKALIKES)
    text = _WHITESPACE_RUN.sub(" ", text).strip()
    text = _DASH_RUN.sub("-", text)
    text = _SEPARATOR.sub(r"\1 ", text)
    return TRAILING_DOTS.sub("", text)


_LIST_SEPARATOR = re.compile(r"[,;] (?:и )?| и ")


def split_list(text: str) -> list[str]:
    """The items of «a, b и c»."""
    return _LIST_SEPARATOR.split(text)


def unnamed(pattern: re.Pattern[str]) -> str:
    """The source of ``pattern`` without group names, to embed it twice in one pattern."""
    return re.sub(r"\?P<\w+>", "?:", pattern.pattern)


# --------------------------------------------------------------------------- numbers

_NUMBER_WORDS = {
    "один": 1,
    "одного": 1,
    "одну": 1,
    "два": 2,
    "две": 2,
    "двух": 2,
    "три": 3,
    "трех": 3,
    "четыре": 4,
    "четырех": 4,
    "пять": 5,
    "пяти": 5,
    "шесть": 6,
    "шести": 6,
    "двенадцать": 12,
    "двенадцати": 12,
}
CARDINAL = r"[0-9]{1,3}(?:-?(?:го|х|ух|ех|ти|и|ми|й|м))?|" + "|".join(_NUMBER_WORDS)
LEADING_DIGITS = re.compile(r"[0-9]+")


def cardinal_value(token: str) -> int:
    digits = LEADING_DIGITS.match(token)
    return int(digits.group()) if digits else _NUMBER_WORDS[token]


_ORDINAL_STEMS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4}
_ORDINAL = re.compile(
    r"(?P<roman>[ivx]{1,5})"
    r"|(?P<digits>[0-9]{1,3})(?:-?(?:й|ый|ой|ий|го|ого|м|ом|е|ое|я|ая))?"
    r"|(?P<stem>перв|втор|трет|четверт)"
    r"(?:ый|ий|ой|ого|ом|ое|ая|ую|ые|ых|ым|ей|ьего|ьем|ье|ья|ьи|ьей)"
)
ORDINAL_ITEM = re.compile(rf"(?P<first>{unnamed(_ORDINAL)})(?:-(?P<last>{unnamed(_ORDINAL)}))?")


def ordinal_value(token: str) -> int | None:
    """The number an ordinal token names; None for an unknown Roman numeral."""
    match = _ORDINAL.fullmatch(token)
    assert match is not None
    if match["roman"]:
        return from_roman(match["roman"])
    if match["digits"]:
        return int(match["digits"])
    return _ORDINAL_STEMS[match["stem"]]


def shown_ordinal(token: str) -> str:
    """A Roman numeral in capitals, as plans write it; other ordinals as typed."""
    match = _ORDINAL.fullmatch(token)
    return token.upper() if match is not None and match["roman"] else token


# --------------------------------------------------------------------------- the plan year

_YEAR_SUFFIX = re.compile(r"(?P<rest>.+?),? (?P<year>[0-9]{4})(?: ?(?:г|года|год|гг))?")


def check_plan_year(written: str | None, year: int) -> None:
    if written is not None and int(written) != year:
        raise PeriodError(
            f"Срок относится к {int(written)} году, а план составлен на {year} год: "
            f"уберите год или исправьте его."
        )


def without_plan_year(text: str, year: int) -> str:
    """«апрель 2025 г.» → «апрель», after checking the year is the plan's."""
    match = _YEAR_SUFFIX.fullmatch(text)
    if not match:
        return text
    check_plan_year(match["year"], year)
    return TRAILING_DOTS.sub("", match["rest"])


def reject_repeats(values: list[_T], named: Callable[[_T], str]) -> None:
    seen: set[_T] = set()
    for value in values:
        if value in seen:
            raise PeriodError(f"{named(value)} несколько раз: уберите повтор.")
        seen.add(value)
