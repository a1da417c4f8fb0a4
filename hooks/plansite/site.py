"""The whole pipeline in order: load and validate, derive, then render pages and files.

:func:`generate_site` is what both ``plansite check`` and the site engine run: every page and
file plansite publishes is produced here, before the engine writes anything, so an input
that ``check`` passes cannot fail the build later. Nothing is rendered until everything has
loaded without a problem, so a broken input never produces a half-published site.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from plansite import urls
from plansite.derive.feed_catalog import FeedInfo, feed_catalog
from plansite.derive.news_index import NewsIndex, build_index
from plansite.derive.posts import RenderedPost, render_posts
from plansite.load.docs_pages import DOCS_DIR, HandWrittenPage, docs_files, load_docs_pages
from plansite.load.navigation import missing_nav_pages
from plansite.load.news import NewsData, load_news
from plansite.load.plan import load_plan_data
from plansite.load.postbody import glossary_definitions
from plansite.load.taxonomy import Taxonomy, load_taxonomy
from plansite.model import PlanData, Post, PostStatus
from plansite.output import Asset, Page
from plansite.problems import Problem, ProblemsFound
from plansite.render.aggregator_feeds import build_aggregator_feeds
from plansite.render.exports import plan_csv, plan_json
from plansite.render.feeds import build_feeds
from plansite.render.ics import CalendarScope, build_calendar
from plansite.render.news_listing import posts_count
from plansite.render.news_pages import news_pages
from plansite.render.opml import build_opml
from plansite.render.plan_pages import plan_pages
from plansite.render.press_page import press_page
from plansite.render.site_pages import glossary_page, home_page, latest_news_block
from plansite.russian import plural


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

    def hand_written_meta(self, src: str) -> Mapping[str, object]:
        """The meta the theme gets for the hand-written page ``docs/<src>``."""
        for page in self.sources.docs_pages:
            if page.src == src:
                return page.meta
        return {}


def build_time_from_env(environ: Mapping[str, str] = os.environ) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), otherwise now."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(tz=timezone.utc)


def site_url_from(configured: str, environ: Mapping[str, str] = os.environ) -> str:
    """``PLANSITE_SITE_URL`` sets the public address at build time, without editing files;
    otherwise the configured one is used."""
    override = environ.get("PLANSITE_SITE_URL", "").strip()
    return override.rstrip("/") + "/" if override else configured


def load_sources(project_dir: Path, build_time: datetime) -> Sources:
    """Load and validate all inputs; raise one ProblemsFound with every problem found."""
    docs_pages, problems = load_docs_pages(project_dir)
    plan_data: PlanData | None = None
    taxonomy: Taxonomy | None = None
    news: NewsData | None = None
    try:
        plan_data = load_plan_data(project_dir)
    except ProblemsFound as found:
        problems += found.problems
    try:
        taxonomy = load_taxonomy(project_dir)
    except ProblemsFound as found:
        problems += found.problems
    if taxonomy is not None:
        try:
            news = load_news(project_dir, plan_data, taxonomy, build_time)
        except ProblemsFound as found:
            problems += found.problems
    if problems or plan_data is None or taxonomy is None or news is None:
        raise ProblemsFound(problems)
    assert plan_data is not None and taxonomy is not None and news is not None
    return Sources(plan_data, taxonomy, news, docs_pages)


def generate_site(settings: BuildSettings) -> SiteContent:
    """Load the project's inputs and produce every generated page and file.

    Raises ProblemsFound for every problem in the inputs, including those only the finished
    outputs show (see :func:`_output_problems`).
    """
    sources = load_sources(settings.project_dir, settings.build_time)
    data = sources.plan_data
    visible = [
        post
        for post in sources.news.posts
        if post.status is PostStatus.PUBLISHED
        or (settings.include_drafts and post.status is PostStatus.DRAFT)
    ]
    rendered = render_posts(visible, data.glossary, settings.project_dir, sources.news.bodies)
    index = build_index(rendered)
    taxonomy = sources.taxonomy
    feeds = feed_catalog(index, taxonomy.categories, taxonomy.municipalities, data.organization)
    abbreviations = glossary_definitions(data.glossary)
    pages = [
        dataclasses.replace(page, markdown=page.markdown + abbreviations) if page.tooltips else page
        for page in _pages(sources, index, feeds, settings)
    ]
    assets = _assets(sources, rendered, feeds, settings)
    _refuse_duplicates([page.src for page in pages] + [asset.path for asset in assets])
    content = SiteContent(
        sources, tuple(pages), tuple(assets), abbreviations, build_summary(sources.news)
    )
    problems = _output_problems(content, settings)
    if problems:
        raise ProblemsFound(problems)
    return content


def _output_problems(content: SiteContent, settings: BuildSettings) -> list[Problem]:
    """The rules across the finished site, which the engine would otherwise enforce only
    while writing it: no generated output replaces a hand-written file, and every link in
    a hand-written page and every menu entry leads to a page or file of the site."""
    hand_written = docs_files(settings.project_dir)
    published = [*hand_written, *outputs(content)]
    return [
        *replaced_hand_written(content, hand_written),
        *broken_links(content.sources.docs_pages, published),
        *missing_nav_pages(settings.project_dir, settings.nav, published),
    ]


def outputs(content: SiteContent) -> list[str]:
    """The path of every generated page and file, as if it were in ``docs/``."""
    return [page.src for page in content.pages] + [asset.path for asset in content.assets]


def replaced_hand_written(content: SiteContent, hand_written: Iterable[str]) -> list[Problem]:
    """A problem for each file in ``docs/`` (paths inside it) that a generated page or file
    would silently replace: the editor's page would vanish from the site."""
    origins = _post_origins(content.sources.news.posts)
    clashes = set(outputs(content)) & set(hand_written)
    return [
        Problem(
            f"{DOCS_DIR}/{path}",
            1,
            "файл",
            f"по этому адресу сайт сам создаёт {path}{origins.get(path, '')}, и файл "
            f"{DOCS_DIR}/{path} пропал бы с сайта: переименуйте {DOCS_DIR}/{path} "
            "или перенесите его в другую папку.",
        )
        for path in sorted(clashes)
    ]


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


def _post_origins(posts: Iterable[Post]) -> dict[str, str]:
    """`` из записи news/…`` for each output made from a post: its page and its files."""
    origins = {}
    for post in posts:
        origin = f" из записи {post.source}"
        origins[urls.post_src(post.url_path)] = origin
        for relpath in post.files:
            origins[post.url_path + relpath] = origin
    return origins


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
        home_page(data, today, settings.site_url, latest_news_block(index)),
        glossary_page(data),
        press_page(data, feeds, settings.site_url),
    ]
    for plan in data.plans:
        pages += plan_pages(data, plan, index, settings.site_url)
    pages += news_pages(index, data, sources.taxonomy, settings.site_url, feeds)
    return pages


def _assets(
    sources: Sources,
    rendered: Sequence[RenderedPost],
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
    return assets


def _site_card(project_dir: Path) -> Asset | None:
    """The site's wide picture (``docs/assets/card.png``), the Dzen cover of posts without a
    wide one; None in a project without it (then such posts go without a cover)."""
    path = project_dir / DOCS_DIR / urls.CARD_IMAGE_PATH
    return Asset(urls.CARD_IMAGE_PATH, path.read_bytes()) if path.is_file() else None


def _refuse_duplicates(paths: list[str]) -> None:
    """Two outputs at one path would silently overwrite each other: a bug, not an input error."""
    seen: set[str] = set()
    for path in paths:
        if path in seen:
            raise RuntimeError(f"two generated outputs share the path {path}")
        seen.add(path)
