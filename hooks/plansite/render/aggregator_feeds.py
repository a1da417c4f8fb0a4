"""The feeds for Dzen and for Yandex's fresh-content intake (``feeds/dzen.xml``,
``feeds/yandex.xml``): RSS 2.0 by feedgen, with the extensions in
:mod:`plansite.render.feed_extensions`.

Dzen (https://dzen.ru/help/ru/website/rss-modify, «Разметка и подключение ленты RSS»):

* every item has ``title``, ``link``, ``guid``, ``pubDate`` (RFC 822), ``media:rating``
  (``nonadult``: the branch publishes nothing else), the service categories
  ``DZEN_CATEGORIES`` and the full text in ``content:encoded`` with only the markup Dzen
  keeps (see :mod:`plansite.render.aggregator_html`);
* the cover picture is an ``enclosure`` at least ``MIN_COVER_WIDTH`` (700) pixels wide:
  the post's lead picture when it is that wide, the site's 1200 × 630 card otherwise;
  every other picture of the text is listed as an enclosure too, as Dzen asks;
* an edited post keeps its ``guid`` (the post's address, built from its date and file name),
  so Dzen updates the publication instead of creating a duplicate;
* links carry no GET parameters: the site's addresses never have a query string.

Yandex (https://yandex.ru/support/webmaster/ru/search-appearance/fresh-content, «Свежие и
актуальные материалы»): ``title``, ``link``, ``pubDate`` and ``yandex:full-text`` — the full
text without markup — in every item, the post's category as its ``category``, the same
cover ``enclosure``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from plansite.derive.feed_catalog import FeedFormat, FeedInfo
from plansite.derive.posts import RenderedPost
from plansite.load.images import picture_size
from plansite.model import Organization
from plansite.output import Asset
from plansite.render.aggregator_html import aggregator_html, plain_text
from plansite.render.feed_extensions import (
    DzenEntryExtension,
    DzenExtension,
    Enclosure,
    YandexEntryExtension,
    YandexExtension,
)
from plansite.render.feed_html import file_url, item_html, mime_type, xml_safe
from plansite.render.feeds import EMPTY_FEED_DATE, GENERATOR, LANGUAGE
from plansite.urls import absolute

MIN_COVER_WIDTH = 700
"""Dzen's smallest cover width, in pixels."""
COVER_TYPES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})
"""Raster pictures: an SVG has no pixel width and Dzen does not show it."""
RATING = "nonadult"
DZEN_CATEGORIES = ("format-article", "index", "comment-all")
"""Dzen's service categories: publish as an article, let search index it, comments open."""


@dataclass(frozen=True)
class _Item:
    """What both aggregator feeds say about one post."""

    post: RenderedPost
    url: str
    html: str
    enclosures: tuple[Enclosure, ...]
    """The cover first (if there is one), then every other picture of ``html``."""


def build_aggregator_feeds(
    catalog: Sequence[FeedInfo], organization: Organization, site_url: str, card: Asset | None
) -> list[Asset]:
    """The Dzen and Yandex feeds of ``catalog``; ``card`` is the site's wide picture."""
    assets = []
    for info in catalog:
        if info.format not in (FeedFormat.DZEN, FeedFormat.YANDEX):
            continue
        items = [_item(post, site_url, card) for post in info.posts]
        feed = _channel(info, site_url)
        for item in items:
            _add(feed, info.format, item, xml_safe(organization.short_name))
        assets.append(Asset(info.path, feed.rss_str(pretty=True)))
    return assets


def _channel(info: FeedInfo, site_url: str) -> FeedGenerator:
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)
    feed.register_extension("dzen", DzenExtension, DzenEntryExtension, atom=False, rss=True)
    if info.format is FeedFormat.YANDEX:
        feed.register_extension(
            "yandex", YandexExtension, YandexEntryExtension, atom=False, rss=True
        )
    feed.title(xml_safe(info.title))
    feed.description(xml_safe(info.description))
    feed.link(href=absolute(site_url, info.path), rel="self")
    feed.link(href=site_url, rel="alternate")
    feed.language(LANGUAGE)
    feed.generator(GENERATOR)
    feed.docs("")
    feed.updated(info.posts[0].post.published if info.posts else EMPTY_FEED_DATE)
    return feed


def _add(feed: FeedGenerator, kind: FeedFormat, item: _Item, author: str) -> None:
    post = item.post.post
    entry = feed.add_entry(order="append")
    entry.guid(item.url, permalink=True)
    entry.title(xml_safe(post.title))
    entry.link(href=item.url)
    entry.pubDate(post.published)
    entry.description(html.escape(xml_safe(item.post.summary) or xml_safe(post.title)))
    entry.content(item.html)  # escaped text, not CDATA: no "]]>" can break it
    entry.dc.dc_creator(author)
    if item.enclosures:
        cover, *others = item.enclosures
        entry.enclosure(cover.url, cover.length, cover.mime_type)
        entry.dzen.more_enclosures(tuple(others))
    entry.dzen.rating(RATING)
    if kind is FeedFormat.DZEN:
        entry.category([{"term": term} for term in DZEN_CATEGORIES])
    else:
        entry.category([{"term": xml_safe(post.category.name)}])
        entry.yandex.full_text(plain_text(item.html))


def _item(post: RenderedPost, site_url: str, card: Asset | None) -> _Item:
    content = aggregator_html(item_html(post, site_url))
    cover = _cover(post, card)
    enclosures = [_enclosure(site_url, cover)] if cover else []
    for asset in post.files:
        if asset is not cover and f'src="{file_url(site_url, asset.path)}"' in content:
            enclosures.append(_enclosure(site_url, asset))
    return _Item(post, absolute(site_url, post.post.url_path), content, tuple(enclosures))


def _cover(post: RenderedPost, card: Asset | None) -> Asset | None:
    """The lead picture if Dzen can use it as a cover, else the site's card."""
    lead = post.lead_picture
    if lead is not None and mime_type(lead.path) in COVER_TYPES:
        size = picture_size(lead.content)
        if size is not None and size[0] >= MIN_COVER_WIDTH:
            return lead
    return card


def _enclosure(site_url: str, asset: Asset) -> Enclosure:
    return Enclosure(file_url(site_url, asset.path), len(asset.content), mime_type(asset.path))
