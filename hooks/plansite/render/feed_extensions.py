"""feedgen extensions for what the Russian aggregators read beyond plain RSS 2.0.

feedgen writes the feed; these classes add, through feedgen's own extension hooks, the
elements it has no method for: Media RSS ``media:rating``, further ``enclosure`` elements
(feedgen writes one per RSS item, Dzen wants every picture of the text listed) and
Yandex's ``yandex:full-text``. Each element is built with lxml, never from strings.
"""

from __future__ import annotations

from dataclasses import dataclass

import lxml.etree
from feedgen.ext.base import BaseEntryExtension, BaseExtension

MEDIA_NS = "http://search.yahoo.com/mrss/"
YANDEX_NS = "http://news.yandex.ru"
RATING_SCHEME = "urn:simple"


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    mime_type: str


class DzenExtension(BaseExtension):  # type: ignore[misc]  # feedgen has no type hints
    def extend_ns(self) -> dict[str, str]:
        return {"media": MEDIA_NS}


class DzenEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """``media:rating`` and the enclosures after the first one."""

    def __init__(self) -> None:
        self._rating: str | None = None
        self._enclosures: tuple[Enclosure, ...] = ()

    def rating(self, value: str) -> None:
        self._rating = value

    def more_enclosures(self, enclosures: tuple[Enclosure, ...]) -> None:
        self._enclosures = enclosures

    def extend_rss(self, item: lxml.etree._Element) -> lxml.etree._Element:
        anchor = item.find("enclosure")
        position = list(item).index(anchor) + 1 if anchor is not None else len(item)
        for offset, enclosure in enumerate(self._enclosures):
            element = lxml.etree.Element("enclosure")
            element.set("url", enclosure.url)
            element.set("length", str(enclosure.length))
            element.set("type", enclosure.mime_type)
            item.insert(position + offset, element)
        if self._rating:
            rating = lxml.etree.SubElement(item, f"{{{MEDIA_NS}}}rating")
            rating.set("scheme", RATING_SCHEME)
            rating.text = self._rating
        return item


class YandexExtension(BaseExtension):  # type: ignore[misc]
    def extend_ns(self) -> dict[str, str]:
        return {"yandex": YANDEX_NS}


class YandexEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """``yandex:full-text``: the whole text of the publication, without markup."""

    def __init__(self) -> None:
        self._full_text = ""

    def full_text(self, text: str) -> None:
        self._full_text = text

    def extend_rss(self, item: lxml.etree._Element) -> lxml.etree._Element:
        if self._full_text:
            lxml.etree.SubElement(item, f"{{{YANDEX_NS}}}full-text").text = self._full_text
        return item
