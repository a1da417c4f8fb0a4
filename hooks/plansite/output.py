"""What the core hands to the site engine: Markdown pages and ready-made files."""

from __future__ import annotations

from dataclasses import dataclass

BODY_PLACEHOLDER = "<!-- plansite:body -->"
"""Stands in the Markdown for HTML that is already rendered (a post's body)."""


@dataclass(frozen=True)
class Page:
    """A generated Markdown page; ``src`` is its path as if it were in ``docs/``."""

    src: str
    markdown: str
    body_html: str | None = None
    """Ready HTML that replaces BODY_PLACEHOLDER once the engine has rendered the Markdown,
    so a post body, rendered once already, is not parsed again as raw HTML."""
    tooltips: bool = True
    """Whether the glossary's abbreviation tooltips are added: listing pages, a large share
    of all pages, go without (the posts and plan pages they list have them)."""


@dataclass(frozen=True)
class Asset:
    """A generated file published as is (feed, calendar, export, post picture)."""

    path: str
    content: bytes
