"""Safe building blocks for the Markdown of generated pages.

Text from data files and posts goes through :func:`text` (escaped for both Markdown and
HTML) before it reaches a page, so a title such as ``<script>`` or ``*bold*`` shows as typed.
"""

from __future__ import annotations

import html
import json
import re

from plansite import page_meta
from plansite.urls import relative_link

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def text(value: str) -> str:
    """Plain text made inert in Markdown: entities for HTML, backslashes for Markdown."""
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIALS.sub(r"\\\1", escaped)


def attr(value: str) -> str:
    """Text for an HTML attribute value."""
    return html.escape(value, quote=True)


def link(label: str, from_src: str, to_src: str) -> str:
    """A Markdown link between two generated pages; ``label`` is plain text."""
    return f"[{text(label)}]({relative_link(from_src, to_src)})"


def front_matter(title: str, description: str = "", **extra: object) -> str:
    """YAML front matter with the title and description escaped as :mod:`plansite.page_meta`
    says: the theme prints both unescaped."""
    meta: dict[str, object] = {"title": page_meta.title(title)}
    if description:
        meta["description"] = page_meta.description(description)
    meta.update(extra)
    # JSON is YAML too, and writing it is a hundred times faster than yaml.safe_dump.
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n"


def heading(level: int, title: str, anchor: str | None = None) -> str:
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {text(title)}{suffix}\n\n"
