"""Breadcrumbs for every generated page: where the page sits on the site, from its address.

A page's parent is the nearest page above it in the address tree: an activity
(``plan/2019/thematic-lessons/``) sits under its plan, a month under its year's calendar, a
post (``news/2019/04/uroki/``) under the year's news archive and the news, a municipality
under the list of municipalities. The trail is stored in the page's front matter
(``breadcrumbs``: label and relative link of each step) for the theme to print above the
title; it is not part of the text, so search does not index it.
"""

from __future__ import annotations

import dataclasses
import html
import json
import posixpath
from collections.abc import Mapping, Sequence

from plansite import urls
from plansite.output import Page

HOME_LABEL = "Главная"
_FRONT_MATTER_START = "---\n"
_FRONT_MATTER_END = "\n---\n"


def with_breadcrumbs(pages: Sequence[Page], labels: Mapping[str, str]) -> list[Page]:
    """The pages with their trails; ``labels`` gives short names for some pages by source
    path (the plan's official title is too long for a trail)."""
    titles = {page.src: _title(page) for page in pages}
    names = {src: labels.get(src, title) for src, title in titles.items()}
    names[urls.home_src()] = HOME_LABEL
    return [_with_trail(page, _trail(page.src, names)) for page in pages]


def parent_src(src: str, known: Mapping[str, str]) -> str | None:
    """The nearest page above ``src`` in the address tree, or None for the home page."""
    if src == urls.home_src():
        return None
    folder = posixpath.dirname(src)
    if posixpath.basename(src) == "index.md":
        folder = posixpath.dirname(folder)
    while folder:
        candidate = f"{folder}/index.md"
        if candidate in known and candidate != src:
            return candidate
        folder = posixpath.dirname(folder)
    return urls.home_src()


def _trail(src: str, names: Mapping[str, str]) -> list[tuple[str, str]]:
    """``(label, site-relative source)`` from the home page down to the page's parent."""
    steps: list[tuple[str, str]] = []
    parent = parent_src(src, names)
    while parent is not None:
        steps.append((names.get(parent, HOME_LABEL), parent))
        parent = parent_src(parent, names)
    return steps[::-1]


def _with_trail(page: Page, trail: list[tuple[str, str]]) -> Page:
    meta, body = _split(page.markdown)
    if meta is None or not trail:
        return page
    here = urls.page_url(page.src)
    meta["breadcrumbs"] = [
        [label, urls.relative_url(here, urls.page_url(src))] for label, src in trail
    ]
    front = json.dumps(meta, ensure_ascii=False)
    return dataclasses.replace(
        page, markdown=f"{_FRONT_MATTER_START}{front}{_FRONT_MATTER_END}{body}"
    )


def _split(markdown: str) -> tuple[dict[str, object] | None, str]:
    """The JSON front matter :func:`~plansite.render.markup.front_matter` wrote, and the rest."""
    if not markdown.startswith(_FRONT_MATTER_START):
        return None, markdown
    end = markdown.find(_FRONT_MATTER_END, len(_FRONT_MATTER_START))
    if end < 0:
        return None, markdown
    try:
        meta = json.loads(markdown[len(_FRONT_MATTER_START) : end])
    except ValueError:
        return None, markdown
    if not isinstance(meta, dict):
        return None, markdown
    return meta, markdown[end + len(_FRONT_MATTER_END) :]


def _title(page: Page) -> str:
    meta, _ = _split(page.markdown)
    title = meta.get("title") if meta else None
    return html.unescape(title) if isinstance(title, str) else ""
