"""MkDocs side of page reuse: unchanged pages are neither converted nor wrapped again.

MkDocs 1.6 converts the Markdown of every page and renders the theme around it on every
build. Two calls inside its build are where that work happens; both are taken over on the
objects of one build only (never by replacing MkDocs functions), and only after
:func:`engine_mismatches` has found them as expected:

- ``page.render(config, files)`` in ``_populate_page`` (mkdocs/commands/build.py, line 167 in
  1.6.1), run after every ``on_page_markdown``; it sets ``content``, ``toc``,
  ``_title_from_render``, ``present_anchor_ids`` and ``links_to_anchors``
  (mkdocs/structure/pages.py, lines 263-292). ``on_pre_page`` puts :class:`_PageRender` on
  the page instance in its place.
- ``template.render(context)`` in ``_build_page`` (build.py, lines 210 and 223), where the
  template is ``env.get_template(page.meta.get('template', 'main.html'))``. Jinja keeps one
  Template object per name in the build's environment (mkdocs/theme.py, line 162), so
  ``on_env`` puts :class:`_PageTemplate` on that object's ``render``. Jinja's own
  ``extends``/``include`` call ``root_render_func``, not ``render``.

- ``self.search_index.add_entry_from_context(page)`` in Material's search plugin
  (material/plugins/search/plugin.py, ``on_page_context``, line 131 in 9.8.2), which parses
  the page's HTML and appends to ``search_index.entries``; ``on_env`` puts
  :class:`_SearchEntries` on that index object (only when the theme's search plugin is
  configured; the site's own search indexes the written files after the build).

The keys and the store live in :mod:`plansite.cache`. Plugin events still run for every
page, reused or not, so the search index, the sitemap and anything else gathered from the
pages is complete; only the conversion and the theme rendering are skipped.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import jinja2
from material.plugins.search import plugin as material_search  # type: ignore[import-untyped]
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.theme import Theme
from mkdocs.utils import get_build_datetime, meta
from tqdm import tqdm

from plansite.cache.entries import (
    Heading,
    RenderedMarkdown,
    markdown_key,
    page_key,
    site_fingerprint,
)
from plansite.cache.fingerprint import digest, software_digest, tree_digest
from plansite.cache.store import CACHE_DIR, PAGES_FILE, PageStore
from plansite.progress import progress_bar

log = logging.getLogger("mkdocs.plugins.plansite")

PAGE_TEMPLATE = "main.html"
TEMPLATES_DIR = CACHE_DIR / "templates"
"""Jinja's compiled theme templates (Jinja checks each against its source)."""
UNUSED_CONFIG = frozenset({"site_dir", "dev_addr", "watch", "config_file_path", "strict"})
"""Settings that change where or how MkDocs runs, not the bytes of any page."""

_EXPECTED_SOURCE = (
    (mkdocs_build._populate_page, "page.render(config, files)"),
    (mkdocs_build._build_page, "env.get_template(page.meta.get('template', 'main.html'))"),
    (mkdocs_build._build_page, "output = template.render(context)"),
    (Page.read_source, "source = config.plugins.on_page_read_source(page=self, config=config)"),
    (Page.read_source, "source = self.file.content_string"),
    (Page.read_source, "self.markdown, self.meta = meta.get_data(source)"),
    (meta.get_data, "if m := YAML_RE.match(doc):"),
    (meta.get_data, "doc = doc[m.end() :].lstrip('\\n')"),
    (Page.render, "self.content = md.convert(self.markdown)"),
    (Page.render, "self.toc = get_toc("),
    (Page.render, "self._title_from_render = "),
    (Page.render, "self.present_anchor_ids = ("),
    (Page.render, "self.links_to_anchors = "),
    (
        material_search.SearchPlugin.on_page_context,
        "self.search_index.add_entry_from_context(page)",
    ),
    (material_search.SearchIndex.add_entry_from_context, "self.create_entry_for_section("),
    (material_search.SearchIndex.create_entry_for_section, "self.entries.append(entry)"),
)


