"""``feeds.opml``: every feed of the site in one OPML 2.0 file, for readers that import a
whole list of subscriptions at once (http://opml.org/spec2.opml, «subscription lists»).

feedgen writes feeds, not OPML, so this small file is built with lxml: one folder
(``outline`` with ``text``) per group of feeds, one ``outline type="rss"`` per feed with its
``xmlUrl``, the ``htmlUrl`` of the page it mirrors and what it contains. The list comes from
:mod:`plansite.derive.feed_catalog`, so it names exactly the feeds that are published.
"""

from __future__ import annotations

from collections.abc import Sequence

import lxml.etree

from plansite.derive.feed_catalog import FeedGroup, FeedInfo
from plansite.model import Organization
from plansite.output import Asset
from plansite.render.feed_html import xml_safe
from plansite.urls import OPML_PATH, absolute

GROUP_TITLES = {
    FeedGroup.MAIN: "Все новости",
    FeedGroup.AGGREGATOR: "Для агрегаторов (Дзен, Яндекс)",
    FeedGroup.CATEGORY: "Рубрики",
    FeedGroup.MUNICIPALITY: "Муниципальные образования",
    FeedGroup.TAG: "Метки",
}


def build_opml(catalog: Sequence[FeedInfo], organization: Organization, site_url: str) -> Asset:
    root = lxml.etree.Element("opml", version="2.0")
    head = lxml.etree.SubElement(root, "head")
    lxml.etree.SubElement(head, "title").text = xml_safe(
        f"{organization.short_name}: ленты новостей"
    )
    body = lxml.etree.SubElement(root, "body")
    for group, title in GROUP_TITLES.items():
        feeds = [feed for feed in catalog if feed.group is group]
        if not feeds:
            continue
        folder = lxml.etree.SubElement(body, "outline", text=title)
        for feed in feeds:
            name = xml_safe(f"{feed.title} ({feed.format.label})")
            lxml.etree.SubElement(
                folder,
                "outline",
                type="rss",
                text=name,
                title=name,
                description=xml_safe(feed.description),
                xmlUrl=absolute(site_url, feed.path),
                htmlUrl=absolute(site_url, feed.page),
                language="ru",
            )
    content = lxml.etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    return Asset(OPML_PATH, content)
