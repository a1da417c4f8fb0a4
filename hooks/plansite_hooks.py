"""MkDocs adapter: each event hands over to the plansite package, which knows no MkDocs.

Hooks are imported once per ``mkdocs serve`` and never reloaded, so the only state kept is
the current build's content, replaced in ``on_pre_build`` every time.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plansite import urls
from plansite.output import BODY_PLACEHOLDER
from plansite.problems import ProblemsFound
from plansite.render.navigation import plan_nav
from plansite.render.preview_notice import problems_document
from plansite.render.search import search_meta
from plansite.render.search_index import SearchIndexError, index_site
from plansite.russian import plural
from plansite.settings import SettingError, build_time_from_env, site_url_setting
from plansite.site import BuildSettings, SiteContent, generate_site
from plansite.typography import typeset

log = logging.getLogger("mkdocs.plugins.plansite")

KEPT_LAST_GOOD_SITE = "Пока ошибки не исправлены, показывается последняя удачная версия сайта."

_command = "build"
_content: SiteContent | None = None
_bodies: dict[str, str] = {}


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


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
    """Load and validate before MkDocs cleans the site: a broken save keeps the last good site."""
    global _content, _bodies
    _content, _bodies = None, {}
    try:
        settings = BuildSettings(
            project_dir=Path(config.config_file_path).parent,
            site_url=config.site_url or "",
            build_time=build_time_from_env(),
            include_drafts=_command == "serve",
        )
        _content = generate_site(settings)
        _bodies = {page.src: page.body_html for page in _content.pages if page.body_html}
        config.extra["plansite_footer"] = _content.footer_html
    except ProblemsFound as found:
        for problem in found.problems:
            log.error(str(problem))
        if _command == "serve":
            notice = Path(config.site_dir, urls.PREVIEW_PROBLEMS_PATH)
            if notice.parent.is_dir():
                notice.write_bytes(problems_document(found.problems))
        count = plural(len(found.problems), "ошибка", "ошибки", "ошибок")
        message = f"Сайт не собран: {count} в данных (см. выше). Исправьте и сохраните файл."
        raise Abort(message) from None
    except SettingError as error:
        raise Abort(f"Сайт не собран: {error}") from None


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    """Keep serving the last good site while a saved file has errors.

    After a failed rebuild MkDocs 1.6 holds every request until a build succeeds (the server
    "will appear stuck"), so the editor's browser spins instead of showing the last good
    site. When a rebuild is refused, the version being built is reset to the one on show.
    """
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


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Put the ready post body in place of its placeholder."""
    body = _bodies.get(page.file.src_uri)
    return html_text.replace(BODY_PLACEHOLDER, body, 1) if body is not None else html_text


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _content is not None
    config.nav = plan_nav(config.nav, _content.plan_years)  # read by MkDocs after on_files
    for page in _content.pages:
        files.append(File.generated(config, page.src, content=page.markdown))
    for asset in _content.assets:
        files.append(File.generated(config, asset.path, content=asset.content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Hand-written pages get the glossary tooltips that generated pages already carry, and
    are searchable as pages of the site (generated pages say what they are themselves).

    Every page's description is escaped here: the theme prints it raw into meta tags.
    """
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = html.escape(page.meta["description"], quote=True)
    if page.file.generated_by is None:
        page.meta.setdefault("search", search_meta("page")["search"])
    if page.file.generated_by is None and _content is not None:
        return typeset(markdown) + _content.abbreviations
    return markdown


@event_priority(-100)  # last: the index reads the pages as they were written
def on_post_build(config: MkDocsConfig) -> None:
    try:
        index_site(Path(config.site_dir))
    except SearchIndexError as failed:
        raise Abort(str(failed)) from None
    if _content is not None:
        log.info(_content.summary)