def engine_mismatches() -> list[str]:
    """The MkDocs lines page reuse relies on that are not there (empty: all as expected)."""
    return [
        f"{function.__qualname__}: {line}"
        for function, line in _EXPECTED_SOURCE
        if line not in inspect.getsource(function)
    ]


class _WarningCounter(logging.Handler):
    """Counts MkDocs warnings: a page whose conversion warned is not kept (the warning must
    come again next time, and ``--strict`` must fail again)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _Build:
    store: PageStore
    site: str
    files: Files
    pages: int
    progress: bool
    navigation: str = ""
    reused: int = 0
    rendered: int = 0
    warnings: _WarningCounter = field(default_factory=_WarningCounter)
    reading: tqdm[NoReturn] = field(init=False)
    writing: tqdm[NoReturn] | None = None

    def __post_init__(self) -> None:
        self.reading = self.bar("Чтение страниц")
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def bar(self, phase: str) -> tqdm[NoReturn]:
        return progress_bar(self.pages if self.progress else 0, phase, visible=self.progress)

    def close(self, *, success: bool) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        for bar in (self.reading, self.writing):
            if bar is not None:
                bar.close()
        if success:
            self.store.finish()
        else:
            self.store.abandon()


_build: _Build | None = None
_engine_checked: list[str] | None = None


def start(config: MkDocsConfig, files: Files, *, read_cache: bool, progress: bool) -> None:
    """From ``on_nav``: open the store and fingerprint the site for this build."""
    global _build, _engine_checked
    stop(success=False)
    if _engine_checked is None:
        _engine_checked = engine_mismatches()
        if _engine_checked:
            log.info("Повторное использование страниц отключено: MkDocs изменился.")
    if _engine_checked:
        return
    project = Path(config.config_file_path).parent
    site = site_fingerprint(
        software_digest([Path(__file__), Path(__file__).with_name("plansite_hooks.py")]),
        {key: _plain(value) for key, value in config.items() if key not in UNUSED_CONFIG},
        _theme_digest(config.theme, project),
        [(file.src_uri, file.url) for file in files],
    )
    store = PageStore(project / PAGES_FILE, read=read_cache)
    _build = _Build(store, site, files, len(files.documentation_pages()), progress)


def attach(page: Page) -> None:
    """From ``on_pre_page``: this page's conversion goes through the cache, and a generated
    page's front matter is read as the JSON it is written in."""
    if _build is not None:
        page.render = _PageRender(page, page.render, _build)  # type: ignore[method-assign]
        if page.file.generated_by is not None:
            page.read_source = _ReadSource(page)  # type: ignore[method-assign]


