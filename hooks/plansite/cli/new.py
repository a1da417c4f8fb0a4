"""``plansite new``: write a new post's file from flags or from answers in the terminal.

The values are checked the way the news loader checks a post (the same taxonomy matching,
the same plan of the post's year), so the file written passes ``plansite check`` at once.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TypeVar

import yaml
from slugify import slugify

from plansite.cli.errors import EXIT_OK, EXIT_PROBLEMS, CliError
from plansite.load.fields import nearest
from plansite.load.frontmatter import split_post
from plansite.load.news import (
    MAX_TITLE_CHARS,
    NEWS_DIR,
    parse_published,
    post_paths,
)
from plansite.load.plan import load_plan_data
from plansite.load.taxonomy import Taxonomy, load_taxonomy
from plansite.load.textfile import read_text_file
from plansite.load.yamlsource import LineDict, load_yaml
from plansite.model import Category, Municipality, PlanData
from plansite.problems import ProblemLog, ProblemsFound
from plansite.russian import MOSCOW, long_date
from plansite.site import build_time_from_env
from plansite.urls import page_url, plan_src, post_slug, post_url

SLUG_MAX_CHARS = 60
FIRST_PARAGRAPH = "Напишите здесь первый абзац: он станет анонсом записи."
BODY = f"""{FIRST_PARAGRAPH}

## Подзаголовок

