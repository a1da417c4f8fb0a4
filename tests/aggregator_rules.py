"""A checker for the Dzen and Yandex feeds, written from the services' published rules.

Dzen, «Разметка и подключение ленты RSS» (https://dzen.ru/help/ru/website/rss-modify):
RSS 2.0; each item has title, link, guid, pubDate (RFC 822) and ``media:rating``
(``adult``/``nonadult``, scheme ``urn:simple``); the full text in ``content:encoded`` with
only the allowed markup (p, a, b, i, u, s, h1–h4, blockquote, ul/ol/li, figure,
figcaption, img); a cover picture as an ``enclosure`` of an image type, at least 700 px
wide; every picture of the text listed as an enclosure too; publication URLs without GET
parameters; an edited publication keeps its original guid.

Yandex, «Свежие и актуальные материалы»
(https://yandex.ru/support/webmaster/ru/search-appearance/fresh-content): RSS 2.0 with the
``yandex`` namespace; each item has title, link, pubDate and ``yandex:full-text`` — the whole
text without markup; each URL leads to the publication's own page.

``check_feed`` returns every broken rule as a readable line, so a failing test says which
item broke which rule.
"""

from __future__ import annotations

from collections.abc import Callable
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
MEDIA_RATING = "{http://search.yahoo.com/mrss/}rating"
YANDEX_NS = "http://news.yandex.ru"
FULL_TEXT = f"{{{YANDEX_NS}}}full-text"
ALLOWED_TAGS = frozenset(
    {"p", "a", "b", "i", "u", "s", "h1", "h2", "h3", "h4", "blockquote"}
    | {"ul", "ol", "li", "figure", "figcaption", "img"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height"}}
DZEN_SERVICE_CATEGORIES = {"format-article", "index", "comment-all"}
MIN_COVER_WIDTH = 700
IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}

Width = Callable[[str], int | None]
"""The pixel width of the picture at an absolute URL (read from the built site)."""


def check_feed(content: bytes, service: str, width_of: Width) -> list[str]:
    """Every rule of ``service`` ("dzen" or "yandex") the feed breaks; empty if none."""
    root = lxml.etree.fromstring(content)
    problems = []
    if root.tag != "rss" or root.get("version") != "2.0":
        problems.append("not RSS 2.0")
    if service == "yandex" and root.nsmap.get("yandex") != YANDEX_NS:
        problems.append("no yandex namespace")
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        if not (channel.findtext(name) or "").strip():
            problems.append(f"channel has no {name}")
    guids: set[str] = set()
    for item in channel.findall("item"):
        problems += [f"{item.findtext('link')}: {p}" for p in _item(item, service, width_of)]
        guid = item.findtext("guid") or ""
        if guid in guids:
            problems.append(f"{guid}: duplicate guid")
        guids.add(guid)
    return problems


def _item(item: lxml.etree._Element, service: str, width_of: Width) -> list[str]:
    problems = []
    for name in ("title", "link", "guid", "pubDate"):
        if not (item.findtext(name) or "").strip():
            problems.append(f"no {name}")
    link = item.findtext("link") or ""
    problems += _url_problems(link, "link")
    try:
        if parsedate_to_datetime(item.findtext("pubDate") or "").tzinfo is None:
            problems.append("pubDate without a zone")
    except (TypeError, ValueError):
        problems.append("pubDate is not RFC 822")
    rating = item.find(MEDIA_RATING)
    if rating is None or rating.text not in ("adult", "nonadult"):
        problems.append("no media:rating adult/nonadult")
    elif rating.get("scheme") != "urn:simple":
        problems.append("media:rating scheme is not urn:simple")
    enclosures = item.findall("enclosure")
    problems += _cover_problems(enclosures, width_of)
    html = item.findtext(CONTENT) or ""
    if service == "dzen":
        problems += _content_problems(html, {e.get("url") for e in enclosures})
        categories = {c.text for c in item.findall("category")}
        if not categories >= DZEN_SERVICE_CATEGORIES:
            problems.append(f"categories {sorted(categories)} lack the service ones")
    else:
        problems += _full_text_problems(item.findtext(FULL_TEXT) or "")
        if not item.findall("category"):
            problems.append("no category")
    return problems


def _url_problems(url: str, what: str) -> list[str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [f"{what} {url!r} is not absolute"]
    if parts.query:
        return [f"{what} {url!r} has a query string"]
    return []


def _cover_problems(enclosures: list[lxml.etree._Element], width_of: Width) -> list[str]:
    if not enclosures:
        return ["no enclosure"]
    problems = []
    for enclosure in enclosures:
        url = enclosure.get("url") or ""
        problems += _url_problems(url, "enclosure")
        if enclosure.get("type") not in IMAGE_TYPES:
            problems.append(f"enclosure {url} is not a picture Dzen shows")
        if not (enclosure.get("length") or "").isdigit():
            problems.append(f"enclosure {url} has no length")
    cover = enclosures[0].get("url") or ""
    width = width_of(cover)
    if width is None or width < MIN_COVER_WIDTH:
        problems.append(f"cover {cover} is {width} px wide, under {MIN_COVER_WIDTH}")
    return problems


def _content_problems(html: str, enclosure_urls: set[str | None]) -> list[str]:
    if not html.strip():
        return ["empty content:encoded"]
    problems = []
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in wrapper.iterdescendants(lxml.etree.Element):
        if element.tag not in ALLOWED_TAGS:
            problems.append(f"tag <{element.tag}> is not allowed")
        extra = set(element.attrib) - ALLOWED_ATTRIBUTES.get(element.tag, set())
        if extra:
            problems.append(f"<{element.tag}> has attributes {sorted(extra)}")
        if element.tag == "img":
            src = element.get("src") or ""
            problems += _url_problems(src, "picture")
            if src not in enclosure_urls:
                problems.append(f"picture {src} is not among the enclosures")
            if element.get("alt") is None:
                problems.append(f"picture {src} has no alt")
    return problems


def _full_text_problems(text: str) -> list[str]:
    if not text.strip():
        return ["empty yandex:full-text"]
    if "<" in text and lxml.html.fromstring(f"<div>{text}</div>").find(".//*") is not None:
        return ["yandex:full-text holds markup"]
    return []