class _ReadSource:
    """``page.read_source`` of a generated page: what MkDocs does, but front matter that is
    one line of JSON (how plansite writes it, see ``plansite.render.markup``) is read with
    ``json`` rather than YAML's much slower loader. Anything JSON and YAML might read
    differently (numbers with a fraction or exponent, YAML's extra line breaks) goes to
    MkDocs's own reader."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def __call__(self, config: MkDocsConfig) -> None:
        page = self.page
        source = config.plugins.on_page_read_source(page=page, config=config)
        if source is None:
            source = page.file.content_string
        found = _json_front_matter(source)
        if found is None:
            page.markdown, page.meta = meta.get_data(source)
        else:
            page.markdown, page.meta = found


def _json_front_matter(source: str) -> tuple[str, dict[str, Any]] | None:
    match = meta.YAML_RE.match(source)
    if match is None or not match.group(1).startswith("{") or match.group(1).count("\n") != 1:
        return None
    text = match.group(1)
    if any(character in text for character in _YAML_LINE_BREAKS):
        return None
    try:
        data = json.loads(text, parse_float=_refuse, parse_constant=_refuse)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return source[match.end() :].lstrip("\n"), data


_YAML_LINE_BREAKS = ("\x85", "\u2028", "\u2029", "\ufeff", "\r")
"""Characters YAML reads as line breaks (or a byte-order mark) and JSON as text."""


def _refuse(text: str) -> NoReturn:
    raise ValueError(f"not read the same by JSON and YAML: {text}")


def wrap_template(env: jinja2.Environment, nav: Navigation | None, config: MkDocsConfig) -> None:
    """From ``on_env``: all pages are read; their theme rendering and search entries go
    through the cache, and compiled templates are kept too."""
    build = _build
    if build is None or nav is None:
        return
    build.navigation = navigation_digest(nav)
    folder = Path(config.config_file_path).parent / TEMPLATES_DIR
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
        if not build.store.reading:
            env.bytecode_cache.clear()
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if isinstance(index, material_search.SearchIndex):
            index.add_entry_from_context = _SearchEntries(index, build)
    template = env.get_template(PAGE_TEMPLATE)
    if template is not env.get_template(PAGE_TEMPLATE):  # Jinja would not keep the object
        return
    build.reading.close()
    build.writing = build.bar("Запись страниц")
    template.render = _PageTemplate(template.render, build)  # type: ignore[method-assign]


def stop(*, success: bool) -> str:
    """From ``on_post_build`` (or a failed build): commit or drop; the summary's words."""
    global _build
    build, _build = _build, None
    if build is None:
        return ""
    build.close(success=success)
    note = " Кэш был повреждён и собран заново." if build.store.counts.discarded else ""
    return f"Страниц собрано: {build.rendered}, взято из кэша: {build.reused}.{note}"


class _PageRender:
    """``page.render``: the converted Markdown from the cache, or converted and kept."""

    def __init__(self, page: Page, convert: Callable[[MkDocsConfig, Files], None], build: _Build):
        self.page, self.convert, self.build = page, convert, build

    def __call__(self, config: MkDocsConfig, files: Files) -> None:
        page, build = self.page, self.build
        build.reading.update()
        key = markdown_key(build.site, page.file.src_uri, page.url, page.markdown or "")
        data = build.store.get(key)
        if data is not None and _restore(page, _decoded(data), files):
            return
        warnings = build.warnings.count
        self.convert(config, files)
        if build.warnings.count == warnings:
            build.store.put(key, _rendered(page).to_bytes())


class _PageTemplate:
    """``template.render`` of pages: the page file from the cache, or rendered and kept."""

    def __init__(self, render: Callable[..., str], build: _Build) -> None:
        self.render, self.build = render, build

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        context = args[0] if len(args) == 1 and not kwargs else None
        page = context.get("page") if isinstance(context, Mapping) else None
        if not isinstance(page, Page):
            return self.render(*args, **kwargs)
        build = self.build
        if build.writing is not None:
            build.writing.update()
        key = _page_key("page", page, build)
        data = build.store.get(key)
        if data is not None:
            build.reused += 1
            return data.decode()
        warnings = build.warnings.count
        output = self.render(*args, **kwargs)
        build.rendered += 1
        if build.warnings.count == warnings:
            build.store.put(key, output.encode())
        return output


def _decoded(data: bytes) -> RenderedMarkdown | None:
    try:
        return RenderedMarkdown.from_bytes(data)
    except (ValueError, KeyError, TypeError):
        return None  # written by another version of this module: convert again


class _SearchEntries:
    """``add_entry_from_context`` of Material's search index: a page's entries from the
    cache, or made by Material and kept. The index itself is still written by Material."""

    def __init__(self, index: Any, build: _Build) -> None:
        self.index, self.add, self.build = index, index.add_entry_from_context, build

    def __call__(self, page: Page) -> None:
        build = self.build
        key = _page_key("search", page, build)
        data = build.store.get(key)
        if data is not None:
            try:
                entries = json.loads(data)
            except ValueError:
                entries = None
            if isinstance(entries, list):
                self.index.entries.extend(entries)
                return
        before = len(self.index.entries)
        self.add(page)
        made = self.index.entries[before:]
        build.store.put(key, json.dumps(made, ensure_ascii=False).encode())


