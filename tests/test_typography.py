"""Russian typography of the site's own text: non-breaking spaces and the title dash."""

from __future__ import annotations

from datetime import date

import pytest

from plansite.typography import NBSP, page_title, site_date, site_day, tie_date, typeset


def test_date_holds_together() -> None:
    assert site_date(date(2019, 8, 22)) == f"22{NBSP}августа 2019{NBSP}г."
    assert site_date(date(2019, 5, 1)) == f"1{NBSP}мая 2019{NBSP}г."
    assert site_day(date(2019, 12, 19)) == f"19{NBSP}декабря"


def test_date_inside_a_sentence() -> None:
    assert tie_date("последний — 26 сентября 2019 г.: запись") == (
        f"последний — 26{NBSP}сентября 2019{NBSP}г.: запись"
    )


@pytest.mark.parametrize(
    ("written", "typeset_text"),
    [
        ("Новости в районах", f"Новости в{NBSP}районах"),
        ("План и календарь", f"План и{NBSP}календарь"),
        ("К семинару с главами", f"К{NBSP}семинару с{NBSP}главами"),
        ("Сведения о работе, а также отчёты", f"Сведения о{NBSP}работе, а{NBSP}также отчёты"),
        ("Я и ты", f"Я{NBSP}и{NBSP}ты"),
    ],
)
def test_one_letter_words_are_tied_to_the_next(written: str, typeset_text: str) -> None:
    assert typeset(written) == typeset_text


def test_letters_inside_words_and_abbreviations_are_left_alone() -> None:
    assert typeset("г. Смоленск") == "г. Смоленск"  # «г.» is not a one-letter word
    assert typeset("ТОС и СМИ") == f"ТОС и{NBSP}СМИ"
    assert typeset("пресс-служба") == "пресс-служба"
    assert typeset("Latin a b") == "Latin a b"  # only Russian words


def test_no_line_starts_with_a_dash() -> None:
    assert typeset("Отчёты — по мере выполнения") == f"Отчёты{NBSP}— по мере выполнения"
    assert typeset("1990 – 2019") == f"1990{NBSP}– 2019"
    assert typeset("информационно-методический") == "информационно-методический"


def test_year_mark_and_number_sign() -> None:
    assert typeset("в 2019 г. и 2018–2019 гг.") == f"в{NBSP}2019{NBSP}г. и{NBSP}2018–2019{NBSP}гг."
    assert typeset("школа № 1") == f"школа №{NBSP}1"


def test_typeset_is_idempotent() -> None:
    once = typeset("Сведения о работе — в отчёте за 2019 г. и № 2")
    assert typeset(once) == once


def test_page_title_uses_a_spaced_em_dash() -> None:
    assert page_title("Апрель 2019", "Смоленское РО ВСМС") == "Апрель 2019 — Смоленское РО ВСМС"
    assert page_title("Новости", "") == "Новости"
