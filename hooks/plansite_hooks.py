"""MkDocs adapter: each event hands over to the plansite package, which knows no MkDocs.

Hooks are imported once per ``mkdocs serve`` and never reloaded, so the only state kept is
the current build's content, replaced in ``on_pre_build`` every time. Every page and file
plansite publishes is generated there, before MkDocs cleans the site directory; after that
nothing here depends on the editors' input.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

import plansite_reuse
from plansite import urls
from plansite.cache.store import CACHE_DIR
from plansite.cli.check import summary_line
from plansite.cli.engine import IGNORE_CACHE_VARIABLE, SUMMARY_FILE_VARIABLE
from plansite.load.navigation import nav_paths
from plansite.output import BODY_PLACEHOLDER
from plansite.problems import Problem, ProblemsFound
from plansite.render.background_index import BackgroundIndexing
from plansite.render.navigation import plan_nav
from plansite.render.preview_notice import problems_document
from plansite.render.search import search_meta
from plansite.render.search_index import SearchIndexError, index_site
from plansite.render.site_folder import remove_stale_files
from plansite.russian import plural
from plansite.settings import SettingError, build_time_from_env, site_url_setting
from plansite.site import BuildSettings, SiteContent, generate_site, replaced_hand_written
from plansite.typography import typeset

log = logging.getLogger("mkdocs.plugins.plansite")

SEARCH_INDEX = "search/search_index.json"
SEARCH_INDEX_KEPT = CACHE_DIR / "search-index"
"""The last search index, reused while the site's pages stay the same."""
KEPT_LAST_GOOD_SITE = "Пока ошибки не исправлены, показывается последняя удачная версия сайта."

SERVER_INTERNALS = ("builder", "_epoch_cond", "_wanted_epoch", "_visible_epoch")
"""What :func:`on_serve` uses of MkDocs 1.6.1's ``LiveReloadServer``
(``mkdocs/livereload/__init__.py``): ``builder`` is set in ``__init__`` and called by
``_build_loop``; ``_build_loop`` sets ``_wanted_epoch`` before a rebuild and, only when the
rebuild succeeds, ``_visible_epoch = _wanted_epoch`` under ``_epoch_cond``; ``_serve_request``
waits on ``_epoch_cond`` until ``_visible_epoch == _wanted_epoch``. Private, so checked
before use; tests/test_serve.py fails if they change."""

_command = "build"
_dirty = False
_content: SiteContent | None = None
_files: Files | None = None
_bodies: dict[str, str] = {}
_nav: Navigation | None = None


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_warning)


