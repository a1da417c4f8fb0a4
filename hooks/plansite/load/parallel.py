"""Post bodies rendered on all the machine's cores when many are not in the body cache.

Converting Markdown is most of the time of a first ``plansite check`` or a first build of
thousands of posts, and each body converts on its own, so the bodies the cache lacks are
converted by a pool of worker processes before the posts are read one by one; the reader
then finds every body in the cache. A body's HTML depends only on its text and the
glossary, so the result is the same whichever worker converts it, in whatever order.

Worker processes are started afresh (``spawn``), never forked: the build may run threads
(the preview server), which a fork would copy in an unknown state.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from pathlib import Path

from plansite.load.body_cache import BodyCache, render_body
from plansite.load.frontmatter import split_post
from plansite.load.textfile import read_text_file, remove_control_chars
from plansite.problems import ProblemLog
from plansite.progress import progress_bar

MIN_BODIES = 200
"""Fewer missing bodies than this are converted in the process itself: starting workers
(each imports Markdown) would cost more than it saves."""
CHUNK = 16


def workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def prerender(paths: Sequence[Path], cache: BodyCache, abbreviations: str) -> None:
    """Put into ``cache`` the bodies of ``paths`` it lacks, converted in parallel.

    Files that cannot be read or split are skipped here: the reader reports them.
    """
    cores = workers()
    if cores < 2 or len(paths) < MIN_BODIES:
        return
    missing = cache.missing(list(_bodies(paths)), abbreviations)
    if len(missing) < MIN_BODIES:
        return
    context = multiprocessing.get_context("spawn")
    with (
        progress_bar(len(missing), "Обработка текстов записей") as bar,
        ProcessPoolExecutor(max_workers=cores, mp_context=context) as pool,
    ):
        rendered = pool.map(render_body, missing, repeat(abbreviations), chunksize=CHUNK)
        for body, result in zip(missing, rendered, strict=True):
            cache.add(body, abbreviations, result)
            bar.update()


def _bodies(paths: Sequence[Path]) -> list[str]:
    bodies = []
    for path in paths:
        log = ProblemLog(path.name)
        text = read_text_file(path, log)
        parts = split_post(remove_control_chars(text)[0], log) if text is not None else None
        if parts is not None and parts.body.strip():
            bodies.append(parts.body)
    return bodies
