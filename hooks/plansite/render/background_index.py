"""The preview's search index, written in a thread while the rebuilt pages are already served."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from plansite.render.search_index import SearchIndexError, index_site
from plansite.russian import PREVIEW_SEARCH_NOT_UPDATED


class BackgroundIndexing:
    """The preview's search index, written in a thread. The next rebuild stops it first (it
    rewrites the pages being indexed, and indexes them again once they are written)."""

    def __init__(self, on_error: Callable[[str], object]) -> None:
        self._on_error = on_error
        self._thread: threading.Thread | None = None
        self._process: subprocess.Popen[str] | None = None
        self._stopped = threading.Event()

    def start(self, site_dir: Path, kept: Path) -> None:
        self.stop()
        self._stopped.clear()
        self._thread = threading.Thread(
            target=self._index, args=(site_dir, kept), name="plansite-search", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        if self._thread is None:
            return
        self._stopped.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
        self._thread.join()
        self._thread = self._process = None

    def _started(self, process: subprocess.Popen[str]) -> None:
        self._process = process
        if self._stopped.is_set():
            process.terminate()

    def _index(self, site_dir: Path, kept: Path) -> None:
        try:
            index_site(site_dir, kept, started=self._started)
        except (SearchIndexError, OSError) as failed:
            if not self._stopped.is_set():
                self._on_error(f"{PREVIEW_SEARCH_NOT_UPDATED}: {failed}")
