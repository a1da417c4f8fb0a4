"""Russian words the site prints: Roman numerals, plurals, month names."""

from __future__ import annotations

import pytest

from plansite.russian import (
    all_year_summary,
    from_roman,
    month_name,
    phase_heading,
    plural,
    roman,
    weekday_abbreviation,
    weekday_name,
)


@pytest.mark.parametrize(
    ("number", "numeral"),
    [
        (1, "I"),
        (4, "IV"),
        (9, "IX"),
        (10, "X"),
        (11, "XI"),
        (14, "XIV"),
        (40, "XL"),
        (49, "XLIX"),
        (90, "XC"),
        (400, "CD"),
        (1994, "MCMXCIV"),
        (3999, "MMMCMXCIX"),
    ],
)
def test_roman_numerals_are_computed_for_any_number(number, numeral):
    assert roman(number) == numeral
    assert from_roman(numeral) == number
    assert from_roman(numeral.lower()) == number


def test_every_numeral_reads_back_as_its_number():
    assert [from_roman(roman(number)) for number in range(1, 500)] == list(range(1, 500))


@pytest.mark.parametrize("text", ["", "IIII", "VV", "IC", "XM", "IIV", "ABC", "I V"])
def test_unusual_numerals_are_not_read(text):
    assert from_roman(text) is None


def test_there_is_no_roman_zero():
    with pytest.raises(ValueError):
        roman(0)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 раздел"),
        (2, "2 раздела"),
        (5, "5 разделов"),
        (11, "11 разделов"),
        (21, "21 раздел"),
        (22, "22 раздела"),
        (111, "111 разделов"),
        (0, "0 разделов"),
    ],
)
def test_plural_agrees_with_the_number(count, expected):
    assert plural(count, "раздел", "раздела", "разделов") == expected


def test_month_names_in_every_case():
    assert [month_name(5, case) for case in ("nominative", "genitive", "prepositional")] == [
        "май",
        "мая",
        "мае",
    ]


def test_weekdays_start_on_monday_with_short_and_full_names():
    assert [weekday_abbreviation(day) for day in range(7)] == [
        "Пн",
        "Вт",
        "Ср",
        "Чт",
        "Пт",
        "Сб",
        "Вс",
    ]
    assert weekday_name(0) == "понедельник" and weekday_name(6) == "воскресенье"


@pytest.mark.parametrize(
    ("count", "after_others", "summary"),
    [
        (1, True, "И ещё 1 мероприятие, которое идёт весь год"),
        (3, True, "И ещё 3 мероприятия, которые идут весь год"),
        (13, True, "И ещё 13 мероприятий, которые идут весь год"),
        (21, True, "И ещё 21 мероприятие, которое идёт весь год"),
        (1, False, "Весь год идёт 1 мероприятие"),
        (15, False, "Весь год идут 15 мероприятий"),
    ],
)
def test_all_year_summary_agrees_with_its_count(count, after_others, summary):
    assert all_year_summary(count, after_others) == summary


def test_phase_headings_agree_with_the_number_of_activities():
    assert phase_heading("starts", 1, 4) == "Начинается в апреле"
    assert phase_heading("starts", 2, 4) == "Начинаются в апреле"
    assert phase_heading("once", 21, 5) == "Проходят в мае"
    assert phase_heading("ends", 1, 9) == "Завершается в сентябре"
