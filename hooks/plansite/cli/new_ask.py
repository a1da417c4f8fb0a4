"""``plansite new`` without flags: the values asked for in the terminal, one by one.

Each answer goes through the same field reader as the news loader uses; a refused answer is
explained and asked again.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import TypeVar

from plansite.cli.errors import EXIT_PROBLEMS, CliError
from plansite.cli.new_post import NewPost, given_slug
from plansite.load.plan_refs import plan_ref_text
from plansite.load.post_fields import Known, read_category, read_date, read_title, read_values
from plansite.model import Category
from plansite.problems import Refused
from plansite.russian import MOSCOW
from plansite.urls import page_url, plan_src

T = TypeVar("T")

LIST_SEPARATOR = re.compile(r"[,;]")


def ask_post(known: Known, today: date, draft: bool) -> NewPost:
    print("Новая запись. Необязательные вопросы можно пропустить клавишей Enter.")
    title = ask_until("Заголовок: ", read_title)
    published, date_only = ask_until(
        f"Дата (ГГГГ-ММ-ДД, Enter — {today.isoformat()}): ",
        lambda text: read_date(text) if text else (datetime.combine(today, time(), MOSCOW), True),
    )
    known = dataclasses.replace(known, year=published.year)
    print("Категории:")
    categories = known.taxonomy.categories
    for number, category in enumerate(categories, start=1):
        print(f"  {number}. {category.name} ({category.id})")
    category = ask_until(
        "Категория (номер, название или идентификатор): ",
        lambda text: _category_answer(known, text),
    )
    municipalities = ask_until(
        "Муниципальные образования через запятую (Enter — пропустить): ",
        lambda text: read_values("municipality", LIST_SEPARATOR.split(text), known),
    )
    return NewPost(
        title=title,
        published=published,
        date_only=date_only,
        category=category,
        municipalities=municipalities,
        activity_ids=_ask_activities(known),
        draft=draft,
    )


def ask_slug() -> str:
    return ask_until("Имя файла латинскими буквами, например uroki: ", _slug_answer)


def activity_list_hint(year: int) -> str:
    return f"Список — на странице /{page_url(plan_src(year))} или в data/plan.yaml (поля id)."


def ask_until(prompt: str, read: Callable[[str], T]) -> T:
    """Ask until ``read`` accepts the answer; explain every refusal."""
    while True:
        answer = _ask(prompt)
        try:
            return read(answer)
        except Refused as refused:
            for line in str(refused).splitlines():
                print(f"  Не подходит: {line}")


def _category_answer(known: Known, text: str) -> Category:
    categories = known.taxonomy.categories
    if text.isdigit():
        if 1 <= int(text) <= len(categories):
            return categories[int(text) - 1]
        raise Refused(f"категории с номером {text} нет: выберите от 1 до {len(categories)}.")
    if not text:
        raise Refused("категория обязательна: введите номер из списка.")
    return read_category(text, known)


def _ask_activities(known: Known) -> tuple[str, ...]:
    year = known.year
    assert year is not None, "the date is asked first"
    if known.plan_data is None:
        print("В data/plan.yaml есть ошибки (см. plansite check): мероприятия плана пропущены.")
        return ()
    if known.plan_data.plan_for(year) is None:
        print(f"Плана на {year} год в data/plan.yaml нет: мероприятия плана пропущены.")
        return ()
    print(f"Мероприятия плана {year} года, о которых эта запись. {activity_list_hint(year)}")
    return ask_until(
        "Идентификаторы мероприятий через запятую (Enter — пропустить): ",
        lambda text: tuple(
            plan_ref_text(ref, year)
            for ref in read_values("plan", re.split(r"[,;\s]+", text), known)
        ),
    )


def _slug_answer(text: str) -> str:
    slug = given_slug(text)
    if not slug:
        raise Refused("нужны буквы или цифры, например «uroki».")
    return slug


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        print()
        raise CliError(
            "ввод закончился раньше, чем были даны ответы: запись не создана.", EXIT_PROBLEMS
        ) from None
