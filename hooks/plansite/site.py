"""The whole pipeline in order: load and validate, derive, then render pages and files.

:func:`generate_site` is what both ``plansite check`` and the site engine run: every page and
file plansite publishes is produced here, before the engine writes anything, so an input
that ``check`` passes cannot fail the build later. Nothing is rendered until everything has
loaded without a problem, so a broken input never produces a half-published site.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import plansite
from plansite import urls
from plansite.cache import pickled
from plansite.cache.fingerprint import digest, files_digest, software_digest, tree_digest
from plansite.cache.store import CACHE_DIR
from plansite.derive.feed_catalog import FeedInfo, feed_catalog
from plansite.derive.news_index import NewsIndex, build_index
from plansite.derive.posts import RenderedPost, render_posts
from plansite.load.cms import BUNDLE_DIR as CMS_BUNDLE_DIR
from plansite.load.cms import CmsSettings, load_bundle, load_cms_settings, local_backend_url
from plansite.load.docs_pages import DOCS_DIR, HandWrittenPage, docs_files, load_docs_pages
from plansite.load.navigation import missing_nav_pages
from plansite.load.news import NewsData, load_news
from plansite.load.plan import load_plan_data
from plansite.load.postbody import glossary_definitions
from plansite.load.taxonomy import Taxonomy, load_taxonomy
from plansite.model import PlanData, PostStatus
from plansite.output import Asset, Page
from plansite.problems import Problem, ProblemsFound
from plansite.render.admin import admin_assets, static_file
from plansite.render.aggregator_feeds import build_aggregator_feeds
from plansite.render.breadcrumbs import with_breadcrumbs
from plansite.render.cms_config import cms_config, config_yaml
from plansite.render.collisions import (
    Output,
    collision_problems,
    docs_outputs,
    hand_written_output,
    page_outputs,
)
from plansite.render.contacts import footer_html
from plansite.render.exports import plan_csv, plan_json
from plansite.render.feeds import build_feeds
from plansite.render.home import home_page
from plansite.render.ics import CalendarScope, build_calendar
from plansite.render.news_listing import posts_count
from plansite.render.news_pages import news_pages
from plansite.render.opml import build_opml
from plansite.render.plan_pages import plan_pages
from plansite.render.press_page import press_page
from plansite.render.preview_notice import problems_document
from plansite.render.site_links import dead_link_problems, known_paths
from plansite.render.site_pages import featured_plan, glossary_page
from plansite.russian import plural
from plansite.settings import build_time_from_env as build_time_from_env  # re-exported
from plansite.settings import build_time_is_fixed


@dataclass(frozen=True)
class BuildSettings:
    project_dir: Path
    site_url: str
    build_time: datetime
    """Aware UTC time the build stands at: decides scheduled posts and the featured month."""
    include_drafts: bool = False
    """Preview (``mkdocs serve``): drafts are shown, marked «Черновик»."""
    nav: tuple[str, ...] = ()
    """The pages the site's menu names (see :func:`plansite.load.navigation.nav_paths`)."""


@dataclass(frozen=True)
class Sources:
    """Everything read from ``data/``, ``news/`` and ``docs/``, validated."""

    plan_data: PlanData
    taxonomy: Taxonomy
    news: NewsData
    cms: CmsSettings
    docs_pages: tuple[HandWrittenPage, ...] = ()
    """The hand-written pages, with the meta the theme gets for each."""


@dataclass(frozen=True)
class SiteContent:
    """Everything plansite publishes, ready before the engine writes a single file."""

    sources: Sources
    pages: tuple[Page, ...]
    assets: tuple[Asset, ...]
    abbreviations: str
    """Markdown abbreviation definitions to append to hand-written pages too."""
    summary: str
    """One line for the editor: how many posts were published, held as drafts, scheduled."""
    plan_years: tuple[int, ...] = ()
    """The menu's plan years: the featured one first, then the others newest first."""
    footer_html: str = ""
    """The footer's text on every page: the branch's name and contacts."""

    def hand_written_meta(self, src: str) -> Mapping[str, object]:
        """The meta the theme gets for the hand-written page ``docs/<src>``."""
        for page in self.sources.docs_pages:
            if page.src == src:
                return page.meta
        return {}


