"""Indexes of the visible posts, made once per build.

Every listing (news pages, categories, municipalities, tags, years, months, plan activities)
reads from these indexes: no page scans all posts, and no post body is rendered twice.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from slugify import slugify

from plansite.derive.posts import RenderedPost


@functools.lru_cache(maxsize=4096)  # a few tags, written on thousands of posts
def tag_slug(tag: str) -> str:
    """The ASCII address part of a tag: «молодёжь» → ``molodezh``."""
    return slugify(tag, lowercase=True) or "tag"


@dataclass(frozen=True)
class NewsIndex:
    posts: tuple[RenderedPost, ...]
    """Visible posts, newest first."""
    by_activity: dict[tuple[int, str], tuple[RenderedPost, ...]]
    by_month: dict[tuple[int, int], tuple[RenderedPost, ...]]
    by_year: dict[int, tuple[RenderedPost, ...]]
    by_category: dict[str, tuple[RenderedPost, ...]]
    by_municipality: dict[str, tuple[RenderedPost, ...]]
    by_tag: dict[str, tuple[RenderedPost, ...]]
    tag_names: dict[str, str]
    """Tag slug → the tag as first written (newest post first)."""

    def reports(self, year: int, activity_id: str) -> tuple[RenderedPost, ...]:
        return self.by_activity.get((year, activity_id), ())

    def in_month(self, year: int, month: int) -> tuple[RenderedPost, ...]:
        return self.by_month.get((year, month), ())


def build_index(posts: Sequence[RenderedPost]) -> NewsIndex:
    """Group the visible posts (already newest first) once, keeping that order in groups."""
    groups: dict[str, defaultdict] = {name: defaultdict(list) for name in _GROUPS}
    tag_names: dict[str, str] = {}
    for rendered in posts:
        post = rendered.post
        when = post.published
        for activity_id in post.activity_ids:
            groups["by_activity"][(post.plan_year, activity_id)].append(rendered)
        groups["by_month"][(when.year, when.month)].append(rendered)
        groups["by_year"][when.year].append(rendered)
        groups["by_category"][post.category.id].append(rendered)
        for municipality in post.municipalities:
            groups["by_municipality"][municipality.id].append(rendered)
        for tag in post.tags:
            slug = tag_slug(tag)
            tag_names.setdefault(slug, tag)
            groups["by_tag"][slug].append(rendered)
    frozen = {
        name: {key: tuple(items) for key, items in group.items()} for name, group in groups.items()
    }
    return NewsIndex(posts=tuple(posts), tag_names=tag_names, **frozen)


_GROUPS = ("by_activity", "by_month", "by_year", "by_category", "by_municipality", "by_tag")
