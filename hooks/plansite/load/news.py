"""Load and validate the news posts, ``news/**/*.md``, into :class:`NewsData`.

Every post file is read (:mod:`plansite.load.post_reader`), and every problem in every file
is collected with its file, line and field, then all are raised together in one
:class:`~plansite.problems.ProblemsFound`. A post's page address comes from its date and file
name only (:func:`plansite.urls.post_url`); two posts with one address are refused
(:mod:`plansite.load.post_addresses`). Which files are posts: :mod:`plansite.load.post_paths`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from plansite.load.body_cache import BodyCache
from plansite.load.parallel import prerender
from plansite.load.post_addresses import (
    TagClaim,
    UrlClaim,
    duplicate_url_problems,
    shared_tag_address_problems,
    unreadable_folder_problem,
)
from plansite.load.post_paths import NEWS_DIR, post_paths
from plansite.load.post_reader import PostContext, read_post
from plansite.load.postbody import glossary_definitions
from plansite.load.reading_cache import ReadingCache
from plansite.load.taxonomy import Taxonomy
from plansite.model import PlanData, Post, PostStatus
from plansite.problems import Problem, ProblemsFound


@dataclass(frozen=True)
class NewsData:
    posts: tuple[Post, ...]
    """Every valid post (published, draft and scheduled), newest first."""
    removed_control_chars: int = 0
    """Invisible control characters removed from all posts, for the build summary."""
    bodies: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Each post's body as sanitised HTML by source path: rendered once, while checking."""

    def with_status(self, status: PostStatus) -> tuple[Post, ...]:
        return tuple(post for post in self.posts if post.status is status)

    @property
    def published(self) -> tuple[Post, ...]:
        return self.with_status(PostStatus.PUBLISHED)

    @property
    def drafts(self) -> tuple[Post, ...]:
        return self.with_status(PostStatus.DRAFT)

    @property
    def scheduled(self) -> tuple[Post, ...]:
        return self.with_status(PostStatus.SCHEDULED)


def load_news(
    project_dir: Path,
    plan_data: PlanData | None,
    taxonomy: Taxonomy,
    build_time: datetime,
    *,
    reuse: bool = True,
) -> NewsData:
    """Read every post of a project; raise ProblemsFound listing every problem in every post.

    ``build_time`` (aware) decides which posts are scheduled: those dated after it.
    ``reuse=False``: every post is read again (see :mod:`plansite.load.reading_cache`).
    """
    if build_time.tzinfo is None:
        raise ValueError("build_time must be timezone-aware")
    unreadable: list[OSError] = []
    paths = post_paths(project_dir / NEWS_DIR, unreadable)
    context = PostContext(
        project_dir=project_dir,
        news_root=(project_dir / NEWS_DIR).resolve(),
        plan_data=plan_data,
        taxonomy=taxonomy,
        build_time=build_time,
        abbreviations=glossary_definitions(plan_data.glossary) if plan_data else "",
        post_sources=frozenset(path.relative_to(project_dir).as_posix() for path in paths),
        cache=BodyCache(project_dir),
    )
    kept = ReadingCache(project_dir, context, paths, reuse=reuse)
    new = kept.missing(paths)
    prerender(new, context.cache, context.abbreviations)  # on all cores, if many are new
    readings = [kept.read(path, read_post) for path in paths]
    kept.save()
    context.cache.save()
    claims: list[UrlClaim] = [reading.url_claim for reading in readings if reading.url_claim]
    problems: list[Problem] = [problem for reading in readings for problem in reading.problems]
    problems += duplicate_url_problems(claims)
    tags: list[TagClaim] = [claim for reading in readings for claim in reading.tag_claims]
    problems += shared_tag_address_problems(tags)
    problems += [unreadable_folder_problem(project_dir, error) for error in unreadable]
    if problems:
        raise ProblemsFound(problems)
    posts = [reading.post for reading in readings if reading.post is not None]
    posts.sort(key=lambda post: (post.published, post.source), reverse=True)
    return NewsData(
        posts=tuple(posts),
        removed_control_chars=sum(reading.removed_chars for reading in readings),
        bodies={reading.post.source: reading.body_html for reading in readings if reading.post},
    )
