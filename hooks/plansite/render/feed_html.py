"""The HTML and file details every feed item shares: absolute URLs, the lead picture, types.

Absolute URLs. A post body is rendered for its own page, so its links and pictures are
relative to that page (``lessons.png``, ``../../03/other/``, ``#part``). In a feed reader
there is no such page, and relative URLs there are the most reported bug of the MkDocs feed
plugins. Before the body goes into a feed, every ``href``, ``src``, ``poster``, ``cite`` and
each ``srcset`` candidate is resolved against the post's absolute URL with browser semantics
(``urljoin``): absolute URLs and ``mailto:``/``tel:`` links stay as they are, ``#part``
becomes ``{post URL}#part``.

Lead picture. An item's HTML starts with the post's lead picture (``alt`` = the post's
title, with its size), so readers that ignore enclosures still show it.

Robustness. Characters XML 1.0 forbids (C0 controls other than tab, LF and CR, U+FFFE,
U+FFFF, lone surrogates) are removed from every text that goes into a feed, so whatever an
editor pastes the feeds stay well-formed.
"""

from __future__ import annotations

import functools
import mimetypes
import posixpath
import re
from html import escape
from urllib.parse import quote, urljoin

import lxml.etree
import lxml.html

from plansite.derive.posts import RenderedPost
from plansite.load.images import picture_size
from plansite.urls import absolute

URL_ATTRIBUTES = ("href", "src", "poster", "cite")
"""HTML attributes holding a single URL that is made absolute in feed content."""
SRCSET_ATTRIBUTE = "srcset"

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
ABSOLUTIZED_KEPT = 20_000
"""Post bodies whose feed HTML is remembered: more than the feeds of a large site hold."""

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def item_html(item: RenderedPost, site_url: str) -> str:
    """The item's full HTML: the lead picture first, then the body, every URL absolute."""
    url = absolute(site_url, item.post.url_path)
    return lead_figure(item, site_url) + absolutize_links(xml_safe(item.html), url)


def lead_figure(item: RenderedPost, site_url: str) -> str:
    """``<figure><img …></figure>`` of the post's lead picture, or nothing without one."""
    picture = item.lead_picture
    if picture is None:
        return ""
    size = picture_size(picture.content)
    dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
    source = escape(file_url(site_url, picture.path), quote=True)
    alt = escape(xml_safe(item.post.title), quote=True)
    return f'<figure><img src="{source}" alt="{alt}"{dimensions}></figure>'


def file_url(site_url: str, path: str) -> str:
    """The absolute URL of a published file; its name percent-encoded (``Семинар.png``)."""
    return absolute(site_url, quote(path))


def mime_type(path: str) -> str:
    """The MIME type of a file by its extension, the same on every machine."""
    extension = posixpath.splitext(path)[1].lower()
    if extension in IMAGE_TYPES:
        return IMAGE_TYPES[extension]
    return _MIME_TYPES.guess_type(path.lower())[0] or FALLBACK_MIME_TYPE


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (escaping is left to lxml)."""
    return _XML_FORBIDDEN.sub("", text)


@functools.lru_cache(maxsize=ABSOLUTIZED_KEPT)
def absolutize_links(html: str, base_url: str) -> str:
    """``html`` with every URL in ``URL_ATTRIBUTES`` and ``srcset`` resolved against
    ``base_url``; absolute URLs, ``mailto:`` and other schemes stay as they are.

    Kept per process: a post is in several feeds, and the preview's rebuilds see the same
    bodies again."""
    if not html.strip():
        return ""
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in wrapper.iter(lxml.etree.Element):  # elements only: no comments
        _absolutize_element(element, base_url)
    serialized = str(lxml.html.tostring(wrapper, encoding="unicode"))
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
