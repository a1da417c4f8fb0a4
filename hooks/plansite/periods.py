"""The Russian period grammar: «апрель», «июнь – сентябрь», «II полугодие», «весь период» …

A plan activity's period text is parsed into the months (1–12) of the plan year it falls in,
plus a :class:`PeriodKind` and, for some kinds, exact dates or a repetition interval.
:func:`describe_period` writes a period back as display Russian, and the grammar accepts that
display form too, so ``parse_period(describe_period(p), p.year) == p``.

Normalisation before matching: case is ignored, «ё» reads as «е», runs of whitespace (newlines
included) are one space, every dash (``-``, ``‐``, ``–``, ``—``, ``−`` …) is one hyphen with no
spaces around it, a comma or semicolon is followed by exactly one space, and trailing periods
are dropped.  The Ukrainian «І» and the Unicode Roman numerals read as Latin Roman numerals.
An optional trailing plan year («апрель 2025 г.») must be the plan's own year.

The grammar, tried in this order (``MONTH`` is a month name in the nominative, genitive or
prepositional case or an abbreviation such as «сент.»; ``N`` is a number in digits, with or
without an ending such as «1-го», or a number word such as «одного»; ``ORD`` is a Roman numeral,
a digit with an optional ending such as «1-й», or an ordinal word such as «первое»)::

    WHOLE      весь период | весь год | в течение [всего] года | в течение всего периода
               | в течение [всего] 2025 года | в 2025 году | постоянно | круглый год
               | круглогодично
    REGULAR    [по мере необходимости, но] ежемесячно | ежеквартально | ежеполугодно | ежегодно
               [по мере необходимости, но] [не реже] [N] раз(а) в [N] месяц/квартал/полугодие/
               полгода/год
               [по мере необходимости, но] каждый/каждые [N] месяц/квартал/…
    HALF_YEAR  [в|во|в течение] ORD полугодие | ORD половина года | ORD полгода (any case)
    QUARTER    [в|во|в течение] ORD[-ORD][, ORD и ORD] квартал | кв.  (any case and number)
    DEADLINE   [в срок] до | не позднее | не позже  DAY MONTH | DD.MM[.YYYY] | конца MONTH
    DATES      DATE-ITEM {, DATE-ITEM} [и DATE-ITEM], where DATE-ITEM is a day, a day range or
               a date range: «15 апреля», «21-22 мая», «30 апреля-2 мая», «с 30 апреля по 2 мая»,
               «15.04»; a bare day takes the month of the next item («21, 22 и 25 мая»)
    MONTHS     [в течение] MONTH-ITEM {, MONTH-ITEM} [и MONTH-ITEM], where MONTH-ITEM is
               [в] MONTH, MONTH-MONTH or «с MONTH по MONTH»; one month is a MONTH period, one
               range a RANGE period, several items a LIST period

Decisions:

* «по мере необходимости» alone is an error: it names no time at all, so the editor is asked to
  add the least frequency («…, но не реже 1 раза в 3 месяца») or to write «весь период».
* A REGULAR period covers the whole year (months 1–12); its interval is the longest gap in
  months between two occurrences and must divide the year: 1, 2, 3, 4, 6 or 12.
* A day or date range stores every day from its start to its end in ``dates``; the months are
  every month the dates touch.  A DEADLINE stores its one day and the months from January up to
  and including the deadline's month.
* A reversed range, a repeated month, quarter or date, and a date missing from the calendar are
  errors, never silently repaired.
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TypeVar

from babel import Locale

__all__ = [
    "ALLOWED_INTERVALS",
    "ALL_MONTHS",
    "Period",
    "PeriodError",
    "PeriodKind",
    "describe_period",
    "month_name",
    "months_word",
    "parse_period",
    "period_from_months",
]


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


_T = TypeVar("_T")

ALL_MONTHS = tuple(range(1, 13))
ALLOWED_INTERVALS = (1, 2, 3, 4, 6, 12)
"""Repetition intervals, in months, that divide the year evenly."""

# --------------------------------------------------------------------------- Russian words

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
_MONTH_ABBREVIATIONS = {
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
_ROMAN_NUMERALS = ("I", "II", "III", "IV")


@cache
def _russian() -> Locale:
    return Locale("ru")


def month_name(month: int, case: str = "nominative") -> str:
    """The Russian name of ``month`` (1–12) in ``case``.

    ``case`` is ``"nominative"`` («апрель»), ``"genitive"`` («апреля») or
    ``"prepositional"`` («апреле»).  Babel supplies the first two; the prepositional case,
    which CLDR lacks, comes from a table.
    """
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month!r}")
    if case == "nominative":
        return _russian().months["stand-alone"]["wide"][month]
    if case == "genitive":
        return _russian().months["format"]["wide"][month]
    if case == "prepositional":
        return _PREPOSITIONAL_MONTHS[month - 1]
    raise ValueError(f"unknown case {case!r}")


def months_word(count: int) -> str:
    """«месяц», «месяца» or «месяцев», agreeing with ``count`` by the Russian plural rule."""
    category = _russian().plural_form(count)
    return {"one": "месяц", "few": "месяца"}.get(category, "месяцев")


@cache
def _months_by_word() -> dict[str, int]:
    words = {
        _fold(month_name(month, case)): month
        for month in ALL_MONTHS
        for case in ("nominative", "genitive", "prepositional")
    }
    words.update(_MONTH_ABBREVIATIONS)
    return words


def _month_from_word(word: str) -> int | None:
    """The month a month word names, or None; an abbreviation may end with a period."""
    words = _months_by_word()
    if word in words:
        return words[word]
    stem = word.removesuffix(".")
    return _MONTH_ABBREVIATIONS.get(stem) if stem != word else None


def _join_russian(parts: list[str]) -> str:
    """«a», «a и b», «a, b и c»."""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " и " + parts[-1]


def _preposition_before(roman: str) -> str:
    """«во II квартале» (во втором) but «в I», «в III», «в IV»."""
    return "во" if roman == "II" else "в"


# --------------------------------------------------------------------------- error messages

_EXAMPLES = (
    "«апрель», «июнь – сентябрь», «март, сентябрь», «II квартал», «I полугодие», "
    "«весь период», «ежемесячно», «не реже 1 раза в 3 месяца», «15 апреля», «21–22 мая», "
    "«до 15 марта»"
)
_SHOWN_LIMIT = 80


def _shown(text: str) -> str:
    """The editor's text on one line, shortened for a message."""
    one_line = " ".join(text.split())
    if len(one_line) > _SHOWN_LIMIT:
        return one_line[: _SHOWN_LIMIT - 1] + "…"
    return one_line


