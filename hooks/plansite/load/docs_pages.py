"""The hand-written pages in ``docs/``: their front matter checked like a post's.

The theme prints a page's ``title`` and ``description`` raw (see :mod:`plansite.page_meta`),
so a list, a number or markup there would break the page or its ``<meta>`` tags. Every
``docs/**/*.md`` is read here, before anything is built, and the meta the theme will get is
returned already checked and escaped; the site engine replaces the meta it read itself with
this one.

The front matter is found the way MkDocs 1.6 finds it (``mkdocs.utils.meta.get_data``): a
first line ``---``, YAML, then a line ``---`` or ``...``. A page without one is fine.

The links and pictures a page's Markdown makes are collected too, the way MkDocs 1.6 finds
them (``<a href>`` and ``<img src>`` made by Markdown, not raw HTML:
``_RelativePathTreeprocessor`` in ``mkdocs/structure/pages.py``), so that a link to a
missing file, which stops ``mkdocs build --strict``, is refused before the build as well.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import markdown
from markdown.treeprocessors import Treeprocessor

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
    links: tuple[PageLink, ...] = ()
    """Every link and picture address in the page's Markdown, in order."""


@dataclass(frozen=True)
class PageLink:
    url: str
    """As written (``../plan/2019/index.md``, ``https://…``)."""
    line: int
    """File line of its first mention."""


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
        page = _read_page(src, project_dir / DOCS_DIR / src, log)
        problems += log.problems
        if page is not None and not log.problems:
            pages.append(page)
    return tuple(pages), problems


def _read_page(src: str, path: Path, log: ProblemLog) -> HandWrittenPage | None:
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
            return None
        return HandWrittenPage(src, {}, _links(text, 1))
    body_line = match.group(0).count("\n") + 1
    body = text[match.end() :]
    meta = _read_meta(match.group(1), log)
    return None if meta is None else HandWrittenPage(src, meta, _links(body, body_line))


def _read_meta(front_matter: str, log: ProblemLog) -> dict[str, object] | None:
    data = load_yaml(front_matter, log, first_line=2)
    if data is None:
        return None if log.problems else {}
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


class _LinkCollector(Treeprocessor):
    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.urls: list[str] = []

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            key = {"a": "href", "img": "src"}.get(element.tag)
            url = element.get(key) if key else None
            if url is not None:
                self.urls.append(url)


def _links(body: str, body_line: int) -> tuple[PageLink, ...]:
    converter = markdown.Markdown(extensions=["attr_list", "tables", "abbr", "admonition"])
    collector = _LinkCollector(converter)
    converter.treeprocessors.register(collector, "plansite_links", 0)
    converter.convert(body)
    lines = body.split("\n")
    return tuple(
        PageLink(url, body_line + next((i for i, line in enumerate(lines) if url in line), 0))
        for url in collector.urls
    )