def _page_key(purpose: str, page: Page, build: _Build) -> str:
    return page_key(
        purpose,
        build.site,
        build.navigation,
        page.file.src_uri,
        page.url,
        page.content or "",
        page.title or "",
        page.meta,
        _headings(page.toc),
    )


def _rendered(page: Page) -> RenderedMarkdown:
    links = page.links_to_anchors or {}
    return RenderedMarkdown(
        html=page.content or "",
        title=page._title_from_render,
        toc=_headings(page.toc),
        anchors=tuple(sorted(page.present_anchor_ids or ())),
        links_to_anchors=tuple(
            (file.src_uri, tuple(sorted(anchors.items())))
            for file, anchors in sorted(links.items(), key=lambda item: item[0].src_uri)
        ),
    )


def _restore(page: Page, rendered: RenderedMarkdown | None, files: Files) -> bool:
    """Set what ``Page.render`` sets; False if a linked file is gone (then convert)."""
    if rendered is None:
        return False
    linked = {source: files.get_file_from_path(source) for source, _ in rendered.links_to_anchors}
    if any(file is None for file in linked.values()):
        return False
    page.content = rendered.html
    page._title_from_render = rendered.title
    page.toc = TableOfContents([_anchor(heading) for heading in rendered.toc])
    if page.toc.items:
        page.toc.items[0].active = True  # type: ignore[attr-defined]  # as get_toc() does
    page.present_anchor_ids = set(rendered.anchors)
    page.links_to_anchors = {
        linked[source]: dict(anchors)  # type: ignore[misc]
        for source, anchors in rendered.links_to_anchors
    }
    return True


def _headings(toc: TableOfContents) -> tuple[Heading, ...]:
    return tuple(
        Heading(item.title, item.id, item.level, _headings(item.children))  # type: ignore[arg-type]
        for item in toc
    )


def _anchor(heading: Heading) -> AnchorLink:
    anchor = AnchorLink(heading.title, heading.id, heading.level)
    anchor.children = [_anchor(child) for child in heading.children]
    return anchor


def navigation_digest(nav: Navigation) -> str:
    """Every page shows the whole navigation: its titles, addresses and order."""

    def items(entries: list[Any]) -> list[object]:
        found: list[object] = []
        for entry in entries:
            if isinstance(entry, Section):
                found.append(["section", entry.title, items(entry.children)])
            elif isinstance(entry, Page | Link):
                found.append([type(entry).__name__, entry.title, entry.url])
        return found

    return digest(repr(items(nav.items)))


def _theme_digest(theme: Theme, project: Path) -> str:
    """The theme's folders inside the project (overrides) by content; an installed theme is
    covered by its version. The build date counts only if a template prints it."""
    parts: list[str] = []
    for folder in theme.dirs:
        path = Path(folder).resolve()
        if path.is_relative_to(project.resolve()):
            parts += [folder, tree_digest(path)]
        else:
            parts.append(folder)
    if any(
        "build_date_utc" in path.read_text(encoding="utf-8", errors="replace")
        for folder in theme.dirs
        for path in Path(folder).rglob("*.html")
    ):
        parts.append(get_build_datetime().isoformat())
    return digest(*parts)


def _plain(value: object) -> object:
    """The configuration as JSON-able data, for its digest."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, BasePlugin):
        return [type(value).__qualname__, _plain(value.config)]
    if isinstance(value, Theme):
        return [value.name, _plain(dict(value.items()))]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted(repr(_plain(item)) for item in value)
    if isinstance(value, ModuleType):
        return value.__name__
    text = str(value)
    return type(value).__qualname__ if " at 0x" in text else text
