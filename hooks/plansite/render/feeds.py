"""The news feeds: ``rss.xml`` (RSS 2.0), ``atom.xml`` (Atom 1.0) and one RSS feed per category.

Every feed holds the newest ``FEED_LIMIT`` published posts (of its category), newest first::

    rss.xml                              all news, RSS 2.0
    atom.xml                             all news, Atom 1.0
    news/category/{category id}/rss.xml  one category, RSS 2.0 (empty but valid if unused)

All XML is produced by feedgen (lxml underneath), never by string concatenation, so ``&``,
``<`` and quotes in titles always come out as text.

GUIDs. An item's RSS ``guid isPermaLink="true"`` and its Atom ``id`` are the absolute URL of
the post page. That URL is built from the publication date and the file name only
(``news/2019/04/uroki/``), never from the title, so fixing a typo in a title does not make
feed readers show the post again as new.

Absolute URLs. A post body is rendered for its own page, so its links and pictures are
relative to that page (``lessons.png``, ``../../03/other/``, ``#part``). In a feed reader
there is no such page, and relative URLs there are the most reported bug of the MkDocs feed
plugins. Before the body goes into ``content:encoded`` / Atom ``content``, every ``href``,
``src``, ``poster``, ``cite`` and each ``srcset`` candidate is resolved against the post's
absolute URL with browser semantics (``urljoin``): absolute URLs and ``mailto:``/``tel:``
links stay as they are, ``#part`` becomes ``{post URL}#part``.

Items. ``description`` is the plain-text summary (the title if a post has none);
``content:encoded`` / Atom ``content type="html"`` the full body; ``pubDate`` the post's own
aware time in RFC 822 with its offset (``+0300`` in Moscow), so a date-only post at Moscow
midnight shows its own day. Categories are the post's category (RSS ``<category>`` with its
name; Atom ``term`` = id, ``label`` = name) followed by its tags. Municipalities are left
out: they are on the post page. The lead picture is an RSS ``enclosure`` / Atom
``link rel="enclosure"`` with the real byte length and MIME type.

Author. RSS ``<author>`` must be an e-mail address, which the branch does not want to
publish in feeds, so RSS items carry ``dc:creator`` = the organisation's short name; Atom
entries and the Atom feed carry ``author/name`` = the short name.

Reproducibility. The same input gives the same bytes: ``lastBuildDate`` / Atom ``updated``
is the newest post's date (``EMPTY_FEED_DATE``, 1970-01-01T00:00Z, for a feed without
posts), each Atom entry's ``updated`` is its publication date, the generator is the plain
word ``plansite`` (no version, no URL) and feedgen's ``<docs>`` link is dropped.

Robustness. Characters XML 1.0 forbids (C0 controls other than tab, LF and CR, U+FFFE,
U+FFFF, lone surrogates) are removed from every text that goes into a feed, so whatever an
editor pastes the feeds stay well-formed.
"""

from __future__ import annotations

import html
import mimetypes
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import lxml.etree
import lxml.html
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator

from plansite.model import Category, Organization, Post, PostStatus
from plansite.output import Asset
from plansite.urls import (
    ATOM_PATH,
    NEWS_URL,
    RSS_PATH,
    absolute,
    category_rss_path,
    category_url,
    post_file_path,
)

if TYPE_CHECKING:
    from plansite.derive.posts import RenderedPost

FEED_LIMIT = 30
"""How many of the newest posts a feed holds."""
LANGUAGE = "ru"
GENERATOR = "plansite"
EMPTY_FEED_DATE = datetime(1970, 1, 1, tzinfo=timezone.utc)
"""``lastBuildDate`` / ``updated`` of a feed with no posts: fixed, so builds stay reproducible."""

URL_ATTRIBUTES = ("href", "src", "poster", "cite")
"""HTML attributes holding a single URL that is made absolute in feed content."""
SRCSET_ATTRIBUTE = "srcset"
LINK_ATTRIBUTES = ("rel", "type", "hreflang", "title", "length")
"""Attributes of an Atom ``<link>`` besides ``href``."""

