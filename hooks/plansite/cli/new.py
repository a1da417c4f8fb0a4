"""``plansite new``: write a new post's file from flags or from answers in the terminal.

The values are read by the news loader's own field readers
(:data:`plansite.load.post_fields.POST_FIELDS`), against the same categories, municipalities
and plan of the post's year, and the address is the one the build gives the page, so the
file written passes ``plansite check`` at once and the address shown is where it appears.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import TypeVar

from plansite.cli.errors import EXIT_OK, EXIT_PROBLEMS, CliError, cannot_write
from plansite.cli.new_ask import LIST_SEPARATOR, ask_post, ask_slug
from plansite.cli.new_post import NewPost, given_slug, new_post_source, post_text, title_slug
from plansite.load.plan import load_plan_data
from plansite.load.plan_refs import plan_ref_text
from plansite.load.post_addresses import address_owner
from plansite.load.post_fields import Known, read_category, read_date, read_title, read_values
from plansite.load.taxonomy import load_taxonomy
from plansite.problems import ProblemsFound, Refused
from plansite.russian import MOSCOW, long_date
from plansite.site import build_time_from_env
from plansite.urls import post_slug, post_url

T = TypeVar("T")
R = TypeVar("R")


def add_new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", metavar="ТЕКСТ", help="заголовок записи (обязательно)")
    parser.add_argument(
        "--date",
        metavar="ГГГГ-ММ-ДД",
        help="дата записи, можно с временем: «2019-04-19 10:30» (по умолчанию — сегодня "
        "по московскому времени)",
    )
    parser.add_argument(
        "--category",
        metavar="КАТЕГОРИЯ",
        help="категория: название или идентификатор из data/categories.yaml (обязательно)",
    )
    parser.add_argument(
        "--municipality",
        metavar="МО",
        action="append",
        default=[],
        help="муниципальное образование: название или идентификатор; можно повторять",
    )
    parser.add_argument(
        "--plan",
        metavar="ID",
        action="append",
        default=[],
        help="идентификатор мероприятия плана года записи; можно повторять",
    )
    parser.add_argument(
        "--tag", metavar="МЕТКА", action="append", default=[], help="метка; можно повторять"
    )
    parser.add_argument(
        "--draft", action="store_true", help="черновик: на сайт не попадёт до публикации"
    )
    parser.add_argument(
        "--slug",
        metavar="ИМЯ",
        help="имя файла и адреса страницы латиницей (по умолчанию — из заголовка)",
    )


def run_new(args: argparse.Namespace, project: Path) -> int:
    known = _load_known(project)
    today = build_time_from_env().astimezone(MOSCOW).date()
    given = (args.title, args.date, args.category)
    interactive = all(value is None for value in given) and not (
        args.municipality or args.plan or args.tag
    )
    post = (
        ask_post(known, today, args.draft) if interactive else post_from_flags(args, known, today)
    )
    source = new_post_source(post.day, _file_slug(args.slug, post.title, interactive))
    url = post_url(post.published, post_slug(source))
    owner = address_owner(project, url, source)
    if owner is not None:
        raise CliError(
            f"адрес /{url} уже занят записью {owner}: укажите другое имя файла в --slug.",
            EXIT_PROBLEMS,
        )
    _write(project, source, post)
    print(f"Создана запись: {_shown(project, source)}")
    print(f"Адрес страницы: /{url}")
    print(_status_note(post, build_time_from_env()))
    print("Откройте файл в редакторе и замените подсказки в тексте своим текстом.")
    return EXIT_OK


def post_from_flags(args: argparse.Namespace, known: Known, today: date) -> NewPost:
    if args.title is None:
        raise CliError(
            'укажите заголовок: --title "…" (или запустите «plansite new» без параметров, '
            "чтобы ответить на вопросы)."
        )
    if args.category is None:
        listed = ", ".join(f"«{item.name}»" for item in known.taxonomy.categories)
        raise CliError(f"укажите категорию: --category, одну из {listed}.")
    title = _flag("--title", read_title, args.title)
    published, date_only = (
        _flag("--date", read_date, args.date)
        if args.date
        else (datetime.combine(today, time(), MOSCOW), True)
    )
    known = dataclasses.replace(known, year=published.year)
    return NewPost(
        title=title,
        published=published,
        date_only=date_only,
        category=_flag("--category", lambda text: read_category(text, known), args.category),
        municipalities=_flag(
            "--municipality",
            lambda names: read_values("municipality", _split(names), known),
            args.municipality,
        ),
        activity_ids=_flag("--plan", lambda ids: _activities(known, _split(ids)), args.plan),
        tags=_flag("--tag", lambda tags: read_values("tags", tags, known), args.tag),
        draft=args.draft,
    )


def _load_known(project: Path) -> Known:
    try:
        taxonomy = load_taxonomy(project)
    except ProblemsFound as found:
        for problem in found.problems:
            print(problem)
        raise CliError(
            "в списках категорий и муниципальных образований есть ошибки (см. выше): "
            "исправьте их, затем создайте запись.",
            EXIT_PROBLEMS,
        ) from None
    try:
        plan_data = load_plan_data(project)
    except ProblemsFound:
        plan_data = None
    return Known(taxonomy, plan_data)


def _activities(known: Known, ids: list[str]) -> tuple[str, ...]:
    """The activities given, which need a plan without problems to be checked against."""
    if known.plan_data is None and any(item.strip() for item in ids):
        raise Refused(
            "в data/plan.yaml есть ошибки, мероприятия не проверить: исправьте их "
            "(plansite check) или создайте запись без мероприятий."
        )
    return tuple(plan_ref_text(ref, known.year) for ref in read_values("plan", ids, known))


def _split(values: Iterable[str]) -> list[str]:
    """Repeated flags, each of which may also list values separated by commas."""
    return [item for value in values for item in LIST_SEPARATOR.split(value)]


def _flag(name: str, read: Callable[[T], R], value: T) -> R:
    """``read(value)``; a refusal names the flag on each of its lines."""
    try:
        return read(value)
    except Refused as refused:
        raise CliError("\n".join(f"{name}: {line}" for line in str(refused).splitlines())) from None


def _file_slug(given: str | None, title: str, interactive: bool) -> str:
    if given is not None:
        slug = given_slug(given)
        if not slug:
            raise CliError(
                f"--slug: из «{given}» не получается имя файла: используйте латинские или "
                "русские буквы и цифры, например «uroki»."
            )
        return slug
    slug = title_slug(title)
    if slug:
        return slug
    if not interactive:
        raise CliError(
            "из заголовка не получается имя файла (в нём нет букв и цифр): укажите его "
            "в --slug, например --slug uroki."
        )
    return ask_slug()


def _write(project: Path, source: str, post: NewPost) -> None:
    path = project / source
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # FileExistsError too: a file where the folder should be
        raise CliError(cannot_write(_shown(project, source), error), EXIT_PROBLEMS) from None
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(post_text(post))
    except FileExistsError:
        raise CliError(
            f"файл {_shown(project, source)} уже есть: существующая запись не перезаписывается. "
            "Выберите другое имя (--slug) или откройте этот файл в редакторе.",
            EXIT_PROBLEMS,
        ) from None
    except OSError as error:
        raise CliError(cannot_write(_shown(project, source), error), EXIT_PROBLEMS) from None


def _status_note(post: NewPost, build_time: datetime) -> str:
    if post.draft:
        return (
            "Это черновик: на сайт он не попадёт, но виден при просмотре (plansite serve) "
            "с пометкой «Черновик». Чтобы опубликовать, удалите строку «draft: true»."
        )
    if post.published > build_time:
        return (
            "Дата записи в будущем: запись появится на сайте при первой сборке "
            f"начиная с {long_date(post.day)}"
        )
    return "Запись будет опубликована при следующей сборке."


def _shown(project: Path, source: str) -> str:
    return (project / source).as_posix() if project != Path() else source
