"""The reader feeds: RSS 2.0 and Atom 1.0, for the whole site and for each listing.

Which feeds exist, and which posts each holds, is decided in
:mod:`plansite.derive.feed_catalog`; this module writes the RSS and Atom ones. All XML is
produced by feedgen (lxml underneath), never by string concatenation, so ``&``, ``<`` and
quotes in titles always come out as text.

GUIDs. An item's RSS ``guid isPermaLink="true"`` and its Atom ``id`` are the absolute URL of
the post page. That URL is built from the publication date and the file name only
(``news/2019/04/uroki/``), never from the title, so fixing a typo in a title does not make
feed readers show the post again as new.

Items. ``description`` is the plain-text summary (the title if a post has none);
``content:encoded`` / Atom ``content type="html"`` the full body, starting with the lead
picture, every URL absolute (see :mod:`plansite.render.feed_html`); ``pubDate`` the post's
own aware time in RFC 822 with its offset (``+0300`` in Moscow), so a date-only post at
Moscow midnight shows its own day. Categories are the post's category (RSS ``<category>``
with its name; Atom ``term`` = id, ``label`` = name) followed by its tags. Municipalities
are left out: they are on the post page. The lead picture is also an RSS ``enclosure`` /
Atom ``link rel="enclosure"`` with the real byte length and MIME type.

Author. RSS ``<author>`` must be an e-mail address, which the branch does not want to
publish in feeds, so RSS items carry ``dc:creator`` = the organisation's short name; Atom
entries and the Atom feed carry ``author/name`` = the short name.

Reproducibility. The same input gives the same bytes: ``lastBuildDate`` / Atom ``updated``
is the newest post's date (``EMPTY_FEED_DATE``, 1970-01-01T00:00Z, for a feed without
posts), each Atom entry's ``updated`` is its publication date, the generator is the plain
word ``plansite`` (no version, no URL) and feedgen's ``<docs>`` link is dropped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone

import lxml.etree
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from plansite.derive.feed_catalog import FeedFormat, FeedInfo
from plansite.derive.posts import RenderedPost
from plansite.model import Organization, Post
from plansite.output import Asset
from plansite.render.feed_html import file_url, item_html, mime_type, xml_safe
from plansite.urls import absolute

LANGUAGE = "ru"
GENERATOR = "plansite"
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)
"""``lastBuildDate`` / ``updated`` of a feed with no posts: fixed, so builds stay reproducible."""

LINK_ATTRIBUTES = ("rel", "type", "hreflang", "title", "length")
"""Attributes of an Atom ``<link>`` besides ``href``."""


@dataclass(frozen=True)
class _Channel:
    """What a feed says about itself."""

    title: str
    description: str
    link: str
    """Absolute URL of the HTML page the feed mirrors."""
    self_url: str
    """Absolute URL of the feed file itself."""


def build_feeds(
    catalog: Sequence[FeedInfo], organization: Organization, site_url: str
) -> list[Asset]:
    """The RSS and Atom files of ``catalog`` (the aggregator feeds are written elsewhere)."""
    assets = []
    for info in catalog:
        if not info.for_readers:
            continue
        channel = _Channel(
            title=info.title,
            description=info.description,
            link=absolute(site_url, info.page),
            self_url=absolute(site_url, info.path),
        )
        feed = _feed(channel, info.posts, organization, site_url)
        content = (
            feed.atom_str(pretty=True)
            if info.format is FeedFormat.ATOM
            else feed.rss_str(pretty=True)
        )
        assets.append(Asset(info.path, content))
    return assets


def _feed(
    channel: _Channel,
    items: Sequence[RenderedPost],
    organization: Organization,
    site_url: str,
) -> FeedGenerator:
    """A feedgen feed of ``items`` (already newest first and capped)."""
    feed = FeedGenerator()
    feed.load_extension("dc", atom=False, rss=True)
    feed.id(channel.self_url)
    feed.title(xml_safe(channel.title))
    feed.description(html.escape(xml_safe(channel.description)))  # read as HTML, like items
    feed.link(href=channel.self_url, rel="self")
    feed.link(href=channel.link, rel="alternate")  # last: feedgen's RSS <link> is the last link
    feed.language(LANGUAGE)
    feed.author(name=xml_safe(organization.short_name))
    feed.generator(GENERATOR)
    feed.docs("")  # feedgen's default points at the RSS spec; an empty value drops <docs>
    feed.updated(items[0].post.published if items else EMPTY_FEED_DATE)
    for item in items:
        _add_entry(feed.add_entry(_Entry(), order="append"), item, organization, site_url)
    return feed


class _Entry(FeedEntry):  # type: ignore[misc]  # feedgen ships no type information
    """A feedgen entry whose Atom links keep ``rel``, ``type`` and ``length``.

    feedgen 1.0 builds each entry ``<link>`` but then reads those attributes from the new
    element instead of the link data (a shadowed variable), so they are lost and the
    enclosure would look like a second alternate link. They are set again here.
    """

    def atom_entry(self, extensions: bool = True) -> lxml.etree._Element:
        entry: lxml.etree._Element = super().atom_entry(extensions=extensions)
        for element, data in zip(entry.findall("link"), self.link() or [], strict=True):
            for name in LINK_ATTRIBUTES:
                if data.get(name):
                    element.set(name, data[name])
        return entry


def _add_entry(
    entry: _Entry, item: RenderedPost, organization: Organization, site_url: str
) -> None:
    post = item.post
    url = absolute(site_url, post.url_path)
    title = xml_safe(post.title)
    entry.guid(url, permalink=True)  # also the Atom id
    entry.title(title)
    entry.link(href=url, rel="alternate")
    entry.published(post.published)
    entry.updated(post.published)
    summary = xml_safe(item.summary) or title
    entry.summary(summary)  # Atom: plain text
    entry.description(html.escape(summary))  # RSS readers treat <description> as HTML
    entry.content(item_html(item, site_url), type="html")
    author = xml_safe(organization.short_name)
    entry.author(name=author)
    entry.dc.dc_creator(author)
    entry.category(_categories(post))
    _add_enclosure(entry, item, site_url)


def _categories(post: Post) -> list[dict[str, str]]:
    """The main category (term = id, label = name), then the tags."""
    categories = [{"term": xml_safe(post.category.id), "label": xml_safe(post.category.name)}]
    for tag in post.tags:
        clean = xml_safe(tag).strip()
        if clean:
            categories.append({"term": clean})
    return categories


def _add_enclosure(entry: FeedEntry, item: RenderedPost, site_url: str) -> None:
    """The lead picture as an enclosure, if the post has one among its files."""
    image = item.lead_picture
    if image is not None:
        entry.enclosure(file_url(site_url, image.path), len(image.content), mime_type(image.path))
