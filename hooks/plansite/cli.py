"""The editors' command line: ``plansite new | check | build | serve``.

Every message is in Russian, for the editors who write the plan and the news. The core does
not import MkDocs: ``build`` and ``serve`` run it as a subprocess (``python -m mkdocs``),
where the hooks repeat the same validation ``check`` does.

Exit status: 0 success, 1 problems found in the project (or a file that already exists),
2 a wrong command line or a wrong value given to it; ``build`` and ``serve`` return MkDocs's.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

PROG = "plansite"
CONFIG_FILE = "mkdocs.yml"
HOOKS_MARK = "plansite_hooks"
"""Text every plansite project's ``mkdocs.yml`` contains: the path of its hooks module."""

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

SHUTDOWN_GRACE_SECONDS = 10
"""How long ``serve`` waits for MkDocs to stop after a termination request."""


class CliError(Exception):
    """A failure explained to the editor; ``status`` is the exit status."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status


# --- argparse in Russian -------------------------------------------------------------------

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

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        if prefix is None:
            prefix = "Использование: "
        super().add_usage(usage, actions, groups, prefix)


class RussianArgumentParser(argparse.ArgumentParser):
    """An argument parser whose help and errors are in Russian."""

    def __init__(self, *args, **kwargs) -> None:
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
    from plansite.cli_new import add_new_arguments

    parser = RussianArgumentParser(
        prog=PROG,
        description=(
            "Команды для редакторов сайта Смоленского регионального отделения ВСМС:\n"
            "новая запись, проверка данных и новостей, сборка и просмотр сайта."
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
            return action.choices.get(command, parser)
    return parser


# --- the project ---------------------------------------------------------------------------


def find_project(directory: str) -> Path:
    """The project folder: it must hold a ``mkdocs.yml`` that uses the plansite hooks."""
    project = Path(directory)
    config = project / CONFIG_FILE
    if not project.is_dir():
        raise CliError(f"папки «{directory}» нет: укажите папку проекта в --project.")
    if not config.is_file():
        raise CliError(
            f"в папке «{project.resolve()}» нет файла {CONFIG_FILE}: это не проект plansite. "
            "Перейдите в папку проекта (там лежат mkdocs.yml, data/ и news/) "
            "или укажите её: --project ПАПКА."
        )
    try:
        text = config.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise CliError(f"файл {config} не читается ({error.strerror}).") from error
    if HOOKS_MARK not in text:
        raise CliError(
            f"{config} не подключает hooks/{HOOKS_MARK}.py: это проект MkDocs, но не сайт plansite."
        )
    return project


def summary_line(sources) -> str:
    """«Записей: 12 (опубликовано 11, черновиков 1, запланировано 0); мероприятий: 23; …»."""
    from plansite.model import PostStatus

    news = sources.news
    activities = sum(len(plan.activities) for plan in sources.plan_data.plans)
    reported = {
        (post.plan_year, activity_id)
        for post in news.posts
        if post.status is PostStatus.PUBLISHED
        for activity_id in post.activity_ids
    }
    return (
        f"Записей: {len(news.posts)} (опубликовано {len(news.published)}, "
        f"черновиков {len(news.drafts)}, запланировано {len(news.scheduled)}); "
        f"мероприятий: {activities}; с отчётами: {len(reported)}."
    )


def _load(project: Path):
    """``(sources, problems)``: the validated inputs or the sorted list of problems."""
    from plansite.problems import ProblemsFound
    from plansite.site import build_time_from_env, load_sources

    try:
        return load_sources(project, build_time_from_env()), []
    except ProblemsFound as found:
        return None, found.problems


# --- commands ------------------------------------------------------------------------------


def run_check(project: Path) -> int:
    from plansite.russian import plural

    sources, problems = _load(project)
    if problems:
        for problem in problems:
            print(problem)
        count = plural(len(problems), "ошибка", "ошибки", "ошибок")
        print(f"Найдено: {count}. Исправьте и проверьте снова: с ошибками сайт не соберётся.")
        return EXIT_PROBLEMS
    print(summary_line(sources))
    removed = sources.news.removed_control_chars
    if removed:
        chars = plural(removed, "управляющий символ", "управляющих символа", "управляющих символов")
        print(f"При сборке из записей будут удалены {chars} (вставлены из офисных документов).")
    return EXIT_OK


class _Stop(Exception):
    """A termination request reached ``plansite`` while MkDocs runs."""


def run_mkdocs(command: str, project: Path, extra: Sequence[str]) -> int:
    """Run ``mkdocs COMMAND`` for the project; MkDocs's exit status."""
    if extra and extra[0] == "--":
        extra = extra[1:]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    arguments = [
        sys.executable,
        "-m",
        "mkdocs",
        command,
        "--config-file",
        str(project / CONFIG_FILE),
        *extra,
    ]
    sys.stdout.flush()
    try:
        process = subprocess.Popen(arguments, env=environment)
    except OSError as error:
        raise CliError(f"не удалось запустить MkDocs: {error}", EXIT_PROBLEMS) from error
    return _wait(process)


def _wait(process: subprocess.Popen) -> int:
    """Wait for MkDocs; a termination request is passed on, and MkDocs gets time to stop."""

    def stop(signum, frame) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        raise _Stop

    handled = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, stop) for signum in handled}
    deadline = None
    try:
        while True:
            try:
                if deadline is None:
                    return process.wait()
                return process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except KeyboardInterrupt:
                continue  # Ctrl+C reached MkDocs too (the same process group): it stops itself
            except _Stop:
                if deadline is None:
                    deadline = time.monotonic() + SHUTDOWN_GRACE_SECONDS
            except subprocess.TimeoutExpired:
                process.kill()
                return process.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_build(project: Path, extra: Sequence[str]) -> int:
    status = run_mkdocs("build", project, extra)
    if status == EXIT_OK:
        sources, problems = _load(project)
        if sources is not None and not problems:
            print(summary_line(sources), flush=True)
    return status


def main(argv: Sequence[str] | None = None) -> NoReturn:
    sys.exit(run(sys.argv[1:] if argv is None else list(argv)))


def run(argv: list[str]) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if extra and args.command not in ("build", "serve"):
        command_parser(parser, args.command).error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        project = find_project(args.project)
        if args.command == "new":
            from plansite.cli_new import run_new

            return run_new(args, project)
        if args.command == "check":
            return run_check(project)
        if args.command == "build":
            return run_build(project, extra)
        return run_mkdocs("serve", project, extra)
    except CliError as error:
        print(f"{PROG} {args.command}: ошибка: {error}", file=sys.stderr)
        return error.status
    except KeyboardInterrupt:
        print(f"\n{PROG} {args.command}: прервано.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    # Run the imported module, not this __main__ copy: plansite.cli_new raises
    # plansite.cli.CliError, which must be the class main() catches.
    from plansite.cli import main as _main

    _main()
