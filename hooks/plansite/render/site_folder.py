"""Keeping a site folder that is rebuilt in place (the preview) equal to a fresh build."""

from __future__ import annotations

import os
from pathlib import Path

from plansite.render.search_index import BUNDLE_DIR


def remove_stale_files(site_dir: Path, written: set[str]) -> None:
    """Remove what an earlier build wrote and this one did not (a deleted post, an old
    picture), and the folders left empty; the search index is replaced on its own."""
    for folder, _subfolders, names in os.walk(site_dir, topdown=False):
        relative = Path(folder).relative_to(site_dir)
        if relative.parts[:1] == (BUNDLE_DIR,):
            continue
        for name in names:
            if (relative / name).as_posix() not in written:
                (Path(folder) / name).unlink(missing_ok=True)
        if relative.parts and not os.listdir(folder):
            os.rmdir(folder)
