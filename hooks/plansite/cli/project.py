"""Finding the project folder the commands work on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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


class _ConfigLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` for one plain value; MkDocs's own tags (``!ENV`` …) read as None."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("", _untagged)


def configuration(project: Path) -> dict[str, Any]:
    """The project's ``mkdocs.yml`` as plain data (empty if it cannot be read)."""
    try:
        config: Any = yaml.load((project / CONFIG_FILE).read_text(encoding="utf-8"), _ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def configured_site_url(config: dict[str, Any]) -> str:
    """``site_url`` as MkDocs reads it (ending in ``/``)."""
    url = config.get("site_url")
    if not isinstance(url, str) or not url.strip():
        return ""
    return url.strip().rstrip("/") + "/"
