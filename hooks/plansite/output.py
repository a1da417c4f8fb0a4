"""What the core hands to the site engine: Markdown pages and ready-made files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A generated Markdown page; ``src`` is its path as if it were in ``docs/``."""

    src: str
    markdown: str


@dataclass(frozen=True)
class Asset:
    """A generated file published as is (feed, calendar, export, post picture)."""

    path: str
    content: bytes
