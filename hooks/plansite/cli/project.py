"""Finding the project folder the commands work on."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from plansite.cli.errors import CliError
from plansite.settings import SettingError, site_url_setting

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
    """Reads ``mkdocs.yml`` without MkDocs: ``!ENV`` is resolved, other tags read as None."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs's ``!ENV NAME`` / ``!ENV [NAME, …, default]``: the first variable set."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        *names, default = [loader.construct_object(child) for child in node.value]
        return next((os.environ[name] for name in names if name in os.environ), default)
    return None


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def configuration(project: Path) -> dict[str, Any]:
    """The project's ``mkdocs.yml`` as plain data, as MkDocs reads it (``!ENV`` resolved)."""
    config = project / CONFIG_FILE
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise CliError(f"файл {config} не читается: {error}") from error
    return data if isinstance(data, dict) else {}


def configured_site_url(config: dict[str, Any]) -> str:
    """The site's address as the build will use it (see :func:`site_url_setting`)."""
    try:
        return site_url_setting(config.get("site_url"))
    except SettingError as error:
        raise CliError(str(error), 1) from error
