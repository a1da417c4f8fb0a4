"""The Russian period grammar: parsing, display, and the round trip between them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, note
from hypothesis import strategies as st

from plansite.periods import (
    ALLOWED_INTERVALS,
    Period,
    PeriodError,
    PeriodKind,
    describe_period,
    parse_period,
    period_from_months,
)
from plansite.periods.occurrences import describe_regular_periods
from plansite.russian import month_name, months_word

YEAR = 2025
ALL = tuple(range(1, 13))
K = PeriodKind


def d(month: int, day: int, year: int = YEAR) -> date:
    return date(year, month, day)


# --------------------------------------------------------------------------- the seed document

SEED_TEXTS = [
    ("не реже 1-го раза в 6 месяцев", K.REGULAR, ALL),
    ("по мере необходимости, но не реже 1-го раза в 3 месяца", K.REGULAR, ALL),
    ("июнь – сентябрь", K.RANGE, (6, 7, 8, 9)),
    ("февраль – май", K.RANGE, (2, 3, 4, 5)),
    ("апрель", K.MONTH, (4,)),
    ("II полугодие", K.HALF_YEAR, (7, 8, 9, 10, 11, 12)),
    ("весь период", K.WHOLE, ALL),
    ("Весь период", K.WHOLE, ALL),
    ("ноябрь", K.MONTH, (11,)),
    ("май", K.MONTH, (5,)),
    ("октябрь", K.MONTH, (10,)),
    ("I полугодие", K.HALF_YEAR, (1, 2, 3, 4, 5, 6)),
]


@pytest.mark.parametrize(("text", "kind", "months"), SEED_TEXTS)
def test_seed_document_periods_parse(text: str, kind: PeriodKind, months: tuple[int, ...]) -> None:
    period = parse_period(text, YEAR)
    assert (period.kind, period.months, period.year) == (kind, months, YEAR)


# --------------------------------------------------------------------------- parsing examples

# text, kind, months, dates, interval, as_needed
PARSE_EXAMPLES = [
    # MONTH
    ("апрель", K.MONTH, (4,), (), None, False),
    ("Апрель", K.MONTH, (4,), (), None, False),
    ("в апреле", K.MONTH, (4,), (), None, False),
    ("  АПРЕЛЬ. ", K.MONTH, (4,), (), None, False),
    ("в течение апреля", K.MONTH, (4,), (), None, False),
    ("в феврале", K.MONTH, (2,), (), None, False),
    ("апрель 2025 г.", K.MONTH, (4,), (), None, False),
    ("сент.", K.MONTH, (9,), (), None, False),
    # RANGE
    ("июнь – сентябрь", K.RANGE, (6, 7, 8, 9), (), None, False),
    ("июнь — сентябрь", K.RANGE, (6, 7, 8, 9), (), None, False),
    ("июнь - сентябрь", K.RANGE, (6, 7, 8, 9), (), None, False),
    ("июнь-сентябрь", K.RANGE, (6, 7, 8, 9), (), None, False),
    ("июнь  –сентябрь", K.RANGE, (6, 7, 8, 9), (), None, False),
    ("с июня по сентябрь", K.RANGE, (6, 7, 8, 9), (), None, False),
    ("С июня по сентябрь.", K.RANGE, (6, 7, 8, 9), (), None, False),
    ("январь – декабрь", K.RANGE, ALL, (), None, False),
    ("янв. – мар.", K.RANGE, (1, 2, 3), (), None, False),
    ("апрель – апрель", K.MONTH, (4,), (), None, False),
    # LIST
    ("март, сентябрь", K.LIST, (3, 9), (), None, False),
    ("март и сентябрь", K.LIST, (3, 9), (), None, False),
    ("март, май, сентябрь", K.LIST, (3, 5, 9), (), None, False),
    ("март, май и сентябрь", K.LIST, (3, 5, 9), (), None, False),
    ("в марте и сентябре", K.LIST, (3, 9), (), None, False),
    ("в марте и в сентябре", K.LIST, (3, 9), (), None, False),
    ("сентябрь, март", K.LIST, (3, 9), (), None, False),
    ("март; апрель", K.LIST, (3, 4), (), None, False),
    ("март, июнь – август", K.LIST, (3, 6, 7, 8), (), None, False),
    # QUARTER
    ("I квартал", K.QUARTER, (1, 2, 3), (), None, False),
    ("II квартал", K.QUARTER, (4, 5, 6), (), None, False),
    ("1 квартал", K.QUARTER, (1, 2, 3), (), None, False),
    ("1-й квартал", K.QUARTER, (1, 2, 3), (), None, False),
    ("3-й квартал", K.QUARTER, (7, 8, 9), (), None, False),
    ("IV кв.", K.QUARTER, (10, 11, 12), (), None, False),
    ("во II квартале", K.QUARTER, (4, 5, 6), (), None, False),
    ("в течение III квартала", K.QUARTER, (7, 8, 9), (), None, False),
    ("четвёртый квартал", K.QUARTER, (10, 11, 12), (), None, False),
    ("І квартал", K.QUARTER, (1, 2, 3), (), None, False),  # Ukrainian «І»
    ("I–II квартал", K.QUARTER, (1, 2, 3, 4, 5, 6), (), None, False),
    ("в I и III кварталах", K.QUARTER, (1, 2, 3, 7, 8, 9), (), None, False),
    ("II квартал 2025 года", K.QUARTER, (4, 5, 6), (), None, False),
    # HALF_YEAR
    ("I полугодие", K.HALF_YEAR, (1, 2, 3, 4, 5, 6), (), None, False),
    ("1-е полугодие", K.HALF_YEAR, (1, 2, 3, 4, 5, 6), (), None, False),
    ("первое полугодие", K.HALF_YEAR, (1, 2, 3, 4, 5, 6), (), None, False),
    ("II полугодие", K.HALF_YEAR, (7, 8, 9, 10, 11, 12), (), None, False),
    ("2 полугодие", K.HALF_YEAR, (7, 8, 9, 10, 11, 12), (), None, False),
    ("во II полугодии", K.HALF_YEAR, (7, 8, 9, 10, 11, 12), (), None, False),
    ("в первом полугодии", K.HALF_YEAR, (1, 2, 3, 4, 5, 6), (), None, False),
    ("во второй половине года", K.HALF_YEAR, (7, 8, 9, 10, 11, 12), (), None, False),
    # WHOLE
    ("весь период", K.WHOLE, ALL, (), None, False),
    ("Весь период", K.WHOLE, ALL, (), None, False),
    ("в течение года", K.WHOLE, ALL, (), None, False),
    ("в течение всего года", K.WHOLE, ALL, (), None, False),
    ("в течении года", K.WHOLE, ALL, (), None, False),
    ("постоянно", K.WHOLE, ALL, (), None, False),
    ("весь год", K.WHOLE, ALL, (), None, False),
    ("в течение всего периода", K.WHOLE, ALL, (), None, False),
    ("в течение 2025 года", K.WHOLE, ALL, (), None, False),
    ("весь период 2025 г.", K.WHOLE, ALL, (), None, False),
    ("в 2025 году", K.WHOLE, ALL, (), None, False),
    # REGULAR
    ("ежемесячно", K.REGULAR, ALL, (), 1, False),
    ("Ежеквартально", K.REGULAR, ALL, (), 3, False),
    ("ежегодно", K.REGULAR, ALL, (), 12, False),
    ("раз в полгода", K.REGULAR, ALL, (), 6, False),
    ("1 раз в полугодие", K.REGULAR, ALL, (), 6, False),
    ("не реже 1-го раза в 6 месяцев", K.REGULAR, ALL, (), 6, False),
    ("не реже 1 раза в 3 месяца", K.REGULAR, ALL, (), 3, False),
    ("не реже одного раза в квартал", K.REGULAR, ALL, (), 3, False),
    ("не реже одного раза в месяц", K.REGULAR, ALL, (), 1, False),
    ("не реже одного раза в два месяца", K.REGULAR, ALL, (), 2, False),
    ("не реже 2 раз в год", K.REGULAR, ALL, (), 6, False),
    ("4 раза в год", K.REGULAR, ALL, (), 3, False),
    ("не реже 1-го раза в 6 \nмесяцев", K.REGULAR, ALL, (), 6, False),
    ("не  реже 1-го раза\tв 6 месяцев.", K.REGULAR, ALL, (), 6, False),
    ("каждые 2 месяца", K.REGULAR, ALL, (), 2, False),
    ("каждый квартал", K.REGULAR, ALL, (), 3, False),
    ("по мере необходимости, но не реже 1-го раза в 3 месяца", K.REGULAR, ALL, (), 3, True),
    ("по мере необходимости, но не реже одного раза в год", K.REGULAR, ALL, (), 12, True),
    ("по мере необходимости, не реже раза в квартал", K.REGULAR, ALL, (), 3, True),
    # DATES
    ("15 апреля", K.DATES, (4,), (d(4, 15),), None, False),
    ("21–22 мая", K.DATES, (5,), (d(5, 21), d(5, 22)), None, False),
    ("21-22 мая", K.DATES, (5,), (d(5, 21), d(5, 22)), None, False),
    ("15 апреля, 3 июня", K.DATES, (4, 6), (d(4, 15), d(6, 3)), None, False),
    ("15 апреля и 3 июня", K.DATES, (4, 6), (d(4, 15), d(6, 3)), None, False),
    ("30 апреля – 2 мая", K.DATES, (4, 5), (d(4, 30), d(5, 1), d(5, 2)), None, False),
    ("с 30 апреля по 2 мая", K.DATES, (4, 5), (d(4, 30), d(5, 1), d(5, 2)), None, False),
    ("21, 22 и 25 мая", K.DATES, (5,), (d(5, 21), d(5, 22), d(5, 25)), None, False),
    ("21–22 и 25 мая", K.DATES, (5,), (d(5, 21), d(5, 22), d(5, 25)), None, False),
    ("15.04", K.DATES, (4,), (d(4, 15),), None, False),
    ("15 апреля 2025 г.", K.DATES, (4,), (d(4, 15),), None, False),
    ("1-го мая", K.DATES, (5,), (d(5, 1),), None, False),
    # DEADLINE
    ("до 15 марта", K.DEADLINE, (1, 2, 3), (d(3, 15),), None, False),
    ("не позднее 15 марта", K.DEADLINE, (1, 2, 3), (d(3, 15),), None, False),
    ("в срок до 15 марта", K.DEADLINE, (1, 2, 3), (d(3, 15),), None, False),
    ("до 15.03", K.DEADLINE, (1, 2, 3), (d(3, 15),), None, False),
    ("до 15.03.2025", K.DEADLINE, (1, 2, 3), (d(3, 15),), None, False),
    ("до конца марта", K.DEADLINE, (1, 2, 3), (d(3, 31),), None, False),
    ("до 1 января", K.DEADLINE, (1,), (d(1, 1),), None, False),
]


@pytest.mark.parametrize(
    ("text", "kind", "months", "dates", "interval", "as_needed"), PARSE_EXAMPLES
)
def test_parse_examples(
    text: str,
    kind: PeriodKind,
    months: tuple[int, ...],
    dates: tuple[date, ...],
    interval: int | None,
    as_needed: bool,
) -> None:
    assert parse_period(text, YEAR) == Period(kind, YEAR, months, dates, interval, as_needed)


def test_parse_uses_the_plan_year() -> None:
    assert parse_period("15 апреля", 2026).dates == (date(2026, 4, 15),)
    assert parse_period("29 февраля", 2024).dates == (date(2024, 2, 29),)


# --------------------------------------------------------------------------- errors

EXAMPLES = (
    "«апрель», «июнь – сентябрь», «март, сентябрь», «II квартал», «I полугодие», "
    "«весь период», «ежемесячно», «не реже 1 раза в 3 месяца», «15 апреля», «21–22 мая», "
    "«до 15 марта»"
)
INTERVAL_ADVICE = (
    "не подходит: между повторениями должно быть 1, 2, 3, 4, 6 или 12 месяцев, например "
    "«ежемесячно», «не реже 1 раза в 3 месяца», «раз в полгода»."
)

ERROR_EXAMPLES = [
    ("", f"Срок не указан. Допустимые записи, например: {EXAMPLES}."),
    ("  . ", f"Срок не указан. Допустимые записи, например: {EXAMPLES}."),
    ("абв", f"Не удалось понять срок «абв». Допустимые записи, например: {EXAMPLES}."),
    (
        "когда-нибудь\n потом",
        f"Не удалось понять срок «когда-нибудь потом». Допустимые записи, например: {EXAMPLES}.",
    ),
    ("15", f"Не удалось понять срок «15». Допустимые записи, например: {EXAMPLES}."),
    (
        "сентябрь – июнь",
        "В диапазоне «сентябрь – июнь» начальный месяц должен идти раньше конечного, например "
        "«июнь – сентябрь»; диапазон не может переходить на следующий год.",
    ),
    (
        "с ноября по февраль",
        "В диапазоне «ноябрь – февраль» начальный месяц должен идти раньше конечного, например "
        "«июнь – сентябрь»; диапазон не может переходить на следующий год.",
    ),
    ("30 февраля", "Даты «30 февраля» нет в календаре 2025 года: проверьте число и месяц."),
    ("29 февраля", "Даты «29 февраля» нет в календаре 2025 года: проверьте число и месяц."),
    ("32 мая", "Даты «32 мая» нет в календаре 2025 года: проверьте число и месяц."),
    ("до 31 июня", "Даты «31 июня» нет в календаре 2025 года: проверьте число и месяц."),
    ("до 15.13", "Даты «15.13» нет в календаре 2025 года: проверьте число и месяц."),
    (
        "22–21 мая",
        "В диапазоне дат «22 мая – 21 мая» начальная дата должна идти раньше конечной, "
        "например «21–22 мая».",
    ),
    ("15 апреля, 15 апреля", "Дата «15 апреля» указана несколько раз: уберите повтор."),
    ("март, март", "Месяц «март» указан несколько раз: уберите повтор."),
    ("март – май, апрель", "Месяц «апрель» указан несколько раз: уберите повтор."),
    ("I, I квартал", "Квартал «I» указан несколько раз: уберите повтор."),
    (
        "по мере необходимости",
        "Срок «по мере необходимости» не говорит, когда проводить мероприятие: добавьте "
        "наименьшую периодичность, например «по мере необходимости, но не реже 1 раза "
        "в 3 месяца», или напишите «весь период».",
    ),
    (
        "По мере необходимости.",
        "Срок «по мере необходимости» не говорит, когда проводить мероприятие: добавьте "
        "наименьшую периодичность, например «по мере необходимости, но не реже 1 раза "
        "в 3 месяца», или напишите «весь период».",
    ),
    (
        "не реже 1 раза в 5 месяцев",
        f"Периодичность «не реже 1 раза в 5 месяцев» {INTERVAL_ADVICE}",
    ),
    ("2 раза в месяц", f"Периодичность «2 раза в месяц» {INTERVAL_ADVICE}"),
    ("0 раз в год", f"Периодичность «0 раз в год» {INTERVAL_ADVICE}"),
    ("раз в 2 года", f"Периодичность «раз в 2 года» {INTERVAL_ADVICE}"),
    ("V квартал", "Квартала «V» не бывает: в году четыре квартала, I–IV."),
    ("5-й квартал", "Квартала «5-й» не бывает: в году четыре квартала, I–IV."),
    (
        "III–I квартал",
        "В диапазоне кварталов «III–I» первый квартал должен идти раньше последнего, "
        "например «I–II квартал».",
    ),
    ("III полугодие", "Полугодия «III» не бывает: в году два полугодия, I и II."),
    (
        "I и II полугодие",
        "Укажите одно полугодие — «I полугодие» или «II полугодие», — а для всего года "
        "напишите «весь период».",
    ),
    (
        "апрель 2024",
        "Срок относится к 2024 году, а план составлен на 2025 год: уберите год или исправьте его.",
    ),
    (
        "в течение 2026 года",
        "Срок относится к 2026 году, а план составлен на 2025 год: уберите год или исправьте его.",
    ),
    (
        "до 15.03.2024",
        "Срок относится к 2024 году, а план составлен на 2025 год: уберите год или исправьте его.",
    ),
]


@pytest.mark.parametrize(("text", "message"), ERROR_EXAMPLES)
def test_errors_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(PeriodError) as raised:
        parse_period(text, YEAR)
    assert str(raised.value) == message


def test_long_unknown_text_is_shortened_in_the_message() -> None:
    with pytest.raises(PeriodError, match="…»") as raised:
        parse_period("непонятно " * 20, YEAR)
    assert len(str(raised.value)) < 400


def test_period_error_is_a_value_error() -> None:
    assert issubclass(PeriodError, ValueError)


# --------------------------------------------------------------------------- period_from_months


@pytest.mark.parametrize(
    ("months", "kind", "expected"),
    [
        ([4], K.MONTH, (4,)),
        ([6, 7, 8, 9], K.RANGE, (6, 7, 8, 9)),
        ((9, 8, 7, 6), K.RANGE, (6, 7, 8, 9)),
        ([3, 9], K.LIST, (3, 9)),
        ([9, 3, 5], K.LIST, (3, 5, 9)),
        ([3, 3, 4], K.RANGE, (3, 4)),
        (range(1, 13), K.RANGE, ALL),
    ],
)
def test_period_from_months(months, kind: PeriodKind, expected: tuple[int, ...]) -> None:
    assert period_from_months(months, YEAR) == Period(kind, YEAR, expected)


@pytest.mark.parametrize(
    ("months", "message"),
    [
        ([], "Не указан ни один месяц: перечислите номера месяцев от 1 до 12, например [3, 9]."),
        ([0], "Месяца «0» не бывает: укажите номера месяцев от 1 до 12."),
        ([3, 13], "Месяца «13» не бывает: укажите номера месяцев от 1 до 12."),
        (["3"], "Месяца «3» не бывает: укажите номера месяцев от 1 до 12."),
        ([True], "Месяца «True» не бывает: укажите номера месяцев от 1 до 12."),
    ],
)
def test_period_from_months_rejects(months, message: str) -> None:
    with pytest.raises(PeriodError) as raised:
        period_from_months(months, YEAR)
    assert str(raised.value) == message


# --------------------------------------------------------------------------- display


def whole() -> Period:
    return Period(K.WHOLE, YEAR, ALL)


def regular(interval: int, as_needed: bool = False) -> Period:
    return Period(K.REGULAR, YEAR, ALL, interval=interval, as_needed=as_needed)


DISPLAY_EXAMPLES = [
    (Period(K.MONTH, YEAR, (4,)), "в апреле"),
    (Period(K.MONTH, YEAR, (5,)), "в мае"),
    (Period(K.RANGE, YEAR, (6, 7, 8, 9)), "с июня по сентябрь"),
    (Period(K.RANGE, YEAR, (2, 3, 4, 5)), "с февраля по май"),
    (Period(K.LIST, YEAR, (3, 9)), "в марте и сентябре"),
    (Period(K.LIST, YEAR, (3, 5, 9)), "в марте, мае и сентябре"),
    (Period(K.QUARTER, YEAR, (1, 2, 3)), "в I квартале"),
    (Period(K.QUARTER, YEAR, (4, 5, 6)), "во II квартале"),
    (Period(K.QUARTER, YEAR, (7, 8, 9)), "в III квартале"),
    (Period(K.QUARTER, YEAR, (10, 11, 12)), "в IV квартале"),
    (Period(K.QUARTER, YEAR, (4, 5, 6, 7, 8, 9)), "во II–III кварталах"),
    (Period(K.QUARTER, YEAR, (1, 2, 3, 7, 8, 9)), "в I и III кварталах"),
    (Period(K.HALF_YEAR, YEAR, (1, 2, 3, 4, 5, 6)), "в I полугодии"),
    (Period(K.HALF_YEAR, YEAR, (7, 8, 9, 10, 11, 12)), "во II полугодии"),
    (whole(), "в течение всего года"),
    (regular(1), "ежемесячно"),
    (regular(3), "ежеквартально"),
    (regular(2), "не реже одного раза в 2 месяца"),
    (regular(6), "не реже одного раза в 6 месяцев"),
    (regular(12), "не реже одного раза в год"),
    (regular(1, as_needed=True), "по мере необходимости, но не реже одного раза в месяц"),
    (regular(3, as_needed=True), "по мере необходимости, но не реже одного раза в 3 месяца"),
    (regular(4, as_needed=True), "по мере необходимости, но не реже одного раза в 4 месяца"),
    (regular(6, as_needed=True), "по мере необходимости, но не реже одного раза в 6 месяцев"),
    (Period(K.DATES, YEAR, (4,), (d(4, 15),)), "15 апреля"),
    (Period(K.DATES, YEAR, (5,), (d(5, 21), d(5, 22))), "21–22 мая"),
    (Period(K.DATES, YEAR, (4, 6), (d(4, 15), d(6, 3))), "15 апреля и 3 июня"),
    (Period(K.DATES, YEAR, (4, 5), (d(4, 30), d(5, 1), d(5, 2))), "30 апреля – 2 мая"),
    (Period(K.DATES, YEAR, (5,), (d(5, 21), d(5, 22), d(5, 25))), "21–22 и 25 мая"),
    (Period(K.DATES, YEAR, (5, 6), (d(5, 3), d(5, 5), d(6, 1))), "3, 5 мая и 1 июня"),
    (Period(K.DEADLINE, YEAR, (1, 2, 3), (d(3, 15),)), "до 15 марта"),
]


@pytest.mark.parametrize(("period", "text"), DISPLAY_EXAMPLES)
def test_display(period: Period, text: str) -> None:
    assert describe_period(period) == text


@pytest.mark.parametrize(("period", "text"), DISPLAY_EXAMPLES)
def test_display_parses_back(period: Period, text: str) -> None:
    assert parse_period(text, YEAR) == period


@pytest.mark.parametrize(
    ("month", "nominative", "genitive", "prepositional"),
    [
        (1, "январь", "января", "январе"),
        (3, "март", "марта", "марте"),
        (4, "апрель", "апреля", "апреле"),
        (5, "май", "мая", "мае"),
        (8, "август", "августа", "августе"),
        (12, "декабрь", "декабря", "декабре"),
    ],
)
def test_month_name(month: int, nominative: str, genitive: str, prepositional: str) -> None:
    assert month_name(month) == nominative
    assert month_name(month, "nominative") == nominative
    assert month_name(month, "genitive") == genitive
    assert month_name(month, "prepositional") == prepositional


@pytest.mark.parametrize(("month", "case"), [(0, "genitive"), (13, "nominative"), (4, "dative")])
def test_month_name_rejects(month: int, case: str) -> None:
    with pytest.raises(ValueError):
        month_name(month, case)


@pytest.mark.parametrize(
    ("count", "word"),
    [
        (1, "месяц"),
        (2, "месяца"),
        (3, "месяца"),
        (4, "месяца"),
        (5, "месяцев"),
        (6, "месяцев"),
        (11, "месяцев"),
        (12, "месяцев"),
        (14, "месяцев"),
        (21, "месяц"),
        (22, "месяца"),
        (25, "месяцев"),
    ],
)
def test_months_word(count: int, word: str) -> None:
    assert months_word(count) == word


# --------------------------------------------------------------------------- properties


def assert_well_formed(period: Period, year: int) -> None:
    """Invariants every period the parser gives must keep."""
    assert period.year == year
    assert period.months, "a period falls in at least one month"
    assert all(1 <= month <= 12 for month in period.months)
    assert list(period.months) == sorted(set(period.months)), "ascending and unique"
    assert list(period.dates) == sorted(set(period.dates))
    assert all(day.year == year for day in period.dates)
    assert (period.interval is not None) == (period.kind is K.REGULAR)
    assert period.interval is None or period.interval in ALLOWED_INTERVALS
    assert not period.as_needed or period.kind is K.REGULAR
    if period.kind is K.DATES:
        assert period.months == tuple(sorted({day.month for day in period.dates}))
    if period.kind is K.DEADLINE:
        assert period.months == tuple(range(1, period.dates[0].month + 1))
    if period.kind in (K.WHOLE, K.REGULAR):
        assert period.months == ALL


years = st.integers(min_value=1990, max_value=2100)
month_numbers = st.integers(min_value=1, max_value=12)


def month_periods(year: int) -> st.SearchStrategy[Period]:
    return month_numbers.map(lambda month: Period(K.MONTH, year, (month,)))


def range_periods(year: int) -> st.SearchStrategy[Period]:
    return st.integers(1, 11).flatmap(
        lambda first: st.integers(first + 1, 12).map(
            lambda last: Period(K.RANGE, year, tuple(range(first, last + 1)))
        )
    )


def list_periods(year: int) -> st.SearchStrategy[Period]:
    return st.sets(month_numbers, min_size=2).map(
        lambda months: Period(K.LIST, year, tuple(sorted(months)))
    )


def quarter_periods(year: int) -> st.SearchStrategy[Period]:
    return st.sets(st.integers(1, 4), min_size=1).map(
        lambda quarters: Period(
            K.QUARTER,
            year,
            tuple(m for q in sorted(quarters) for m in range(3 * q - 2, 3 * q + 1)),
        )
    )


def half_year_periods(year: int) -> st.SearchStrategy[Period]:
    return st.sampled_from([(1, 2, 3, 4, 5, 6), (7, 8, 9, 10, 11, 12)]).map(
        lambda months: Period(K.HALF_YEAR, year, months)
    )


def regular_periods(year: int) -> st.SearchStrategy[Period]:
    return st.builds(
        lambda interval, as_needed: Period(K.REGULAR, year, ALL, (), interval, as_needed),
        st.sampled_from(ALLOWED_INTERVALS),
        st.booleans(),
    )


def days_of(year: int) -> st.SearchStrategy[date]:
    return st.dates(min_value=date(year, 1, 1), max_value=date(year, 12, 31))


def dates_periods(year: int) -> st.SearchStrategy[Period]:
    single_days = st.sets(days_of(year), min_size=1, max_size=8)
    runs = st.lists(st.tuples(days_of(year), st.integers(0, 5)), min_size=1, max_size=3).map(
        lambda starts: {
            date.fromordinal(start.toordinal() + offset)
            for start, length in starts
            for offset in range(length + 1)
            if date.fromordinal(start.toordinal() + offset).year == year
        }
    )

    def period(days: set[date]) -> Period:
        dates = tuple(sorted(days))
        return Period(K.DATES, year, tuple(sorted({day.month for day in dates})), dates)

    return st.one_of(
        single_days, runs, st.tuples(single_days, runs).map(lambda p: p[0] | p[1])
    ).map(period)


def deadline_periods(year: int) -> st.SearchStrategy[Period]:
    return days_of(year).map(
        lambda day: Period(K.DEADLINE, year, tuple(range(1, day.month + 1)), (day,))
    )


def periods_of(year: int) -> st.SearchStrategy[Period]:
    return st.one_of(
        month_periods(year),
        range_periods(year),
        list_periods(year),
        quarter_periods(year),
        half_year_periods(year),
        st.just(Period(K.WHOLE, year, ALL)),
        regular_periods(year),
        dates_periods(year),
        deadline_periods(year),
    )


periods = years.flatmap(periods_of)


@given(periods)
def test_generated_periods_are_well_formed(period: Period) -> None:
    assert_well_formed(period, period.year)


@given(periods)
@example(Period(K.DATES, 2024, (2, 3), (date(2024, 2, 29), date(2024, 3, 1))))
@example(Period(K.DATES, YEAR, (12,), (date(YEAR, 12, 31),)))
def test_describe_then_parse_round_trips(period: Period) -> None:
    text = describe_period(period)
    note(text)
    assert parse_period(text, period.year) == period


@given(st.sets(month_numbers, min_size=1), years)
def test_period_from_months_round_trips(months: set[int], year: int) -> None:
    period = period_from_months(months, year)
    assert period.months == tuple(sorted(months))
    assert_well_formed(period, year)
    assert parse_period(describe_period(period), year) == period


@given(st.text())
@example("")
@example("9" * 5000)
@example("до 99.99.9999")
@example("1-го-2-го мая")
def test_arbitrary_text_raises_only_period_error(text: str) -> None:
    try:
        period = parse_period(text, YEAR)
    except PeriodError as error:
        assert str(error)
    else:
        assert_well_formed(period, YEAR)


VOCABULARY = [
    *(month_name(m, case) for m in range(1, 13) for case in ("nominative", "genitive")),
    *(month_name(m, "prepositional") for m in range(1, 13)),
    *(str(number) for number in (0, 1, 2, 3, 4, 5, 6, 12, 15, 21, 22, 29, 30, 31, 32, 99)),
    *("2024", "2025", "15.03", "31.02", "15.03.2025", "1-й", "1-е", "2-е", "3-го", "1-го"),
    *("I", "II", "III", "IV", "V", "i", "ii", "І", "первое", "второе", "третьем"),
    *("в", "во", "с", "по", "до", "и", "но", "не реже", "раз", "раза", "не позднее", "конца"),
    *(",", ";", "-", "–", "—", ".", ":", "(", ")", "г.", "сент.", "янв."),
    *("квартал", "кварталах", "кв.", "полугодие", "полугодии", "полгода"),
    *("месяц", "месяца", "месяцев", "год", "года", "весь период", "в течение", "всего"),
    *("ежемесячно", "ежеквартально", "каждые", "по мере необходимости"),
]
SEPARATORS = ["", " ", "  ", "\n", ", ", "-", " – "]
word_salad = st.lists(
    st.tuples(st.sampled_from(VOCABULARY), st.sampled_from(SEPARATORS)), max_size=8
).map(lambda words: "".join(word + separator for word, separator in words))


@given(word_salad)
@example("с 30 апреля по")
@example("21-22")
@example("во")
@example("с 1 по 2025")
def test_russian_word_salad_raises_only_period_error(text: str) -> None:
    """Text made of the grammar's own words either parses well or fails politely."""
    try:
        period = parse_period(text, YEAR)
    except PeriodError as error:
        assert str(error)
    else:
        note(repr(period))
        assert_well_formed(period, YEAR)
        assert parse_period(describe_period(period), YEAR) == period