Замените подзаголовок и этот текст своими (или удалите). Абзацы разделяйте пустой строкой,
пункты списка начинайте с «- », ссылки пишите так: [текст ссылки](https://example.org/).
"""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LIST_SEPARATOR = re.compile(r"[,;]")

T = TypeVar("T")


class BadValue(Exception):
    """A value the editor gave that cannot be used; the message says why, in Russian."""


@dataclass(frozen=True)
class NewPost:
    title: str
    day: date
    category: Category
    municipalities: tuple[Municipality, ...] = ()
    activity_ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    draft: bool = False


@dataclass(frozen=True)
class _Data:
    """What the values are checked against."""

    taxonomy: Taxonomy
    plan_data: PlanData | None
    """None when data/plan.yaml has problems: activities cannot be chosen then."""
    today: date


def add_new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title", metavar="ТЕКСТ", help="заголовок записи (обязательно)")
    parser.add_argument(
        "--date",
        metavar="ГГГГ-ММ-ДД",
        help="дата записи (по умолчанию — сегодня по московскому времени)",
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
    data = _load_data(project)
    given = (args.title, args.date, args.category)
    interactive = all(value is None for value in given) and not (
        args.municipality or args.plan or args.tag
    )
    post = ask_post(data, args.draft) if interactive else post_from_flags(args, data)
    slug = _file_slug(args.slug, post.title, interactive)
    source = f"{NEWS_DIR}/{post.day:%Y}/{post.day.isoformat()}-{slug}.md"
    url_slug = post_slug(source)
    _refuse_taken_address(project, source, url_slug, post.day)
    path = project / source
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(post_text(post))
    except FileExistsError:
        raise CliError(
            f"файл {_shown(project, source)} уже есть: существующая запись не перезаписывается. "
            "Выберите другое имя (--slug) или откройте этот файл в редакторе.",
            EXIT_PROBLEMS,
        ) from None
    print(f"Создана запись: {_shown(project, source)}")
    print(f"Адрес страницы: /{post_url(post.day, url_slug)}")
    print(_status_note(post, build_time_from_env()))
    print("Откройте файл в редакторе и замените подсказки в тексте своим текстом.")
    return EXIT_OK


def _load_data(project: Path) -> _Data:
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
    today = build_time_from_env().astimezone(MOSCOW).date()
    return _Data(taxonomy, plan_data, today)


# --- values ----------------------------------------------------------------------------------


def clean_title(text: str) -> str:
    title = " ".join(text.split())
    if not title:
        raise BadValue("заголовок пуст: впишите его.")
    if len(title) > MAX_TITLE_CHARS:
        raise BadValue(
            f"заголовок длиннее {MAX_TITLE_CHARS} символов ({len(title)}): сократите его, "
            "подробности перенесите в текст записи."
        )
    return title


def parse_day(text: str) -> date:
    text = text.strip()
    if not _DATE.fullmatch(text):
        raise BadValue(f"«{text}» — не дата: пишите год-месяц-день, например «2019-04-19».")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadValue(f"такой даты нет: {text}. Проверьте число и месяц.") from None


def find_category(taxonomy: Taxonomy, text: str) -> Category:
    text = " ".join(text.split())
    known = "; ".join(f"«{item.name}» ({item.id})" for item in taxonomy.categories)
    if not text:
        raise BadValue(f"категория не указана: впишите одну из них: {known}.")
    category = taxonomy.find_category(text)
    if category is not None:
        return category
    near = taxonomy.nearest_category(text)
    hint = f" Возможно, имелось в виду «{near.name}»." if near else ""
    raise BadValue(f"неизвестная категория «{text}».{hint} Категории: {known}.")


def find_municipalities(taxonomy: Taxonomy, names: Iterable[str]) -> tuple[Municipality, ...]:
    found: list[Municipality] = []
    unknown: list[str] = []
    for name in _clean_items(names):
        municipality = taxonomy.find_municipality(name)
        if municipality is not None:
            found.append(municipality)
            continue
        near = taxonomy.nearest_municipality(name)
        unknown.append(f"«{name}»" + (f" (возможно, «{near.name}»)" if near else ""))
    if unknown:
        what = "неизвестные муниципальные образования"
        if len(unknown) == 1:
            what = "неизвестное муниципальное образование"
        raise BadValue(
            f"{what}: {', '.join(unknown)}. Названия и идентификаторы — в data/municipalities.yaml."
        )
    return tuple(dict.fromkeys(found))


def find_activities(data: _Data, year: int, ids: Iterable[str]) -> tuple[str, ...]:
    wanted = _clean_items(ids)
    if not wanted:
        return ()
    if data.plan_data is None:
        raise BadValue(
            "в data/plan.yaml есть ошибки, мероприятия не проверить: исправьте их "
            "(plansite check) или создайте запись без мероприятий."
        )
    plan = data.plan_data.plan_for(year)
    if plan is None:
        raise BadValue(
            f"плана на {year} год нет в data/plan.yaml: мероприятия ищутся в плане года "
            "даты записи; проверьте дату или не указывайте мероприятия."
        )
    known = [activity.id for activity in plan.activities]
    unknown = []
    for activity_id in wanted:
        if activity_id not in known:
            near = nearest(activity_id, known)
            unknown.append(f"«{activity_id}»" + (f" (возможно, «{near}»)" if near else ""))
    if unknown:
        what = "нет мероприятия" if len(unknown) == 1 else "нет мероприятий"
        raise BadValue(
            f"в плане {year} года {what} {', '.join(unknown)}. {_activity_list_hint(year)}"
        )
    return tuple(dict.fromkeys(wanted))


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_clean_items(tags)))


def _clean_items(items: Iterable[str]) -> list[str]:
    return [" ".join(item.split()) for item in items if item.strip()]


def _activity_list_hint(year: int) -> str:
    return f"Список — на странице /{page_url(plan_src(year))} или в data/plan.yaml (поля id)."


# --- from flags ------------------------------------------------------------------------------


def post_from_flags(args: argparse.Namespace, data: _Data) -> NewPost:
    if args.title is None:
        raise CliError(
            'укажите заголовок: --title "…" (или запустите «plansite new» без параметров, '
            "чтобы ответить на вопросы)."
        )
    if args.category is None:
        known = ", ".join(f"«{item.name}»" for item in data.taxonomy.categories)
        raise CliError(f"укажите категорию: --category, одну из {known}.")
    title = _flag("--title", clean_title, args.title)
    day = _flag("--date", parse_day, args.date) if args.date else data.today
    return NewPost(
        title=title,
        day=day,
        category=_flag(
            "--category", lambda text: find_category(data.taxonomy, text), args.category
        ),
        municipalities=_flag(
            "--municipality",
            lambda names: find_municipalities(data.taxonomy, _split(names)),
            args.municipality,
        ),
        activity_ids=_flag(
            "--plan", lambda ids: find_activities(data, day.year, _split(ids)), args.plan
        ),
        tags=clean_tags(args.tag),
        draft=args.draft,
    )


def _split(values: Iterable[str]) -> list[str]:
    """Repeated flags, each of which may also list values separated by commas."""
    return [item for value in values for item in _LIST_SEPARATOR.split(value)]


def _flag(name: str, read: Callable[[T], object], value: T):
    try:
        return read(value)
    except BadValue as bad:
        raise CliError(f"{name}: {bad}") from None


# --- from the terminal -----------------------------------------------------------------------


def ask_post(data: _Data, draft: bool) -> NewPost:
    print("Новая запись. Необязательные вопросы можно пропустить клавишей Enter.")
    title = _ask_until("Заголовок: ", clean_title)
    day = _ask_until(
        f"Дата (ГГГГ-ММ-ДД, Enter — {data.today.isoformat()}): ",
        lambda text: parse_day(text) if text else data.today,
    )
    print("Категории:")
    categories = data.taxonomy.categories
    for number, category in enumerate(categories, start=1):
        print(f"  {number}. {category.name} ({category.id})")
    category = _ask_until(
        "Категория (номер, название или идентификатор): ",
        lambda text: _category_answer(data.taxonomy, text),
    )
    municipalities = _ask_until(
        "Муниципальные образования через запятую (Enter — пропустить): ",
        lambda text: find_municipalities(data.taxonomy, _LIST_SEPARATOR.split(text)),
    )
    activity_ids = _ask_activities(data, day.year)
    return NewPost(
        title=title,
        day=day,
        category=category,
        municipalities=municipalities,
        activity_ids=activity_ids,
        draft=draft,
    )


def _category_answer(taxonomy: Taxonomy, text: str) -> Category:
    categories = taxonomy.categories
    if text.isdigit():
        if 1 <= int(text) <= len(categories):
            return categories[int(text) - 1]
        raise BadValue(f"категории с номером {text} нет: выберите от 1 до {len(categories)}.")
    if not text:
        raise BadValue("категория обязательна: введите номер из списка.")
    return find_category(taxonomy, text)


def _ask_activities(data: _Data, year: int) -> tuple[str, ...]:
    if data.plan_data is None:
        print("В data/plan.yaml есть ошибки (см. plansite check): мероприятия плана пропущены.")
        return ()
    if data.plan_data.plan_for(year) is None:
        print(f"Плана на {year} год в data/plan.yaml нет: мероприятия плана пропущены.")
        return ()
    print(f"Мероприятия плана {year} года, о которых эта запись. {_activity_list_hint(year)}")
    return _ask_until(
        "Идентификаторы мероприятий через запятую (Enter — пропустить): ",
        lambda text: find_activities(data, year, re.split(r"[,;\s]+", text)),
    )


def _ask_until(prompt: str, read: Callable[[str], T]) -> T:
    """Ask until ``read`` accepts the answer; explain every refusal."""
    while True:
        answer = _ask(prompt)
        try:
            return read(answer)
        except BadValue as bad:
            print(f"  Не подходит: {bad}")


def _ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        print()
        raise CliError(
            "ввод закончился раньше, чем были даны ответы: запись не создана.", EXIT_PROBLEMS
        ) from None


# --- the file --------------------------------------------------------------------------------


def post_text(post: NewPost) -> str:
    """The whole file: front matter with the fields given, then the body skeleton."""
    lines = [_yaml_line("title", post.title), f"date: {post.day.isoformat()}\n"]
    fields = [
        ("category", post.category.name),
        ("municipality", [item.name for item in post.municipalities]),
        ("plan", list(post.activity_ids)),
        ("tags", list(post.tags)),
    ]
    lines += [_yaml_line(key, value) for key, value in fields if value]
    if post.draft:
        lines.append("draft: true\n")
    return "---\n" + "".join(lines) + "---\n\n" + BODY


def _yaml_line(key: str, value: object) -> str:
    """``key: value`` quoted where YAML needs it; lists in the ``[a, b]`` form."""
    return yaml.safe_dump(
        {key: value},
        allow_unicode=True,
        default_flow_style=None if isinstance(value, list) else False,
        sort_keys=False,
        width=1_000_000,
    )


def _file_slug(given: str | None, title: str, interactive: bool) -> str:
    if given is not None:
        slug = slugify(given, lowercase=True)
        if not slug:
            raise CliError(
                f"--slug: из «{given}» не получается имя файла: используйте латинские или "
                "русские буквы и цифры, например «uroki»."
            )
        return slug
    slug = slugify(
        title, lowercase=True, max_length=SLUG_MAX_CHARS, word_boundary=True, save_order=True
    )
    if slug:
        return slug
    if not interactive:
        raise CliError(
            "из заголовка не получается имя файла (в нём нет букв и цифр): укажите его "
            "в --slug, например --slug uroki."
        )
    return _ask_until(
        "Имя файла латинскими буквами, например uroki: ",
        lambda text: slugify(text, lowercase=True) or _raise_slug(),
    )


def _raise_slug() -> str:
    raise BadValue("нужны буквы или цифры, например «uroki».")


def _refuse_taken_address(project: Path, source: str, slug: str, day: date) -> None:
    """Refuse a file name whose page address another post of the same month already has."""
    for path in post_paths(project / NEWS_DIR):
        other = path.relative_to(project).as_posix()
        if other == source or post_slug(other) != slug:
            continue
        published = _published_of(path)
        if published is not None and (published.year, published.month) == (day.year, day.month):
            raise CliError(
                f"адрес /{post_url(day, slug)} уже занят записью {other}: "
                "укажите другое имя файла в --slug.",
                EXIT_PROBLEMS,
            )


def _published_of(path: Path) -> datetime | None:
    """The date of an existing post, or None if it cannot be read (check reports that)."""
    log = ProblemLog(path.name)
    text = read_text_file(path, log)
    parts = split_post(text, log) if text is not None else None
    meta = load_yaml(parts.front_matter, log) if parts is not None else None
    if not isinstance(meta, LineDict) or meta.get("date") is None:
        return None
    try:
        return parse_published(meta["date"])[0]
    except Exception:  # any unreadable date is the loader's to report
        return None


def _status_note(post: NewPost, build_time: datetime) -> str:
    if post.draft:
        return (
            "Это черновик: на сайт он не попадёт, но виден при просмотре (plansite serve) "
            "с пометкой «Черновик». Чтобы опубликовать, удалите строку «draft: true»."
        )
    if datetime.combine(post.day, time(), MOSCOW) > build_time:
        return (
            "Дата записи в будущем: запись появится на сайте при первой сборке "
            f"начиная с {long_date(post.day)}"
        )
    return "Запись будет опубликована при следующей сборке."


def _shown(project: Path, source: str) -> str:
    return (project / source).as_posix() if project != Path() else source
