"""The search index readers query: a Pagefind bundle written beside the built pages.

Pagefind reads the finished HTML (only what ``main.html`` marks with ``data-pagefind-body``)
and writes a static index split into small chunks, so a browser downloads only the chunks for
the words it looks up, never the whole index. Words are stemmed for Russian (the pages say
``lang="ru"``) and letters with diacritics fold to their base letter, so «отчет» finds
«отчёт» and the other way round.

The indexer is the ``pagefind`` binary of the ``pagefind-bin`` package: it works on pages
the site has already rendered and escaped, so no editor's text can make it fail, and the
same pages give byte-identical index files.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

BUNDLE_DIR = "pagefind"
"""Folder of the index inside the site; the search script loads ``pagefind/pagefind.js``."""

UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
"""Pagefind's ready-made interfaces: the site has its own, in the theme's search dialog."""


class SearchIndexError(RuntimeError):
    """The indexer could not run: an installation problem, never one in the content."""


def pagefind_executable() -> Path:
    """The binary shipped inside the ``pagefind-bin`` package."""
    try:
        package = importlib.import_module("pagefind_bin")
    except ImportError as missing:
        raise SearchIndexError(
            "Pagefind is not installed: run `pip install -e .` in the project folder."
        ) from missing
    get_executable: Callable[[], Path] = package.get_executable
    return Path(get_executable())


def index_site(site_dir: Path) -> None:
    """Write the search index into ``site_dir/pagefind/``, replacing any earlier one."""
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)  # chunks of an earlier build would stay behind
    command = [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--silent",
    ]
    result = subprocess.run(
        command, capture_output=True, encoding="utf-8", errors="replace", check=False
    )
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise SearchIndexError(f"Pagefind failed (exit code {result.returncode}): {output}")
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
