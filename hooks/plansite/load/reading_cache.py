"""Readings of post files kept between runs, so an unchanged post is not parsed and checked
again.

Reading one post (its YAML front matter through the field table, its body, the files it
uses) costs about a millisecond: at a thousand posts, most of a ``plansite check`` that finds
nothing new. A reading depends on the file's bytes and on everything the post is checked
against: the categories, municipalities and plan, the glossary, the list of posts, every
other file under ``news/`` (by name, size and time), and plansite's code and libraries. Its
key is a digest of all of them, so nothing is reused after any of them changed. The build
time is not in the key: whether a post is scheduled is decided again on every run
(:func:`with_status_at`).

The readings are kept in ``.cache/plansite/readings.pickle`` (see
:mod:`plansite.cache.pickled`: a file that fails its check is ignored and replaced, never
used). Like the body cache, it keeps only the readings of the last run.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from plansite.cache import pickled
from plansite.cache.fingerprint import digest, files_digest, software_digest
from plansite.load.filetypes import NotReadable, read_plain_file
from plansite.load.post_paths import NEWS_DIR
from plansite.load.post_reader import PostContext, PostReading, post_status
from plansite.model import PostStatus

READINGS_FILE = Path(".cache") / "plansite" / "readings.pickle"


def context_key(context: PostContext, paths: Sequence[Path]) -> str:
    """Digest of what every post is checked against (the build time aside), ``paths`` being
    every post file: the other files under ``news/`` count by name, size and time (pictures
    a post shows, files beside it, links that appear or go)."""
    return digest(
        software_digest(),
        str(context.project_dir.resolve()),
        str(context.news_root),
        repr(context.taxonomy),
        repr(context.plan_data),
        context.abbreviations,
        "\n".join(sorted(context.post_sources)),
        files_digest(context.project_dir / NEWS_DIR, skip={str(path) for path in paths}),
    )


def with_status_at(reading: PostReading, build_time: datetime) -> PostReading:
    """The reading with its post published or scheduled as of ``build_time``."""
    post = reading.post
    if post is None or post.status is PostStatus.DRAFT:
        return reading
    status = post_status(False, post.published, build_time)
    if status is post.status:
        return reading
    return dataclasses.replace(reading, post=dataclasses.replace(post, status=status))


class ReadingCache:
    """Post readings by key; ``save()`` writes back those this run used."""

    def __init__(
        self, project_dir: Path, context: PostContext, paths: Sequence[Path], *, reuse: bool
    ) -> None:
        """``reuse=False``: nothing kept is used; this run's readings replace it."""
        self.path = project_dir / READINGS_FILE
        self.context = context
        self._salt = context_key(context, paths)
        self.stored = _readings(pickled.load(self.path, self._salt) if reuse else None)
        self.used: dict[str, PostReading] = {}
        self._changed = False
        self._keys: dict[Path, str | None] = {}

    def missing(self, paths: Sequence[Path]) -> list[Path]:
        """The paths among ``paths`` with no kept reading: only their bodies may need
        rendering."""
        return [path for path in paths if self._key(path) not in self.stored]

    def read(self, path: Path, read: Callable[[Path, PostContext], PostReading]) -> PostReading:
        """The reading of ``path``: kept, or made by ``read`` and kept."""
        key = self._key(path)
        if key is None:
            return read(path, self.context)
        reading = self.stored.get(key)
        if reading is None:
            reading = read(path, self.context)
            self._changed = True
        elif reading.post is not None:  # its rendered body stays in the body cache too
            self.context.cache.keep(reading.post.body, self.context.abbreviations)
        self.used[key] = reading
        return with_status_at(reading, self.context.build_time)

    def save(self) -> None:
        """Write the readings used this run, if they differ from what was read."""
        if self._changed or self.used.keys() != self.stored.keys():
            pickled.store(self.path, self._salt, self.used)

    def _key(self, path: Path) -> str | None:
        """None for anything but a plain file (read as usual, never kept)."""
        if path not in self._keys:
            self._keys[path] = self._new_key(path)
        return self._keys[path]

    def _new_key(self, path: Path) -> str | None:
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return None
            resolved = path.resolve()
            data = read_plain_file(path)  # at most as much as a post may hold
        except (OSError, NotReadable):
            return None
        source = path.relative_to(self.context.project_dir).as_posix()
        return digest(source, resolved.as_posix(), data)


def _readings(kept: object) -> dict[str, PostReading]:
    """The readings in what was kept; nothing if it is of another shape."""
    if not isinstance(kept, dict) or not all(
        isinstance(key, str) and isinstance(value, PostReading) for key, value in kept.items()
    ):
        return {}
    return kept