IMAGE_TYPES = {
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".jpeg": "image/jpeg",
    ".jpg": "image/jpeg",
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
"""Explicit types for pictures: the system MIME database differs between machines."""
_MIME_TYPES = mimetypes.MimeTypes()
"""Python's built-in table only (it does not read /etc/mime.types): the same everywhere."""
FALLBACK_MIME_TYPE = "application/octet-stream"

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


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
    posts: Sequence[RenderedPost],
    categories: Sequence[Category],
    organization: Organization,
    site_url: str,
) -> list[Asset]:
    """The main RSS and Atom feeds and one RSS feed per category.

    ``posts`` are the published posts; they are ordered newest first here again (and any
    draft or scheduled post is dropped), so the feeds never depend on the caller's care.
    """
    ordered = _newest_first(posts)
    news_link = absolute(site_url, NEWS_URL)
    title = f"{organization.short_name} — новости"
    description = f"Новости: {organization.name}"
    rss = _Channel(title, description, news_link, absolute(site_url, RSS_PATH))
    atom = _Channel(title, description, news_link, absolute(site_url, ATOM_PATH))
    latest = ordered[:FEED_LIMIT]
    assets = [
        Asset(RSS_PATH, _feed(rss, latest, organization, site_url).rss_str(pretty=True)),
        Asset(ATOM_PATH, _feed(atom, latest, organization, site_url).atom_str(pretty=True)),
    ]
    for category in categories:
        assets.append(_category_feed(category, ordered, organization, site_url))
    return assets


def _category_feed(
    category: Category,
    ordered: Sequence[RenderedPost],
    organization: Organization,
    site_url: str,
) -> Asset:
    path = category_rss_path(category.id)
    title = f"{organization.short_name}: {category.name}"
    channel = _Channel(
        title=title,
        description=category.description or title,
        link=absolute(site_url, category_url(category.id)),
        self_url=absolute(site_url, path),
    )
    items = [item for item in ordered if item.post.category.id == category.id][:FEED_LIMIT]
    return Asset(path, _feed(channel, items, organization, site_url).rss_str(pretty=True))


def _newest_first(posts: Iterable[RenderedPost]) -> list[RenderedPost]:
    published = [item for item in posts if item.post.status is PostStatus.PUBLISHED]
    return sorted(
        published, key=lambda item: (item.post.published, item.post.url_path), reverse=True
    )


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
    entry.content(absolutize_links(xml_safe(item.html), url), type="html")
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
    image = _lead_image(item)
    if image is not None:
        entry.enclosure(absolute(site_url, image.path), len(image.content), mime_type(image.path))


def _lead_image(item: RenderedPost) -> Asset | None:
    if not item.post.image:
        return None
    path = post_file_path(item.post.url_path, item.post.image)
    return next((asset for asset in item.files if asset.path == path), None)


def mime_type(path: str) -> str:
    """The MIME type of a file by its extension, the same on every machine."""
    extension = posixpath.splitext(path)[1].lower()
    if extension in IMAGE_TYPES:
        return IMAGE_TYPES[extension]
    return _MIME_TYPES.guess_type(path.lower())[0] or FALLBACK_MIME_TYPE


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (escaping is left to lxml)."""
    return _XML_FORBIDDEN.sub("", text)


def absolutize_links(html: str, base_url: str) -> str:
    """``html`` with every URL in ``URL_ATTRIBUTES`` and ``srcset`` resolved against
    ``base_url``; absolute URLs, ``mailto:`` and other schemes stay as they are."""
    if not html.strip():
        return ""
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in wrapper.iter(lxml.etree.Element):  # elements only: no comments
        _absolutize_element(element, base_url)
    serialized: str = lxml.html.tostring(wrapper, encoding="unicode")
    return serialized.removeprefix("<div>").removesuffix("</div>")


def _absolutize_element(element: lxml.html.HtmlElement, base_url: str) -> None:
    for name in URL_ATTRIBUTES:
        value = element.get(name)
        if value is not None:
            element.set(name, urljoin(base_url, value.strip()))
    srcset = element.get(SRCSET_ATTRIBUTE)
    if srcset is not None:
        element.set(SRCSET_ATTRIBUTE, _absolute_srcset(srcset, base_url))


def _absolute_srcset(srcset: str, base_url: str) -> str:
    """``a.png 1x, b.png 2x`` with each candidate's URL made absolute (URLs with commas,
    which a srcset cannot tell from separators anyway, are not supported)."""
    candidates = []
    for candidate in srcset.split(","):
        parts = candidate.split(None, 1)
        if parts:
            parts[0] = urljoin(base_url, parts[0])
            candidates.append(" ".join(parts))
    return ", ".join(candidates)
