"""A post's HTML cut down to what Dzen and Yandex accept, and its plain text.

Dzen's rules for ``content:encoded`` (https://dzen.ru/help/ru/website/rss-modify, «Разметка
и подключение ленты RSS») list the markup it keeps: paragraphs, links, bold, italic,
underlined and struck-out text, headings ``h1``–``h4``, quotes, lists, figures with
captions and pictures; anything else is to be removed before the feed is sent. Yandex's
fresh-content intake (https://yandex.ru/support/webmaster/ru/search-appearance/fresh-content)
takes the full text without advertising or repeated page furniture.

So the body is first reshaped with lxml — ``strong`` → ``b``, ``em`` → ``i``, ``del`` → ``s``,
``h5``/``h6`` → ``h4``, a paragraph holding only a picture → ``figure``, table rows →
paragraphs, line breaks → spaces — and then cleaned by nh3 to exactly ``ALLOWED_TAGS`` and
``ALLOWED_ATTRIBUTES``; text of removed tags is kept.
"""

from __future__ import annotations

import lxml.etree
import lxml.html
import nh3

ALLOWED_TAGS = frozenset(
    {"p", "a", "b", "i", "u", "s", "h1", "h2", "h3", "h4", "blockquote"}
    | {"ul", "ol", "li", "figure", "figcaption", "img"}
)
ALLOWED_ATTRIBUTES = {"a": frozenset({"href"}), "img": frozenset({"src", "alt", "width", "height"})}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
REMOVED_WITH_CONTENT = frozenset({"script", "style"})

RENAMED = {"strong": "b", "em": "i", "del": "s", "strike": "s", "h5": "h4", "h6": "h4"}
RENAMED |= dict.fromkeys(("table", "thead", "tbody", "tfoot"), "div")
"""``div`` is not allowed, so nh3 unwraps it and its rows, now paragraphs, remain."""
ROW_TAGS = frozenset({"tr", "pre", "dt", "dd", "caption"})
"""Blocks Dzen has no tag for: their text becomes a paragraph."""
CELL_TAGS = frozenset({"td", "th", "br"})
"""Separators inside a line: they become a space."""
BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "blockquote", "li", "figcaption"})


def aggregator_html(html: str) -> str:
    """``html`` (absolute URLs already) with only the markup the aggregators accept."""
    if not html.strip():
        return ""
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in list(wrapper.iter(lxml.etree.Element)):
        _reshape(element)
    reshaped = str(lxml.html.tostring(wrapper, encoding="unicode"))
    cleaned = nh3.clean(
        reshaped.removeprefix("<div>").removesuffix("</div>"),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(REMOVED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
    )
    return cleaned.strip()


def _reshape(element: lxml.html.HtmlElement) -> None:
    tag = element.tag
    if tag in RENAMED:
        element.tag = RENAMED[tag]
    elif tag in ROW_TAGS:
        element.tag = "p"
    elif tag in CELL_TAGS:
        element.tail = " " + (element.tail or "")
        if tag != "br":
            element.text = (element.text or "") + " "
    elif tag == "p" and _only_pictures(element):
        element.tag = "figure"


def _only_pictures(element: lxml.html.HtmlElement) -> bool:
    children = list(element)
    return (
        bool(children)
        and all(child.tag == "img" and not (child.tail or "").strip() for child in children)
        and not (element.text or "").strip()
    )


def plain_text(html: str) -> str:
    """The text of aggregator HTML, one paragraph (heading, list item, caption) a line."""
    if not html.strip():
        return ""
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    blocks = [
        " ".join(element.text_content().split())
        for element in wrapper.iter(*BLOCK_TAGS)
        if not any(parent.tag in BLOCK_TAGS for parent in element.iterancestors())
    ]
    return "\n\n".join(block for block in blocks if block)
