"""Which files under ``news/`` are posts.

Every ``*.md`` is a post. Folders and files whose names start with a dot are skipped, and so
are files other than ``*.md``: those are the pictures and documents posts use. Symlinked
folders are not entered.
"""

from __future__ import annotations

import os
from pathlib import Path

NEWS_DIR = "news"
"""The folder of the posts, in the project."""


def post_paths(news_dir: Path, unreadable: list[OSError] | None = None) -> list[Path]:
    """Every ``*.md`` under ``news_dir`` in a stable order; hidden files and folders skipped.

    Folders that cannot be listed are added to ``unreadable``, so no post vanishes silently.
    """

    def onerror(error: OSError) -> None:
        if unreadable is not None and not isinstance(error, FileNotFoundError):
            unreadable.append(error)  # no news/ folder at all simply means no posts

    found: list[Path] = []
    for folder, subfolders, files in os.walk(news_dir, onerror=onerror):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        found += [
            Path(folder, name)
            for name in files
            if not name.startswith(".") and name.lower().endswith(".md")
        ]
    return sorted(found, key=lambda path: path.as_posix())
