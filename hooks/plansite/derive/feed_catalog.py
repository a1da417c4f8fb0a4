"""Every news feed the site publishes, with the posts each holds.

One list serves the feed files, the OPML subscription list, the press page and the
``<link rel="alternate">`` of each listing page, so a feed named on the site always exists::

    rss.xml, atom.xml                        all news
    feeds/dzen.xml                           all news for Dzen
    feeds/yandex.xml                         all news for Yandex's fresh-content intake
    news/category/{id}/rss.xml, atom.xml     one category
    municipalities/{id}/rss.xml              one municipality
    news/tag/{slug}/rss.xml                  one tag

Every feed holds the newest ``FEED_LIMIT`` published posts it covers, newest first; a
category or municipality without posts still gets a valid, empty feed, since its page exists.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from plansite import urls
from plansite.derive.news_index import NewsIndex
from plansite.derive.posts import RenderedPost
from plansite.model import Category, Municipality, Organization, PostStatus

FEED_LIMIT = 30
"""How many of the newest posts a feed holds."""


class FeedFormat(enum.Enum):
    RSS = "application/rss+xml"
    ATOM = "application/atom+xml"
    DZEN = "dzen"
    """RSS 2.0 marked up for Dzen."""
    YANDEX = "yandex"
    """RSS 2.0 marked up for Yandex's fresh-content intake."""

    @property
    def mime_type(self) -> str:
        return FeedFormat.ATOM.value if self is FeedFormat.ATOM else FeedFormat.RSS.value

    @property
    def label(self) -> str:
        """How the press page names the format."""
        return FORMAT_LABELS[self]


FORMAT_LABELS = {
    FeedFormat.RSS: "RSS 2.0",
    FeedFormat.ATOM: "Atom",
    FeedFormat.DZEN: "RSS для Дзена",
    FeedFormat.YANDEX: "RSS для Яндекса",
}


class FeedGroup(enum.Enum):
    MAIN = "main"
    AGGREGATOR = "aggregator"
    CATEGORY = "category"
    MUNICIPALITY = "municipality"
    TAG = "tag"


@dataclass(frozen=True)
class FeedInfo:
    path: str
    """Site-relative path of the feed file."""
    format: FeedFormat
    group: FeedGroup
    title: str
    description: str
    """What the feed contains, one sentence."""
    page: str
    """Site-relative URL of the HTML page the feed mirrors."""
    posts: tuple[RenderedPost, ...]
    """Published posts, newest first, at most FEED_LIMIT."""

    @property
    def for_readers(self) -> bool:
        """RSS and Atom feeds for people; the aggregator feeds are for services."""
        return self.format in (FeedFormat.RSS, FeedFormat.ATOM)


def feed_catalog(
    index: NewsIndex,
    categories: Sequence[Category],
    municipalities: Sequence[Municipality],
    organization: Organization,
) -> tuple[FeedInfo, ...]:
    """Every feed, in the order the press page and the OPML file list them."""
    short = organization.short_name
    news_page = urls.listing_page(urls.NEWS_BASE)
    everything = _latest(index.posts)
    title, description = f"{short} — новости", f"Новости: {organization.name}"
    feeds = [
        FeedInfo(
            urls.RSS_PATH, FeedFormat.RSS, FeedGroup.MAIN, title, description, news_page, everything
        ),
        FeedInfo(
            urls.ATOM_PATH,
            FeedFormat.ATOM,
            FeedGroup.MAIN,
            title,
            description,
            news_page,
            everything,
        ),
        FeedInfo(
            urls.DZEN_PATH,
            FeedFormat.DZEN,
            FeedGroup.AGGREGATOR,
            short,
            f"Все новости с полным текстом в разметке Дзена: {organization.name}.",
            news_page,
            everything,
        ),
        FeedInfo(
            urls.YANDEX_PATH,
            FeedFormat.YANDEX,
            FeedGroup.AGGREGATOR,
            short,
            f"Все новости с полным текстом для Яндекса (свежие материалы): {organization.name}.",
            news_page,
            everything,
        ),
    ]
    for category in categories:
        base = urls.category_base(category.id)
        posts = _latest(index.by_category.get(category.id, ()))
        title = f"{short}: {category.name}"
        about = category.description or title
        for path, kind in (
            (urls.listing_rss_path(base), FeedFormat.RSS),
            (urls.listing_atom_path(base), FeedFormat.ATOM),
        ):
            feeds.append(
                FeedInfo(
                    path, kind, FeedGroup.CATEGORY, title, about, urls.listing_page(base), posts
                )
            )
    for municipality in municipalities:
        base = urls.municipality_base(municipality.id)
        feeds.append(
            FeedInfo(
                urls.listing_rss_path(base),
                FeedFormat.RSS,
                FeedGroup.MUNICIPALITY,
                f"{short}: {municipality.name}",
                f"Новости о муниципальном образовании «{municipality.name}».",
                urls.listing_page(base),
                _latest(index.by_municipality.get(municipality.id, ())),
            )
        )
    for slug, posts in sorted(index.by_tag.items()):
        name = index.tag_names[slug]
        base = urls.tag_base(slug)
        feeds.append(
            FeedInfo(
                urls.listing_rss_path(base),
                FeedFormat.RSS,
                FeedGroup.TAG,
                f"{short}: метка «{name}»",
                f"Новости с меткой «{name}».",
                urls.listing_page(base),
                _latest(posts),
            )
        )
    return tuple(feeds)


def feeds_of_page(catalog: Iterable[FeedInfo], page: str) -> tuple[FeedInfo, ...]:
    """The reader feeds that mirror the listing at ``page`` (its own, not the site-wide)."""
    return tuple(feed for feed in catalog if feed.page == page and feed.for_readers)


def _latest(posts: Iterable[RenderedPost]) -> tuple[RenderedPost, ...]:
    """Published posts only (a preview shows drafts, feeds never), newest first, capped.

    Sorted again here, so the feeds never depend on the caller's order.
    """
    published = [item for item in posts if item.post.status is PostStatus.PUBLISHED]
    published.sort(key=lambda item: (item.post.published, item.post.url_path), reverse=True)
    return tuple(published[:FEED_LIMIT])