def load_sources(project_dir: Path, build_time: datetime, *, reuse: bool = True) -> Sources:
    """Load and validate all inputs; raise one ProblemsFound with every problem found.
    ``reuse=False``: no post reading is taken from ``.cache/plansite/`` (it is refilled)."""
    docs_pages, problems = load_docs_pages(project_dir)
    plan_data: PlanData | None = None
    taxonomy: Taxonomy | None = None
    try:
        plan_data = load_plan_data(project_dir)
    except ProblemsFound as found:
        problems += found.problems
    try:
        taxonomy = load_taxonomy(project_dir)
    except ProblemsFound as found:
        problems += found.problems
    cms = None
    try:
        cms = load_cms_settings(project_dir)
    except ProblemsFound as found:
        problems += found.problems
    news = None
    if taxonomy is not None:
        try:
            news = load_news(project_dir, plan_data, taxonomy, build_time, reuse=reuse)
        except ProblemsFound as found:
            problems += found.problems
    if problems or plan_data is None or taxonomy is None or news is None or cms is None:
        raise ProblemsFound(problems)
    return Sources(plan_data, taxonomy, news, cms, docs_pages)


def generate_site(settings: BuildSettings, *, reuse: bool = True) -> SiteContent:
    """Load the project's inputs and produce every generated page and file.

    With a fixed build time (``SOURCE_DATE_EPOCH``), what was produced last time is reused
    when nothing it is made from changed (see :func:`rendered_key`): the loaded inputs, the
    settings, the files rendering reads, and plansite's code. Problems are never kept:
    inputs with problems are rendered every time. The build time is part of the key (every
    calendar entry is stamped with it), so without a fixed one nothing is kept.
    ``reuse=False`` (``plansite build --clean``): nothing kept is used, all is made afresh.
    """
    sources = load_sources(settings.project_dir, settings.build_time, reuse=reuse)
    if not build_time_is_fixed():
        return render_site(sources, settings)
    key = rendered_key(sources, settings)
    path = settings.project_dir / RENDERED_FILE
    kept = pickled.load(path, key) if reuse else None
    if isinstance(kept, dict):
        with contextlib.suppress(TypeError):
            return SiteContent(sources, **kept)
    content = render_site(sources, settings)
    rendered = {field.name: getattr(content, field.name) for field in dataclasses.fields(content)}
    del rendered["sources"]
    pickled.store(path, key, rendered)
    return content


