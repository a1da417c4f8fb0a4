"""Periods named by spans of the year: the whole year, a repetition, half-years, quarters,
months, month ranges and lists of months."""

from __future__ import annotations

import re

from plansite.periods.model import ALL_MONTHS, ALLOWED_INTERVALS, Period, PeriodError, PeriodKind
from plansite.periods.text import (
    CARDINAL,
    MONTH_WORD,
    ORDINAL_ITEM,
    cardinal_value,
    check_plan_year,
    month_from_word,
    ordinal_value,
    reject_repeats,
    shown,
    shown_ordinal,
    split_list,
)
from plansite.russian import month_name, roman

# --------------------------------------------------------------------------- WHOLE

_WHOLE = re.compile(
    r"весь (?:(?P<year_a>[0-9]{4}) )?(?:год|период|плановый период)"
    r"|в течени[еи] (?:всего )?(?:планового )?(?:года|периода)"
    r"|в течени[еи] (?:всего )?(?P<year_b>[0-9]{4}) года"
    r"|в (?P<year_c>[0-9]{4}) году"
    r"|постоянно|круглый год|круглогодично"
)


def parse_whole(text: str, year: int) -> Period | None:
    """«весь период», «в течение всего года», «постоянно»."""
    match = _WHOLE.fullmatch(text)
    if not match:
        return None
    check_plan_year(match["year_a"] or match["year_b"] or match["year_c"], year)
    return Period(PeriodKind.WHOLE, year, ALL_MONTHS)


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
        _AS_NEEDED + r"(?:не (?:реже|менее) )?(?:(?P<count>" + CARDINAL + r") )?раза? (?:в|за) "
        r"(?:(?P<span>" + CARDINAL + r") )?(?P<unit>" + _UNIT + ")"
    ),
    re.compile(
        _AS_NEEDED + r"(?:не реже )?кажд(?:ый|ые|ое|ую) "
        r"(?:(?P<span>" + CARDINAL + r") )?(?P<unit>" + _UNIT + ")"
    ),
)


def reject_as_needed_alone(text: str, year: int) -> None:
    """«по мере необходимости» with no least frequency names no time: an error."""
    if _AS_NEEDED_ALONE.fullmatch(text):
        raise PeriodError(
            "Срок «по мере необходимости» не говорит, когда проводить мероприятие: добавьте "
            "наименьшую периодичность, например «по мере необходимости, но не реже 1 раза "
            "в 3 месяца», или напишите «весь период»."
        )


def parse_regular(text: str, year: int) -> Period | None:
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
    word, unit = groups.get("word"), groups.get("unit")
    if word:
        return _REGULAR_WORDS[word]
    assert unit is not None, "every pattern without a word names a unit"
    count_text, span_text = groups.get("count"), groups.get("span")
    count = cardinal_value(count_text) if count_text else 1
    span = cardinal_value(span_text) if span_text else 1
    total = span * _UNIT_MONTHS[unit]
    if count == 0 or total % count or total // count not in ALLOWED_INTERVALS:
        raise PeriodError(
            f"Периодичность «{shown(text)}» не подходит: между повторениями должно быть 1, 2, "
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
    for part in split_list(text):
        match = ORDINAL_ITEM.fullmatch(part)
        if not match:
            return None
        items.append((match["first"], match["last"] or match["first"]))
    return items


def parse_half_year(text: str, year: int) -> Period | None:
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
    half = ordinal_value(token)
    if half not in (1, 2):
        raise PeriodError(
            f"Полугодия «{shown_ordinal(token)}» не бывает: в году два полугодия, I и II."
        )
    return Period(PeriodKind.HALF_YEAR, year, tuple(range(6 * half - 5, 6 * half + 1)))


def _quarter_value(token: str) -> int:
    quarter = ordinal_value(token)
    if quarter is None or not 1 <= quarter <= 4:
        raise PeriodError(
            f"Квартала «{shown_ordinal(token)}» не бывает: в году четыре квартала, I–IV."
        )
    return quarter


def parse_quarters(text: str, year: int) -> Period | None:
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
                f"В диапазоне кварталов «{roman(first)}–"
                f"{roman(last)}» первый квартал должен идти раньше последнего, "
                f"например «I–II квартал»."
            )
        quarters.extend(range(first, last + 1))
    reject_repeats(quarters, lambda q: f"Квартал «{roman(q)}» указан")
    months = tuple(month for quarter in sorted(quarters) for month in _quarter_months(quarter))
    return Period(PeriodKind.QUARTER, year, months)


def _quarter_months(quarter: int) -> range:
    return range(3 * quarter - 2, 3 * quarter + 1)


# --------------------------------------------------------------------------- MONTH, RANGE, LIST

_DURING = re.compile(r"^в течени[еи] ")
_MONTH_ITEM = re.compile(
    rf"(?:во? )?(?:с )?(?P<first>{MONTH_WORD})(?:(?:-| по )(?P<last>{MONTH_WORD}))?"
)


def _parse_month_item(text: str) -> tuple[int, int] | None:
    """«апрель» → (4, 4); «июнь-сентябрь», «с июня по сентябрь» → (6, 9)."""
    match = _MONTH_ITEM.fullmatch(text)
    if match is None:
        return None
    first = month_from_word(match["first"])
    last = month_from_word(match["last"]) if match["last"] else first
    if first is None or last is None:
        return None
    if first > last:
        raise PeriodError(
            f"В диапазоне «{month_name(first)} – {month_name(last)}» начальный месяц должен "
            f"идти раньше конечного, например «июнь – сентябрь»; диапазон не может переходить "
            f"на следующий год."
        )
    return first, last


def parse_months(text: str, year: int) -> Period | None:
    """«апрель», «июнь – сентябрь», «с июня по сентябрь», «март, сентябрь», «в марте и мае»."""
    items = []
    for part in split_list(_DURING.sub("", text)):
        item = _parse_month_item(part)
        if item is None:
            return None
        items.append(item)
    if len(items) == 1:
        first, last = items[0]
        kind = PeriodKind.MONTH if first == last else PeriodKind.RANGE
        return Period(kind, year, tuple(range(first, last + 1)))
    months = [month for first, last in items for month in range(first, last + 1)]
    reject_repeats(months, lambda month: f"Месяц «{month_name(month)}» указан")
    return Period(PeriodKind.LIST, year, tuple(sorted(months)))
