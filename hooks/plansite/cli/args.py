"""The command line's arguments, with argparse's help and errors in Russian."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

from plansite.cli.edit import add_edit_arguments
from plansite.cli.errors import EXIT_USAGE, PROG
from plansite.cli.new import add_new_arguments

_ARGPARSE_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), replacement)
    for pattern, replacement in (
        (r"^the following arguments are required: (.*)$", r"не указаны обязательные параметры: \1"),
        (r"^unrecognized arguments: (.*)$", r"неизвестные параметры: \1"),
        (r"^expected one argument$", "нужно указать значение"),
        (r"^expected at least one argument$", "нужно указать хотя бы одно значение"),
        (r"^expected at most one argument$", "можно указать не больше одного значения"),
        (r"^ignored explicit argument (.*)$", r"лишнее значение \1"),
        (r"^invalid choice: (.*) \(choose from (.*)\)$", r"неизвестная команда \1; есть: \2"),
        (r"^invalid (.*) value: (.*)$", r"неверное значение \2"),
        (r"^ambiguous option: (.*) could match (.*)$", r"неоднозначный параметр \1: подходят \2"),
        (r"^not allowed with argument (.*)$", r"нельзя указывать вместе с \1"),
    )
)


def translate_argparse_message(message: str) -> str:
    """Russian for argparse's own error messages (``argument X: …`` included)."""
    prefix = ""
    argument = re.match(r"^argument (.+?): (.*)$", message, re.DOTALL)
    if argument:
        prefix, message = f"параметр {argument.group(1)}: ", argument.group(2)
    for pattern, replacement in _ARGPARSE_MESSAGES:
        if pattern.match(message):
            return prefix + pattern.sub(replacement, message)
    return prefix + message


class RussianHelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Help with «Использование:» in place of argparse's «usage:»."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = "Использование: "
        super().add_usage(usage, actions, groups, prefix)


class RussianArgumentParser(argparse.ArgumentParser):
    """An argument parser whose help and errors are in Russian."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", RussianHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "аргументы"
        self._optionals.title = "параметры"
        self.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: ошибка: {translate_argparse_message(message)}\n")


def _add_project_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--project",
        metavar="ПАПКА",
        # Given either before or after the command; the sub-command must not reset it.
        default="." if top else argparse.SUPPRESS,
        help="папка проекта, в которой лежит mkdocs.yml (по умолчанию — текущая)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = RussianArgumentParser(
        prog=PROG,
        description=(
            "Команды для редакторов сайта Смоленского регионального отделения ВСМС:\n"
            "новая запись, проверка данных и новостей, сборка и просмотр сайта,\n"
            "редактирование в браузере."
        ),
        epilog=(
            "Справка по команде: plansite КОМАНДА --help, например «plansite new --help».\n"
            "Команды работают с проектом в текущей папке или в папке из --project."
        ),
    )
    _add_project_option(parser, top=True)
    commands = parser.add_subparsers(
        dest="command", title="команды", metavar="КОМАНДА", parser_class=RussianArgumentParser
    )

    new = commands.add_parser(
        "new",
        help="создать новую запись (новость) в news/",
        description=(
            "Создать файл новой записи news/ГГГГ/ГГГГ-ММ-ДД-имя.md с заполненным заголовком.\n"
            "Без параметров (или только с --draft, --slug) команда задаст вопросы\n"
            "в терминале: заголовок, дату, категорию, муниципальные образования и мероприятия\n"
            "плана. Файл, который уже есть, не перезаписывается."
        ),
        epilog=(
            "Пример:\n"
            '  plansite new --title "Тематические уроки" --date 2019-04-19 \\\n'
            '      --category "Деятельность отделения" --municipality Вяземский \\\n'
            "      --plan thematic-lessons --tag школы"
        ),
    )
    _add_project_option(new, top=False)
    add_new_arguments(new)

    check = commands.add_parser(
        "check",
        help="проверить data/ и news/, не собирая сайт",
        description=(
            "Проверить план (data/plan.yaml), списки категорий и муниципальных образований\n"
            "и все записи в news/, не собирая сайт. Каждая ошибка выводится строкой\n"
            "«файл:строка: поле: сообщение». Код выхода 1, если есть ошибки, иначе 0."
        ),
    )
    _add_project_option(check, top=False)
    check.add_argument(
        "--publish",
        action="store_true",
        help=(
            "проверить и готовность к публикации: настоящие контакты отделения "
            "(не заготовки), настоящий адрес сайта, нет примеров записей"
        ),
    )

    edit = commands.add_parser(
        "edit",
        help="редактировать новости в браузере (редактор и просмотр сайта вместе)",
        description=(
            "Запустить редактор сайта в браузере и предварительный просмотр вместе.\n"
            "Откройте http://127.0.0.1:8000/admin/ и нажмите «Войти». Каждая сохранённая\n"
            "запись записывается в историю git проекта. Остановить — Ctrl+C."
        ),
    )
    _add_project_option(edit, top=False)
    add_edit_arguments(edit)

    for name, what, example in (
        ("build", "собрать сайт в папку site/ (mkdocs build)", "--strict -d ПАПКА"),
        ("serve", "показать сайт в браузере с обновлением на лету (mkdocs serve)", "-a АДРЕС"),
    ):
        sub = commands.add_parser(
            name,
            help=what,
            allow_abbrev=False,
            usage=f"%(prog)s [-h] [--project ПАПКА] [параметры mkdocs {name} …]",
            description=(
                f"{what[0].upper()}{what[1:]}.\n\n"
                f"Остальные параметры передаются команде mkdocs {name} без изменений,\n"
                f"например: plansite {name} {example}\n"
                f"Их список: python -m mkdocs {name} --help"
            ),
        )
        _add_project_option(sub, top=False)
    return parser


def command_parser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    """The sub-parser of a command, for errors worded under its name."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            chosen: argparse.ArgumentParser = action.choices.get(command, parser)
            return chosen
    return parser