def _not_understood(text: str) -> PeriodError:
    return PeriodError(
        f"Не удалось понять срок «{_shown(text)}». Допустимые записи, например: {_EXAMPLES}."
    )


def _day_and_month(day: int, month: int) -> str:
    if 1 <= month <= 12:
        return f"{day} {month_name(month, 'genitive')}"
    return f"{day}.{month:02d}"


# --------------------------------------------------------------------------- normalisation

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RUN = re.compile(rf"\s*[{re.escape(_DASHES)}]\s*")
_WHITESPACE_RUN = re.compile(r"\s+")
_SEPARATOR = re.compile(r" ?([,;]) ?")
_TRAILING_DOTS = re.compile(r"[\s.]+$")
_LOOKALIKES = str.maketrans({"і": "i", "ⅰ": "i", "ⅱ": "ii", "ⅲ": "iii", "ⅳ": "iv"})


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


def _normalize(text: str) -> str:
    text = _fold(text).translate(_LOOKALIKES)
    text = _WHITESPACE_RUN.sub(" ", text).strip()
    text = _DASH_RUN.sub("-", text)
    text = _SEPARATOR.sub(r"\1 ", text)
    return _TRAILING_DOTS.sub("", text)


_LIST_SEPARATOR = re.compile(r"[,;] (?:и )?| и ")


def _split_list(text: str) -> list[str]:
    """The items of «a, b и c»."""
    return _LIST_SEPARATOR.split(text)


def _unnamed(pattern: re.Pattern[str]) -> str:
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
_CARDINAL = r"[0-9]{1,3}(?:-?(?:го|х|ух|ех|ти|и|ми|й|м))?|" + "|".join(_NUMBER_WORDS)
_LEADING_DIGITS = re.compile(r"[0-9]+")


def _cardinal_value(token: str) -> int:
    digits = _LEADING_DIGITS.match(token)
    return int(digits.group()) if digits else _NUMBER_WORDS[token]