def _value_digest(value: object) -> str:
    """Digest of a value's pickled bytes, written without pickle's memo: the same whether or
    not equal parts are one object (a post read now shares its category with the taxonomy,
    one unpickled from the readings cache has its own copy)."""
    hasher = hashlib.sha256()

    class _Sink:
        write = hasher.update

    pickler = pickle.Pickler(_Sink(), protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo; the inputs hold no cycles
    pickler.dump(value)
    return hasher.hexdigest()


RENDERED_FILE = CACHE_DIR / "rendered.pickle"
"""The pages and files of the last build, by :func:`rendered_key`."""


def rendered_key(sources: Sources, settings: BuildSettings) -> str:
    """Digest of everything :func:`render_site` makes its pages from: the loaded inputs (by
    their pickled bytes), the settings, plansite's code and files and the rendering
    libraries, and the files rendering reads itself (``docs/``, the editor's bundle)."""
    project = settings.project_dir.resolve()  # check and build name it differently
    return digest(
        software_digest(),
        tree_digest(Path(plansite.__file__).parent),
        _value_digest(sources),
        repr(dataclasses.replace(settings, project_dir=project)),
        files_digest(project / DOCS_DIR),
        files_digest(project / CMS_BUNDLE_DIR),
    )


def render_site(sources: Sources, settings: BuildSettings) -> SiteContent:
    """Every generated page and file; ProblemsFound for what only shows once all exist
    (links to pages that do not exist, files landing on a taken path)."""
    data = sources.plan_data
    visible = [
        post
        for post in sources.news.posts
        if post.status is PostStatus.PUBLISHED
        or (settings.include_drafts and post.status is PostStatus.DRAFT)
    ]
    hidden = frozenset(post.url_path for post in sources.news.posts) - {
        post.url_path for post in visible
    }
    rendered = render_posts(
        visible, data.glossary, settings.project_dir, sources.news.bodies, hidden
    )
    index = build_index(rendered)
    taxonomy = sources.taxonomy
    feeds = feed_catalog(index, taxonomy.categories, taxonomy.municipalities, data.organization)
    abbreviations = glossary_definitions(data.glossary)
    pages = [
        dataclasses.replace(page, markdown=page.markdown + abbreviations) if page.tooltips else page
        for page in with_breadcrumbs(_pages(sources, index, feeds, settings), _short_labels(data))
    ]
    assets = _assets(sources, rendered, feeds, settings)
    featured = featured_plan(data, settings.build_time.date()).year
    years = (featured, *sorted((p.year for p in data.plans if p.year != featured), reverse=True))
    content = SiteContent(
        sources,
        tuple(pages),
        tuple(assets),
        abbreviations,
        build_summary(sources.news),
        years,
        footer_html(data.organization),
    )
    problems = _broken_outputs(sources, rendered, settings.project_dir, content)
    problems += _output_problems(content, settings)
    if problems:
        raise ProblemsFound(problems)
    return content


def _broken_outputs(
    sources: Sources, rendered: Sequence[RenderedPost], project_dir: Path, content: SiteContent
) -> list[Problem]:
    """Links in posts to pages that do not exist; outputs that would overwrite each other."""
    pages, assets = content.pages, content.assets
    known = known_paths(list(pages), list(assets), sources.news.posts, project_dir)
    problems = dead_link_problems(sources.news.posts, known)
    post_files = {
        asset.path: f"файл «{asset.path.removeprefix(r.post.url_path)}» записи {r.post.source}"
        for r in rendered
        for asset in r.files
    }
    sources_of = {asset.path: r.post.source for r in rendered for asset in r.files}
    outputs = page_outputs(pages, sources.news.posts) + [
        Output(a.path, post_files.get(a.path, f"файл «/{a.path}»"), sources_of.get(a.path))
        for a in assets
    ]
    problems += collision_problems(outputs + docs_outputs(project_dir))
    return problems


def _output_problems(content: SiteContent, settings: BuildSettings) -> list[Problem]:
    """Every link in a hand-written page and every menu entry leads to a page or file of the
    site: the engine would otherwise find these only while writing it."""
    published = [*docs_files(settings.project_dir), *outputs(content)]
    return [
        *broken_links(content.sources.docs_pages, published),
        *missing_nav_pages(settings.project_dir, settings.nav, published),
    ]


def outputs(content: SiteContent) -> list[str]:
    """The path of every generated page and file, as if it were in ``docs/``."""
    return [page.src for page in content.pages] + [asset.path for asset in content.assets]


def replaced_hand_written(content: SiteContent, hand_written: Iterable[str]) -> list[Problem]:
    """A problem for each file in ``docs/`` (paths inside it, as the engine lists them) that a
    generated page or file would silently replace: the editor's page would vanish."""
    generated = page_outputs(content.pages, content.sources.news.posts) + [
        Output(asset.path, f"файл «/{asset.path}»") for asset in content.assets
    ]
    return collision_problems(generated + [hand_written_output(path) for path in hand_written])


def broken_links(pages: Iterable[HandWrittenPage], files: Iterable[str]) -> list[Problem]:
    """A problem for each relative link in a hand-written page to a file the site does not
    have. MkDocs 1.6 warns about exactly these (``Page.path_to_url``), which stops a strict
    build: links with a scheme, absolute ones, bare anchors and extensionless ones it lets
    through."""
    known = set(files)
    problems = []
    for page in pages:
        for link in page.links:
            target = urls.docs_link_target(page.src, link.url)
            if target is None or target in known:
                continue
            problems.append(
                Problem(
                    f"{DOCS_DIR}/{page.src}",
                    link.line,
                    "ссылка",
                    f"«{link.url}»: на сайте нет страницы или файла {target}. Проверьте имя "
                    "файла и папки: путь считается от папки этой страницы.",
                )
            )
    return problems


def build_summary(news: NewsData) -> str:
    line = (
        f"Новости: опубликовано {posts_count(len(news.published))}, "
        f"черновиков {len(news.drafts)}, запланировано {len(news.scheduled)}."
    )
    if news.removed_control_chars:
        removed = plural(news.removed_control_chars, "символ", "символа", "символов")
        line += f" Удалено управляющих {removed} (вставлены из офисных документов)."
    return line


def _pages(
    sources: Sources, index: NewsIndex, feeds: tuple[FeedInfo, ...], settings: BuildSettings
) -> list[Page]:
    data = sources.plan_data
    today = settings.build_time.date()
    pages = [
        home_page(data, today, settings.site_url, index),
        glossary_page(data),
        press_page(data, feeds, settings.site_url),
    ]
    for plan in data.plans:
        pages += plan_pages(data, plan, index, settings.site_url, today)
    pages += news_pages(index, data, sources.taxonomy, settings.site_url, feeds)
    return pages


def _short_labels(data: PlanData) -> dict[str, str]:
    """Names in breadcrumbs for pages whose titles are too long for them."""
    return {urls.plan_src(plan.year): f"План работы на {plan.year} год" for plan in data.plans}


def _assets(
    sources: Sources,
    rendered: list[RenderedPost] | tuple[RenderedPost, ...],
    feeds: tuple[FeedInfo, ...],
    settings: BuildSettings,
) -> list[Asset]:
    data = sources.plan_data
    organization = data.organization
    site_url, stamp = settings.site_url, settings.build_time
    assets = [
        Asset(urls.ICS_PATH, build_calendar(data, site_url, stamp, CalendarScope.FULL)),
        Asset(urls.ICS_DATES_PATH, build_calendar(data, site_url, stamp, CalendarScope.DATES)),
    ]
    for plan in data.plans:
        assets.append(Asset(urls.plan_json_path(plan.year), plan_json(data, plan, site_url)))
        assets.append(Asset(urls.plan_csv_path(plan.year), plan_csv(plan, site_url)))
    card = _site_card(settings.project_dir)
    assets += build_feeds(feeds, organization, site_url)
    assets += build_aggregator_feeds(feeds, organization, site_url, card)
    assets.append(build_opml(feeds, organization, site_url))
    assets += [asset for r in rendered for asset in r.files]
    assets += _editor_assets(sources, settings)
    return assets


def _editor_assets(sources: Sources, settings: BuildSettings) -> list[Asset]:
    """The browser editor (in the preview always, published when a git host is configured)
    and, in the preview, the script that shows a failed rebuild's problems on every page."""
    preview = settings.include_drafts
    if not preview and not sources.cms.published:
        return []
    backend = local_backend_url() if preview else None
    config = cms_config(sources.plan_data, sources.taxonomy, sources.cms, backend)
    bundle = load_bundle(settings.project_dir, required=not preview)
    name = sources.plan_data.organization.short_name
    assets = admin_assets(config_yaml(config), bundle, sources.cms, name, backend)
    if preview:
        assets.append(Asset(urls.PREVIEW_SCRIPT_PATH, static_file("plansite-preview.js")))
        assets.append(Asset(urls.PREVIEW_PROBLEMS_PATH, problems_document([])))
    return assets


def _site_card(project_dir: Path) -> Asset | None:
    """The site's wide picture (``docs/assets/card.png``), the Dzen cover of posts without a
    wide one; None in a project without it (then such posts go without a cover)."""
    path = project_dir / DOCS_DIR / urls.CARD_IMAGE_PATH
    return Asset(urls.CARD_IMAGE_PATH, path.read_bytes()) if path.is_file() else None
