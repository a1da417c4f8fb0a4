"""Finding the project folder the commands work on."""

from __future__ import annotations

from pathlib import Path

from plansite.cli.errors import CliError

CONFIG_FILE = "mkdocs.yml"
HOOKS_MARK = "plansite_hooks"
"""Text every plansite project's ``mkdocs.yml`` contains: the path of its hooks module."""


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
