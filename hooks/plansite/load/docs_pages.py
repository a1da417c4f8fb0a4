"""The hand-written pages in ``docs/``: their front matter checked like a post's.

The theme prints a page's ``title`` and ``description`` raw (see :mod:`plansite.page_meta`),
so a list, a number or markup there would break the page or its ``<meta>`` tags. Every
``docs/**/*.md`` is read here, before anything is built, and the meta the theme will get is
returned already checked and escaped; the site engine replaces the meta it read itself with
this one.

The front matter is found the way MkDocs 1.6 finds it (``mkdocs.utils.meta.get_data``): a
first line ``---``, YAML, then a line ``---`` or ``...``. A page without one is fine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from plansite import page_meta
from plansite.load import fields
from plansite.load.fields import check_keys, type_name
from plansite.load.textfile import read_text_file
from plansite.load.yamlsource import LineDict, LineList, load_yaml
from plansite.problems import Problem, ProblemLog

DOCS_DIR = "docs"
PAGE_KEYS = ("title", "description", "hide")
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
"""What Material 9 can hide on one page (its ``hide`` front matter field)."""

FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""MkDocs 1.6's own rule (``YAML_RE`` in ``mkdocs/utils/meta.py``), so both read the same."""


@dataclass(frozen=True)
class HandWrittenPage:
    src: str
    """Path inside ``docs/`` (``about.md``), as the site engine names the page."""
    meta: Mapping[str, object]
    """The page's front matter as the theme should get it: title and description escaped."""


def docs_files(project_dir: Path) -> tuple[str, ...]:
    """Every file the site engine publishes from ``docs/``, as paths inside it.

    Like MkDocs, names starting with a dot and the ``templates/`` folder are left out.
    """
    root = project_dir / DOCS_DIR
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] == "templates" or any(p.startswith(".") for p in relative.parts):
            continue
        if path.is_file():
            found.append(relative.as_posix())
    return tuple(found)


def load_docs_pages(project_dir: Path) -> tuple[tuple[HandWrittenPage, ...], list[Problem]]:
    """The hand-written pages and every problem in their front matter."""
    pages, problems = [], []
    for src in docs_files(project_dir):
        if not src.endswith(".md"):
            continue
        log = ProblemLog(f"{DOCS_DIR}/{src}")
        meta = _read_meta(project_dir / DOCS_DIR / src, log)
        problems += log.problems
        if meta is not None and not log.problems:
            pages.append(HandWrittenPage(src, meta))
    return tuple(pages), problems


def _read_meta(path: Path, log: ProblemLog) -> dict[str, object] | None:
    text = read_text_file(path, log)
    if text is None:
        return None
    match = FRONT_MATTER.match(text)
    if match is None:
        if text.split("\n", 1)[0].strip() == "---":
            log.add(
                1,
                "файл",
                "заголовок страницы не закрыт: после последнего поля добавьте строку «---».",
            )
        return {}
    data = load_yaml(match.group(1), log, first_line=2)
    if data is None:
        return {}
    if not isinstance(data, LineDict):
        log.add(
            2,
            "файл",
            "между строками «---» должны быть поля «имя: значение», например «title: …», "
            f"а указано: {type_name(data)}.",
        )
        return None
    return _checked_meta(data, log)


def _checked_meta(data: LineDict, log: ProblemLog) -> dict[str, object]:
    check_keys(data, "", PAGE_KEYS, (), log)
    meta: dict[str, object] = {}
    title = fields.read_optional_text(data, "title", "", log)
    if title is not None:
        meta["title"] = page_meta.title(title)
    description = fields.read_optional_text(data, "description", "", log)
    if description is not None:
        meta["description"] = page_meta.description(description)
    if data.get("hide") is not None:
        meta["hide"] = _hidden(data, log)
    return meta


def _hidden(data: LineDict, log: ProblemLog) -> list[str]:
    hidden = fields.read_text_list(data, "hide", "", log)
    items = data["hide"]
    for index, value in enumerate(hidden):
        if value not in HIDE_VALUES:
            line = items.line_of(index) if isinstance(items, LineList) else data.line_of("hide")
            log.add(
                line,
                f"hide[{index}]",
                f"неизвестное значение «{value}».{fields.suggestion(value, HIDE_VALUES)} "
                f"Скрыть можно: {', '.join(HIDE_VALUES)}.",
            )
    return [value for value in hidden if value in HIDE_VALUES]