def _drop_dirty_warning(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build leaves pages stale: with the hooks it does not (every
    page is rebuilt, see :func:`on_files`, and what is gone is removed after the build)."""
    return "A 'dirty' build is being performed" not in str(record.msg)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """``PLANSITE_SITE_URL`` sets the public address at build time, without editing files."""
    try:
        config.site_url = site_url_setting(config.site_url)
    except SettingError as error:
        raise Abort(f"Сайт не собран: {error}") from None
    if _command == "serve":  # the preview shows a failed rebuild's problems on every page
        config.extra_javascript.append(urls.PREVIEW_SCRIPT_PATH)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Generate everything before MkDocs cleans the site: a broken save keeps the last good
    site."""
    global _content, _bodies
    _indexing.stop()
    _content, _bodies = None, {}
    try:
        settings = BuildSettings(
            project_dir=Path(config.config_file_path).parent,
            site_url=config.site_url or "",
            build_time=build_time_from_env(),
            include_drafts=_command == "serve",
            nav=nav_paths(config.nav),
        )
        _content = generate_site(settings, reuse=not os.environ.get(IGNORE_CACHE_VARIABLE))
    except ProblemsFound as found:
        if _command == "serve":
            _show_in_preview(found.problems, Path(config.site_dir))
        _refuse(found.problems)
    except SettingError as error:
        raise Abort(f"Сайт не собран: {error}") from None
    _bodies = {page.src: page.body_html for page in _content.pages if page.body_html}
    config.extra["plansite_footer"] = _content.footer_html


def _show_in_preview(problems: list[Problem], site_dir: Path) -> None:
    """The preview's pages poll this file and show its problems above the last good site."""
    notice = site_dir / urls.PREVIEW_PROBLEMS_PATH
    if notice.parent.is_dir():
        notice.write_bytes(problems_document(problems))


def _refuse(problems: list[Problem]) -> NoReturn:
    for problem in problems:
        log.error(str(problem))
    count = plural(len(problems), "ошибка", "ошибки", "ошибок")
    message = f"Сайт не собран: {count} в данных (см. выше). Исправьте и сохраните файл."
    raise Abort(message) from None


def on_serve(
    server: LiveReloadServer, config: MkDocsConfig, builder: Callable[[], None]
) -> LiveReloadServer:
    """Keep serving the last good site while a saved file has errors.

    After a failed rebuild MkDocs 1.6 holds every request until a build succeeds (the server
    "will appear stuck"), so the editor's browser spins instead of showing the last good
    site. When a rebuild is refused, the version being built is reset to the one on show.
    """
    missing = [name for name in SERVER_INTERNALS if not hasattr(server, name)]
    if missing:
        log.warning(
            "plansite: this MkDocs version's LiveReloadServer has no %s; after a failed "
            "rebuild the preview waits for the next good one instead of showing the last.",
            ", ".join(missing),
        )
        return server
    build = server.builder

    def build_or_keep_last_good_site() -> None:
        try:
            build()
        except BaseException:
            with server._epoch_cond:
                server._wanted_epoch = server._visible_epoch
                server._epoch_cond.notify_all()
            raise

    server.builder = build_or_keep_last_good_site
    logging.getLogger("mkdocs.livereload").addFilter(_reword_stuck_server)
    return server


def _reword_stuck_server(record: logging.LogRecord) -> bool:
    """MkDocs says the server "will appear stuck": with on_serve above it does not."""
    if "The server will appear stuck" in str(record.msg):
        record.msg, record.args = KEPT_LAST_GOOD_SITE, ()
    return True


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _content is not None
    docs_dir = os.path.normpath(config.docs_dir)
    hand_written = [
        file.src_uri
        for file in files
        if file.src_dir is not None and os.path.normpath(file.src_dir) == docs_dir
    ]
    replaced = replaced_hand_written(_content, hand_written)
    if replaced:
        _refuse(replaced)
    config.nav = plan_nav(config.nav, _content.plan_years)  # read by MkDocs after on_files
    for page in _content.pages:
        files.append(File.generated(config, page.src, content=page.markdown))
    for asset in _content.assets:
        files.append(File.generated(config, asset.path, content=asset.content))
    if _dirty:  # every page shows the menu and the footer: none is left as it was
        for file in files.documentation_pages():
            file.is_modified = _modified  # type: ignore[method-assign]
    global _files
    _files = files
    return files


def _modified() -> bool:
    return True


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages get their checked meta, the glossary tooltips that generated pages
    already carry, and are searchable as pages of the site (generated pages say what they
    are themselves)."""
    if page.file.generated_by is None and _content is not None:
        page.meta = dict(_content.hand_written_meta(page.file.src_uri))
        page.meta.setdefault("search", search_meta("page")["search"])
        return typeset(markdown) + _content.abbreviations
    return markdown


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the ready post body in place of its placeholder."""
    body = _bodies.get(page.file.src_uri)
    return html_text.replace(BODY_PLACEHOLDER, body, 1) if body is not None else html_text


@event_priority(-100)  # last: the index reads the pages as they were written
def on_post_build(config: MkDocsConfig) -> None:
    """Index the written pages for search (the engine's own HTML, so it does not depend on
    editors' input) and report the build.

    In the preview the index is written after the rebuild, while the changed page is already
    served: the search catches up a moment later. ``mkdocs build`` writes it before it ends.
    """
    site_dir = Path(config.site_dir)
    if _dirty and _files is not None:
        remove_stale_files(site_dir, _written(config, _files))
    kept = Path(config.config_file_path).parent / SEARCH_INDEX_KEPT
    reuse = not os.environ.get(IGNORE_CACHE_VARIABLE)  # plansite build --clean
    if _command == "serve":
        _indexing.start(site_dir, kept)
    else:
        try:
            index_site(site_dir, kept, reuse=reuse)
        except SearchIndexError as failed:
            raise Abort(str(failed)) from None
    pages = plansite_reuse.stop(success=True)
    if _content is not None:
        log.info(f"{_content.summary} {pages}".strip())
        summary_file = os.environ.get(SUMMARY_FILE_VARIABLE)
        if summary_file:  # plansite build prints it once MkDocs has finished
            Path(summary_file).write_text(summary_line(_content.sources), encoding="utf-8")


def _written(config: MkDocsConfig, files: Files) -> set[str]:
    """Every file this build wrote into the site folder, as a path inside it."""
    written = {file.dest_uri for file in files}
    templates = [*config.theme.static_templates, *config.extra_templates]
    written.update(templates)
    written.update(f"{name}.gz" for name in templates if name == "sitemap.xml")
    return written


_indexing = BackgroundIndexing(on_error=log.error)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """All files are known: page reuse starts (see plansite_reuse)."""
    global _nav
    _nav = nav
    plansite_reuse.start(
        config,
        files,
        read_cache=not os.environ.get(IGNORE_CACHE_VARIABLE),  # plansite build --clean
        progress=_command == "build",
    )
    return nav


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    plansite_reuse.attach(page)
    return page


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    plansite_reuse.wrap_template(env, _nav, config)
    return env


def on_build_error(error: Exception) -> None:
    plansite_reuse.stop(success=False)


def on_shutdown() -> None:
    _indexing.stop()  # the preview ends: no indexer is left running behind it