WHITESPACE = [" ", "  ", "\n", "\t", "\u00a0", " \n  "]
DASHES = ["-", "–", "—", "‒", "−", "‐"]


@st.composite
def respelled(draw: st.DrawFn, text: str) -> str:
    """The same period as an editor might type it: case, spacing, «ё», dashes, a final period."""
    characters = [draw(st.sampled_from(["", " ", "\n "]))]
    for character in text:
        if character == " ":
            characters.append(draw(st.sampled_from(WHITESPACE)))
        elif character in DASHES:
            space = st.sampled_from(["", " "])
            characters.append(draw(space) + draw(st.sampled_from(DASHES)) + draw(space))
        elif character == ",":
            characters.append(draw(st.sampled_from([",", " ,", ",  "])))
        elif character in "её":
            characters.append(draw(st.sampled_from(["е", "ё", "Е", "Ё"])))
        else:
            characters.append(character.upper() if draw(st.booleans()) else character.lower())
    characters.append(draw(st.sampled_from(["", ".", " ", " .\n"])))
    return "".join(characters)


KNOWN_TEXTS = [text for text, *_ in PARSE_EXAMPLES] + [text for text, *_ in SEED_TEXTS]


@given(st.data())
def test_respelling_a_known_text_parses_the_same(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(KNOWN_TEXTS))
    variant = data.draw(respelled(text))
    assert parse_period(variant, YEAR) == parse_period(text, YEAR)


@given(st.data())
def test_respelling_a_display_text_parses_the_same(data: st.DataObject) -> None:
    period = data.draw(periods_of(YEAR))
    variant = data.draw(respelled(describe_period(period)))
    assert parse_period(variant, YEAR) == period


@given(st.data())
def test_respelling_an_error_keeps_it_an_error(data: st.DataObject) -> None:
    text, _ = data.draw(st.sampled_from(ERROR_EXAMPLES))
    variant = data.draw(respelled(text))
    with pytest.raises(PeriodError):
        parse_period(variant, YEAR)


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("не реже 1-го раза в 6 месяцев", "I и II полугодие"),
        ("по мере необходимости, но не реже 1-го раза в 3 месяца", "I–IV квартал"),
        ("ежемесячно", "каждый месяц с января по декабрь"),
        ("раз в 4 месяца", "январь – апрель, май – август и сентябрь – декабрь"),
        ("ежегодно", "январь – декабрь"),
    ],
)
def test_a_regular_period_is_shown_by_the_periods_it_repeats_in(text, periods):
    assert describe_regular_periods(parse_period(text, 2019)) == periods
