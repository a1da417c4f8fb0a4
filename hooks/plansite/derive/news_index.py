"""Indexes of the visible posts, made once per build.

Every listing (news pages, categories, municipalities, tags, years, months, plan activities)
reads from these indexes: no page scans all posts, and no post body is rendered twice.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from plansite.derive.posts import RenderedPost
from plansite.urls import tag_slug

_Key = TypeVar("_Key", bound=Hashable)


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
    tag_names: dict[str, str] = {}
    for rendered in posts:
        for tag in rendered.post.tags:
            tag_names.setdefault(tag_slug(tag), tag)
    return NewsIndex(
        posts=tuple(posts),
        by_activity=_grouped(
            ((ref.year, ref.activity_id), r) for r in posts for ref in r.post.plan_refs
        ),
        by_month=_grouped(((r.post.published.year, r.post.published.month), r) for r in posts),
        by_year=_grouped((r.post.published.year, r) for r in posts),
        by_category=_grouped((r.post.category.id, r) for r in posts),
        by_municipality=_grouped((m.id, r) for r in posts for m in r.post.municipalities),
        by_tag=_grouped((tag_slug(tag), r) for r in posts for tag in r.post.tags),
        tag_names=tag_names,
    )


def _grouped(pairs: Iterable[tuple[_Key, RenderedPost]]) -> dict[_Key, tuple[RenderedPost, ...]]:
    """Posts by key, in the order given (a post listed once per key it has)."""
    groups: dict[_Key, list[RenderedPost]] = {}
    for key, rendered in pairs:
        groups.setdefault(key, []).append(rendered)
    return {key: tuple(items) for key, items in groups.items()}
