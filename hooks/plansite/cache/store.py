"""Built pages kept between builds in ``.cache/plansite/pages.sqlite``, trusted only if intact.

Each entry is zlib-compressed bytes under a key that is a digest of everything the bytes
depend on (see :mod:`plansite.cache.fingerprint`), stored with a SHA-256 of key and data.
An entry whose check fails, or a file SQLite cannot read, means the whole cache cannot be
trusted: it is deleted and filled again by this build, and nothing from it is served.

Writes of one build are one transaction, committed only when the build succeeded. The
store is bounded: after a build it keeps only the entries that build used, and it stops
taking new entries beyond :data:`MAX_BYTES`.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import zlib
from dataclasses import dataclass
from pathlib import Path

CACHE_DIR = Path(".cache") / "plansite"
PAGES_FILE = CACHE_DIR / "pages.sqlite"
MAX_BYTES = 512 * 1024 * 1024
"""Compressed bytes one build may store; a site beyond that is partly rebuilt every time."""
LOCK_TIMEOUT_SECONDS = 5.0

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entry ("
    " key TEXT PRIMARY KEY, check_sum BLOB NOT NULL, data BLOB NOT NULL,"
    " generation INTEGER NOT NULL)"
)


@dataclass
class StoreCounts:
    hits: int = 0
    misses: int = 0
    discarded: bool = False
    """The cache was found damaged during this build and started again."""


def _check_sum(key: str, data: bytes) -> bytes:
    return hashlib.sha256(key.encode() + b"\0" + data).digest()


class PageStore:
    """Get and put bytes by key for one build; ``finish()`` commits, ``abandon()`` does not."""

    def __init__(self, path: Path, *, read: bool = True) -> None:
        """``read=False`` (``--clean``): nothing is taken from the cache; it is rebuilt."""
        self.path = path
        self.counts = StoreCounts()
        self._read = read
        self._stored_bytes = 0
        self._db: sqlite3.Connection | None = None
        self._generation = 0
        self._open(start_afresh=not read)

    @property
    def reading(self) -> bool:
        """False when nothing is taken from the cache (``--clean``, or found damaged)."""
        return self._read

    def get(self, key: str) -> bytes | None:
        """The intact bytes stored under ``key``, or None (a miss, or a damaged cache)."""
        if self._db is None or not self._read:
            self.counts.misses += 1
            return None
        try:
            row = self._db.execute(
                "SELECT check_sum, data FROM entry WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                self.counts.misses += 1
                return None
            check_sum, data = row
            if check_sum != _check_sum(key, data):
                raise ValueError("check sum mismatch")
            content = zlib.decompress(data)
            self._db.execute(
                "UPDATE entry SET generation = ? WHERE key = ?", (self._generation, key)
            )
        except (sqlite3.DatabaseError, ValueError, zlib.error, TypeError) as error:
            self._damaged(error)
            self.counts.misses += 1
            return None
        self.counts.hits += 1
        return content

    def put(self, key: str, content: bytes) -> None:
        if self._db is None:
            return
        data = zlib.compress(content, 1)
        if self._stored_bytes + len(data) > MAX_BYTES:
            return
        self._stored_bytes += len(data)
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO entry VALUES (?, ?, ?, ?)",
                (key, _check_sum(key, data), data, self._generation),
            )
        except sqlite3.DatabaseError as error:
            self._damaged(error)

    def finish(self) -> None:
        """Keep what this build used or made, drop the rest, and commit."""
        if self._db is None:
            return
        try:
            self._db.execute("DELETE FROM entry WHERE generation < ?", (self._generation,))
            self._db.execute(f"PRAGMA user_version = {self._generation:d}")
            self._db.commit()
            free, total = (
                self._db.execute(f"PRAGMA {name}").fetchone()[0]
                for name in ("freelist_count", "page_count")
            )
            if free * 2 > total:
                self._db.execute("VACUUM")
        except sqlite3.DatabaseError:
            pass  # the next build finds the cache damaged or stale and starts again
        self.close()

    def abandon(self) -> None:
        """The build failed: nothing it put is kept."""
        if self._db is not None:
            with contextlib.suppress(sqlite3.DatabaseError):
                self._db.rollback()
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def _open(self, *, start_afresh: bool) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if start_afresh:
                self.path.unlink(missing_ok=True)
            self._db = sqlite3.connect(self.path, timeout=LOCK_TIMEOUT_SECONDS)
            self._db.execute(_SCHEMA)
            self._generation = self._db.execute("PRAGMA user_version").fetchone()[0] + 1
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                self.close()  # another build holds it: this one goes without
            elif not start_afresh:
                self._damaged(error)
            else:
                self.close()
        except sqlite3.DatabaseError as error:
            if start_afresh:
                self.close()
            else:
                self._damaged(error)
        except OSError:
            self.close()  # a read-only project still builds, just without reuse

    def _damaged(self, error: Exception) -> None:
        """The cache cannot be trusted: delete it and fill a new one from this build."""
        self.counts.discarded = True
        self._read = False
        self.close()
        self._stored_bytes = 0
        self._open(start_afresh=True)
