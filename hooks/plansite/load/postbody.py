"""A post body as safe HTML, and the links and pictures in it.

The loader and the renderer share this module, so the links the loader checks are exactly
the links that end up on the page. Raw HTML in a post is allowed but sanitised with ``nh3``:
no scripts, no styles, no forms, no ``javascript:`` links, and unbalanced tags such as a
stray ``</div>`` are dropped, so a post can never break the page around it.

Headings are left at the levels the editor wrote, except ``#`` (``<h1>``): the post's title
is the page's only ``<h1>``, so a body ``<h1>`` becomes ``<h2>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import unquote

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode

from plansite.model import Term

MARKDOWN_EXTENSIONS = ("tables", "attr_list", "abbr", "footnotes", "sane_lists", "toc")
MARKDOWN_CONFIG: dict[str, dict[str, Any]] = {
    "toc": {"permalink": False, "slugify": slugify_unicode},
    "tables": {"use_align_attribute": True},
    "footnotes": {"BACKLINK_TITLE": "Вернуться к сноске %d в тексте"},
}

_HEADINGS = {f"h{level}" for level in range(2, 7)}
ALLOWED_TAGS = frozenset(
    {"p", "a", "img", "ul", "ol", "li", "blockquote", "code", "pre", "em", "strong", "b", "i"}
    | {"abbr", "figure", "figcaption", "hr", "br", "sup", "sub", "dl", "dt", "dd", "span"}
    | {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "del", "s"}
    | _HEADINGS
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "sup": {"id"},
    "li": {"id"},
    **{heading: {"id"} for heading in _HEADINGS},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
REMOVED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "template", "form", "textarea", "select"}
)

_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_URL_NOISE = re.compile(r"[\t\n\r]")
_COMPUTER_PATH = re.compile(r"^(?:[a-zA-Z]:[\\/]|\\\\|file:)", re.IGNORECASE)
"""``C:\\Users\\…``, ``\\\\server\\share``, ``file:///…``: paths outside any post folder."""


def glossary_definitions(terms: tuple[Term, ...]) -> str:
    """The glossary as Markdown abbreviations (``*[МСУ]: …``): appended to a body, they make
    the theme show a tooltip on every use of an abbreviation."""
    lines = [f"*[{term.abbr}]: {term.meaning}" for term in terms]
    return "\n\n" + "\n".join(lines) + "\n" if lines else ""


def markdown_settings() -> dict[str, Any]:
    """Everything the Markdown converter is given (the body cache's key covers it)."""
    return {"extensions": list(MARKDOWN_EXTENSIONS), "extension_configs": MARKDOWN_CONFIG}


def markdown_html(body: str, abbreviations: str = "") -> str:
    """The Markdown ``body`` as HTML, not yet sanitised; ``abbreviations`` are ``*[X]: …``."""
    converter = markdown.Markdown(**markdown_settings())
    return _H1.sub(r"<\1h2", converter.convert(body + abbreviations))


def body_html(body: str, abbreviations: str = "") -> str:
    """The Markdown ``body`` as sanitised HTML."""
    return sanitise(markdown_html(body, abbreviations))


def sanitiser_settings() -> dict[str, Any]:
    """Everything the sanitiser is given (the body cache's key covers it)."""
    return {
        "tags": set(ALLOWED_TAGS),
        "clean_content_tags": set(REMOVED_WITH_CONTENT),
        "attributes": {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        "url_schemes": set(URL_SCHEMES),
        "link_rel": "noopener",
        "set_tag_attribute_values": {"img": {"loading": "lazy"}},
    }


def sanitise(raw_html: str) -> str:
    """Only harmless content tags and attributes; pictures load lazily; links get ``noopener``."""
    return nh3.clean(raw_html, **sanitiser_settings())


@dataclass(frozen=True)
class Reference:
    """A link (``<a href>``) or a picture (``<img src>``) in a body's HTML."""

    url: str
    """As written by the editor (entities decoded)."""
    picture: bool

    @property
    def local(self) -> bool:
        """A file beside the post or another post, not a web address, anchor or site path."""
        url = self.url.strip()
        return bool(self.path) and not url.startswith(("#", "/")) and not _SCHEME.match(url)

    @property
    def site_path(self) -> bool:
        """A link to a page of this site written from the site's root: ``/plan/2019/``."""
        url = self.url.strip()
        return not self.picture and url.startswith("/") and not url.startswith("//")

    @property
    def misplaced(self) -> bool:
        """A path on the editor's computer or the server, never a file beside the post.

        Site paths (``/plan/2019/``) are fine for links, but a picture must come from the
        post's folder.
        """
        url = self.url.strip()
        if _COMPUTER_PATH.match(url):
            return True
        return self.picture and url.startswith(("/", "\\"))

    @property
    def path(self) -> str:
        """The file part of a local URL: no query or anchor, percent-escapes decoded."""
        return unquote(re.split(r"[?#]", self.url.strip(), maxsplit=1)[0])

    @property
    def anchor(self) -> str:
        """``#part`` of the URL, or an empty string."""
        _, sep, fragment = self.url.partition("#")
        return sep + fragment

    @property
    def to_post(self) -> bool:
        """A link to another post's Markdown file."""
        return not self.picture and self.path.lower().endswith(".md")


class _ReferenceCollector(HTMLParser):
    """Collects ``<a href>`` and ``<img src>`` however the editor quoted them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value is not None:
                # Browsers drop tabs and line breaks from URLs: «jav\tascript:» is «javascript:».
                url = _URL_NOISE.sub("", value)
                self.found.append(Reference(url=url, picture=tag == "img"))


def references(body: str) -> list[Reference]:
    """Links and pictures of a body's HTML, checked before sanitising drops any of them."""
    collector = _ReferenceCollector()
    collector.feed(body)
    collector.close()
    return collector.found