_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8}
_ORDINAL_STEMS = {"перв": 1, "втор": 2, "трет": 3, "четверт": 4}
_ORDINAL = re.compile(
    r"(?P<roman>[ivx]{1,5})"
    r"|(?P<digits>[0-9]{1,3})(?:-?(?:й|ый|ой|ий|го|ого|м|ом|е|ое|я|ая))?"
    r"|(?P<stem>перв|втор|трет|четверт)"
    r"(?:ый|ий|ой|ого|ом|ое|ая|ую|ые|ых|ым|ей|ьего|ьем|ье|ья|ьи|ьей)"
)
_ORDINAL_ITEM = re.compile(rf"(?P<first>{_unnamed(_ORDINAL)})(?:-(?P<last>{_unnamed(_ORDINAL)}))?")


def _ordinal_value(token: str) -> int | None:
    """The number an ordinal token names; None for an unknown Roman numeral."""
    match = _ORDINAL.fullmatch(token)
    assert match is not None
    if match["roman"]:
        return _ROMAN_VALUES.get(match["roman"])
    if match["digits"]:
        return int(match["digits"])
    return _ORDINAL_STEMS[match["stem"]]


def _shown_ordinal(token: str) -> str:
    return token.upper() if _ORDINAL.fullmatch(token)["roman"] else token


# --------------------------------------------------------------------------- WHOLE

_WHOLE = re.compile(
    r"весь (?:(?P<year_a>[0-9]{4}) )?(?:год|период|плановый период)"
    r"|в течени[еи] (?:всего )?(?:планового )?(?:года|периода)"
    r"|в течени[еи] (?:всего )?(?P<year_b>[0-9]{4}) года"
    r"|в (?P<year_c>[0-9]{4}) году"
    r"|постоянно|круглый год|круглогодично"
)


def _parse_whole(text: str, year: int) -> Period | None:
    """«весь период», «в течение всего года», «постоянно»."""
    match = _WHOLE.fullmatch(text)
    if not match:
        return None
    _check_plan_year(match["year_a"] or match["year_b"] or match["year_c"], year)
    return Period(PeriodKind.WHOLE, year, ALL_MONTHS)


# --------------------------------------------------------------------------- the plan year

_YEAR_SUFFIX = re.compile(r"(?P<rest>.+?),? (?P<year>[0-9]{4})(?: ?(?:г|года|год|гг))?")


def _check_plan_year(written: str | None, year: int) -> None:
    if written is not None and int(written) != year:
        raise PeriodError(
            f"Срок относится к {int(written)} году, а план составлен на {year} год: "
            f"уберите год или исправьте его."
        )


def _without_plan_year(text: str, year: int) -> str:
    """«апрель 2025 г.» → «апрель», after checking the year is the plan's."""
    match = _YEAR_SUFFIX.fullmatch(text)
    if not match:
        return text
    _check_plan_year(match["year"], year)
    return _TRAILING_DOTS.sub("", match["rest"])


# --------------------------------------------------------------------------- REGULAR

_AS_NEEDED_ALONE = re.compile(r"(?:только )?по мере необходимости")
_AS_NEEDED = r"(?P<as_needed>по мере необходимости,? (?:но )?)?"
_UNIT_MONTHS = {
    "месяц": 1,
    "месяца": 1,
    "месяцев": 1,
    "мес": 1,
    "квартал": 3,
    "квартала": 3,
    "кварталов": 3,
    "кв": 3,
    "полугодие": 6,
    "полугодия": 6,
    "полугодий": 6,
    "полгода": 6,
    "год": 12,
    "года": 12,
    "лет": 12,
}
_UNIT = "|".join(_UNIT_MONTHS)
_REGULAR_WORDS = {"ежемесячно": 1, "ежеквартально": 3, "ежеполугодно": 6, "ежегодно": 12}
_REGULAR_PATTERNS = (
    re.compile(_AS_NEEDED + "(?P<word>" + "|".join(_REGULAR_WORDS) + ")"),
    re.compile(
        _AS_NEEDED + r"(?:не (?:реже|менее) )?(?:(?P<count>" + _CARDINAL + r") )?раза? (?:в|за) "
        r"(?:(?P<span>" + _CARDINAL + r") )?(?P<unit>" + _UNIT + ")"
    ),
    re.compile(
        _AS_NEEDED + r"(?:не реже )?кажд(?:ый|ые|ое|ую) "
        r"(?:(?P<span>" + _CARDINAL + r") )?(?P<unit>" + _UNIT + ")"
    ),
)


