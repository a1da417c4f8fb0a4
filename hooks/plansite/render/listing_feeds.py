"""A listing's own feeds: advertised in its page head and offered under its title."""

from __future__ import annotations

from collections.abc import Sequence

from plansite import urls
from plansite.derive.feed_catalog import FeedInfo


def feed_meta(feeds: Sequence[FeedInfo]) -> dict[str, object]:
    """Front matter that makes the page's head advertise ``feeds`` instead of the site-wide
    ones (see ``overrides/main.html``); paths are site-relative, the theme makes them relative."""
    if not feeds:
        return {}
    return {
        "feeds": [
            {"href": feed.path, "type": feed.format.mime_type, "title": feed.title}
            for feed in feeds
        ]
    }


def feed_links(src: str, feeds: Sequence[FeedInfo]) -> str:
    """«Подписаться: RSS 2.0 · Atom» under a listing's title."""
    if not feeds:
        return ""
    links = [f"[{feed.format.label}]({urls.relative_link(src, feed.path)})" for feed in feeds]
    return "Подписаться на эти новости: " + " · ".join(links) + "\n{ .feed-links }\n\n"
