"""How a page's title and description reach the theme: escaped once, here, for every page.

Material prints ``page.title`` raw in the header, the navigation and the search results, and
``page.meta.description`` raw into ``<meta name="description">`` (``overrides/main.html``
prints it into the social-card tags too). So both are stored HTML-escaped in the page's
meta, for generated pages when their front matter is written and for hand-written pages in
``docs/`` when theirs is checked; the site engine then passes them through untouched.
"""

from __future__ import annotations

import html


def title(value: str) -> str:
    """A title as stored in a page's meta; quotes stay, they are text in the HTML body."""
    return html.escape(value, quote=False)


def description(value: str) -> str:
    """A description as stored in a page's meta: it ends up inside attribute values."""
    return html.escape(value, quote=True)