def _reject_as_needed_alone(text: str, year: int) -> None:
    """«по мере необходимости» with no least frequency names no time: an error."""
    if _AS_NEEDED_ALONE.fullmatch(text):
        raise PeriodError(
            "Срок «по мере необходимости» не говорит, когда проводить мероприятие: добавьте "
            "наименьшую периодичность, например «по мере необходимости, но не реже 1 раза "
            "в 3 месяца», или напишите «весь период»."
        )


def _parse_regular(text: str, year: int) -> Period | None:
    """«ежемесячно», «раз в полгода», «по мере необходимости, но не реже 1 раза в 3 месяца»."""
    for pattern in _REGULAR_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            groups = match.groupdict()
            interval = _regular_interval(groups, text)
            as_needed = groups["as_needed"] is not None
            return Period(
                PeriodKind.REGULAR, year, ALL_MONTHS, interval=interval, as_needed=as_needed
            )
    return None


def _regular_interval(groups: dict[str, str | None], text: str) -> int:
    """Months between occurrences: «2 раза в год» → 6; must be one of ALLOWED_INTERVALS."""
    if groups.get("word"):
        return _REGULAR_WORDS[groups["word"]]
    count = _cardinal_value(groups["count"]) if groups.get("count") else 1
    span = _cardinal_value(groups["span"]) if groups.get("span") else 1
    total = span * _UNIT_MONTHS[groups["unit"]]
    if count == 0 or total % count or total // count not in ALLOWED_INTERVALS:
        raise PeriodError(
            f"Периодичность «{_shown(text)}» не подходит: между повторениями должно быть 1, 2, "
            f"3, 4, 6 или 12 месяцев, например «ежемесячно», «не реже 1 раза в 3 месяца», "
            f"«раз в полгода»."
        )
    return total // count


# --------------------------------------------------------------------------- HALF_YEAR, QUARTER

_IN = r"(?:(?:в течени[еи]|во|в) )?"
_HALF_YEAR = re.compile(
    _IN + r"(?P<numbers>.+) (?:полугоди[а-я]{1,2}|полугод\.?|полгода|половин[а-я] года)"
)
_QUARTERS = re.compile(_IN + r"(?P<numbers>.+) (?:квартал[а-я]{0,2}|кв\.?)")


def _ordinal_items(text: str) -> list[tuple[str, str]] | None:
    """«i-ii, iv» → [("i", "ii"), ("iv", "iv")]; None if an item is not an ordinal."""
    items = []
    for part in _split_list(text):
        match = _ORDINAL_ITEM.fullmatch(part)
        if not match:
            return None
        items.append((match["first"], match["last"] or match["first"]))
    return items


def _parse_half_year(text: str, year: int) -> Period | None:
    """«II полугодие», «1-е полугодие», «во II полугодии», «первая половина года»."""
    match = _HALF_YEAR.fullmatch(text)
    items = _ordinal_items(match["numbers"]) if match else None
    if not items:
        return None
    if len(items) > 1 or items[0][0] != items[0][1]:
        raise PeriodError(
            "Укажите одно полугодие — «I полугодие» или «II полугодие», — а для всего года "
            "напишите «весь период»."
        )
    token = items[0][0]
    half = _ordinal_value(token)
    if half not in (1, 2):
        raise PeriodError(
            f"Полугодия «{_shown_ordinal(token)}» не бывает: в году два полугодия, I и II."
        )
    return Period(PeriodKind.HALF_YEAR, year, tuple(range(6 * half - 5, 6 * half + 1)))


def _quarter_value(token: str) -> int:
    quarter = _ordinal_value(token)
    if quarter is None or not 1 <= quarter <= 4:
        raise PeriodError(
            f"Квартала «{_shown_ordinal(token)}» не бывает: в году четыре квартала, I–IV."
        )
    return quarter


def _parse_quarters(text: str, year: int) -> Period | None:
    """«II квартал», «1-й кв.», «во II квартале», «I–II квартал», «в I и III кварталах»."""
    match = _QUARTERS.fullmatch(text)
    items = _ordinal_items(match["numbers"]) if match else None
    if not items:
        return None
    quarters: list[int] = []
    for first_token, last_token in items:
        first, last = _quarter_value(first_token), _quarter_value(last_token)
        if first > last:
            raise PeriodError(
                f"В диапазоне кварталов «{_ROMAN_NUMERALS[first - 1]}–"
                f"{_ROMAN_NUMERALS[last - 1]}» первый квартал должен идти раньше последнего, "
                f"например «I–II квартал»."
            )
        quarters.extend(range(first, last + 1))
    _reject_repeats(quarters, lambda q: f"Квартал «{_ROMAN_NUMERALS[q - 1]}» указан")
    months = tuple(month for quarter in sorted(quarters) for month in _quarter_months(quarter))
    return Period(PeriodKind.QUARTER, year, months)


def _quarter_months(quarter: int) -> range:
    return range(3 * quarter - 2, 3 * quarter + 1)


def _reject_repeats(values: list[_T], named: Callable[[_T], str]) -> None:
    seen: set[_T] = set()
    for value in values:
        if value in seen:
            raise PeriodError(f"{named(value)} несколько раз: уберите повтор.")
        seen.add(value)


# --------------------------------------------------------------------------- dates

_DAY = r"[0-9]{1,3}(?:-?(?:го|е|ое))?"
_WORD = r"[а-я]+\.?"
_SIMPLE_DATE = re.compile(
    rf"(?P<day>{_DAY})(?: (?P<month>{_WORD}))?"
    r"|(?P<numeric_day>[0-9]{1,3})\.(?P<numeric_month>[0-9]{1,2})(?:\.(?P<numeric_year>[0-9]{4}))?"
)
_DATE_ITEM = re.compile(
    rf"(?:с )?(?P<start>{_unnamed(_SIMPLE_DATE)})(?:(?:-| по )(?P<end>{_unnamed(_SIMPLE_DATE)}))?"
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
        _check_plan_year(match["numeric_year"], year)
        return _DayRef(int(match["numeric_day"]), int(match["numeric_month"]))
    day = int(_LEADING_DIGITS.match(match["day"]).group())
    if match["month"] is None:
        return _DayRef(day, None)
    month = _month_from_word(match["month"])
    return _DayRef(day, month) if month else None


def _make_date(year: int, ref: _DayRef) -> date:
    assert ref.month is not None
    try:
        return date(year, ref.month, ref.day)
    except ValueError:
        raise PeriodError(
            f"Даты «{_day_and_month(ref.day, ref.month)}» нет в календаре {year} года: "
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


def _parse_dates(text: str, year: int) -> Period | None:
    """«15 апреля», «21–22 мая», «15 апреля, 3 июня», «30 апреля – 2 мая», «15.04»."""
    items = []
    for part in _split_list(text):
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
                f"В диапазоне дат «{_day_and_month(first.day, first.month)} – "
                f"{_day_and_month(last.day, last.month)}» начальная дата должна идти раньше "
                f"конечной, например «21–22 мая»."
            )
        days.extend(_days_between(first, last))
    _reject_repeats(days, lambda day: f"Дата «{_day_and_month(day.day, day.month)}» указана")
    dates = tuple(sorted(days))
    months = tuple(sorted({day.month for day in dates}))
    return Period(PeriodKind.DATES, year, months, dates)


# --------------------------------------------------------------------------- DEADLINE

_DEADLINE = re.compile(
    r"(?:в срок )?(?:до|не позднее|не позже) "
    rf"(?:конца (?P<month_end>{_WORD})|(?P<day>.+))"
)


def _last_day_of(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _parse_deadline(text: str, year: int) -> Period | None:
    """«до 15 марта», «не позднее 15 марта», «до 15.03», «до конца марта»."""
    match = _DEADLINE.fullmatch(text)
    if match is None:
        return None
    if match["month_end"]:
        month = _month_from_word(match["month_end"])
        if month is None:
            return None
        deadline = _last_day_of(year, month)
    else:
        ref = _parse_day_ref(match["day"], year)
        if ref is None or ref.month is None:
            return None
        deadline = _make_date(year, ref)
    return Period(PeriodKind.DEADLINE, year, tuple(range(1, deadline.month + 1)), (deadline,))


# --------------------------------------------------------------------------- MONTH, RANGE, LIST

_DURING = re.compile(r"^в течени[еи] ")
_MONTH_ITEM = re.compile(rf"(?:во? )?(?:с )?(?P<first>{_WORD})(?:(?:-| по )(?P<last>{_WORD}))?")


def _parse_month_item(text: str) -> tuple[int, int] | None:
    """«апрель» → (4, 4); «июнь-сентябрь», «с июня по сентябрь» → (6, 9)."""
    match = _MONTH_ITEM.fullmatch(text)
    if match is None:
        return None
    first = _month_from_word(match["first"])
    last = _month_from_word(match["last"]) if match["last"] else first
    if first is None or last is None:
        return None
    if first > last:
        raise PeriodError(
            f"В диапазоне «{month_name(first)} – {month_name(last)}» начальный месяц должен "
            f"идти раньше конечного, например «июнь – сентябрь»; диапазон не может переходить "
            f"на следующий год."
        )
    return first, last


def _parse_months(text: str, year: int) -> Period | None:
    """«апрель», «июнь – сентябрь», «с июня по сентябрь», «март, сентябрь», «в марте и мае»."""
    items = []
    for part in _split_list(_DURING.sub("", text)):
        item = _parse_month_item(part)
        if item is None:
            return None
        items.append(item)
    if len(items) == 1:
        first, last = items[0]
        kind = PeriodKind.MONTH if first == last else PeriodKind.RANGE
        return Period(kind, year, tuple(range(first, last + 1)))
    months = [month for first, last in items for month in range(first, last + 1)]
    _reject_repeats(months, lambda month: f"Месяц «{month_name(month)}» указан")
    return Period(PeriodKind.LIST, year, tuple(sorted(months)))


# --------------------------------------------------------------------------- parsing

_Parser = Callable[[str, int], "Period | None"]
_PARSERS: tuple[_Parser, ...] = (
    _parse_whole,
    _reject_as_needed_alone,
    _parse_regular,
    _parse_half_year,
    _parse_quarters,
    _parse_deadline,
    _parse_dates,
    _parse_months,
)


def parse_period(text: str, year: int) -> Period:
    """Parse the Russian period ``text`` of an activity in the plan for ``year``.

    Raises :class:`PeriodError`, with a Russian message for the editor, when the text is not
    a period of the grammar in the module docstring or names an impossible one.
    """
    normalized = _normalize(text)
    if not normalized:
        raise PeriodError(f"Срок не указан. Допустимые записи, например: {_EXAMPLES}.")
    whole = _parse_whole(normalized, year)  # «в течение 2025 года» keeps its year
    if whole is not None:
        return whole
    body = _without_plan_year(normalized, year)
    for parser in _PARSERS:
        period = parser(body, year)
        if period is not None:
            return period
    raise _not_understood(text)


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


# --------------------------------------------------------------------------- display


def _describe_month(period: Period) -> str:
    return f"в {month_name(period.months[0], 'prepositional')}"


def _describe_range(period: Period) -> str:
    first, last = period.months[0], period.months[-1]
    return f"с {month_name(first, 'genitive')} по {month_name(last)}"


def _describe_list(period: Period) -> str:
    return "в " + _join_russian([month_name(month, "prepositional") for month in period.months])


def _describe_quarters(period: Period) -> str:
    quarters = sorted({(month - 1) // 3 + 1 for month in period.months})
    romans = [_ROMAN_NUMERALS[quarter - 1] for quarter in quarters]
    preposition = _preposition_before(romans[0])
    if len(romans) == 1:
        return f"{preposition} {romans[0]} квартале"
    if quarters == list(range(quarters[0], quarters[-1] + 1)):
        return f"{preposition} {romans[0]}–{romans[-1]} кварталах"
    return f"{preposition} {_join_russian(romans)} кварталах"


def _describe_half_year(period: Period) -> str:
    roman = "I" if period.months[0] <= 6 else "II"
    return f"{_preposition_before(roman)} {roman} полугодии"


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
        return f"{_day_and_month(first.day, first.month)} – {_day_and_month(last.day, last.month)}"
    days = str(first.day) if first == last else f"{first.day}–{last.day}"
    return f"{days} {month_name(first.month, 'genitive')}" if with_month else days


def _describe_dates(period: Period) -> str:
    runs = _consecutive_runs(period.dates)
    parts = []
    for index, (first, last) in enumerate(runs):
        following = runs[index + 1][0] if index + 1 < len(runs) else None
        shares_month = following is not None and first.month == last.month == following.month
        parts.append(_describe_run(first, last, with_month=not shares_month))
    return _join_russian(parts)


def _describe_deadline(period: Period) -> str:
    deadline = period.dates[0]
    return f"до {_day_and_month(deadline.day, deadline.month)}"


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
