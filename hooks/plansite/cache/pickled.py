"""A value kept between runs in one file of ``.cache/plansite/``, trusted only if intact.

The file holds a SHA-256 of the rest, the key the value was kept under, and the pickled
value. A file that fails the check, was kept under another key, or does not unpickle, is
not used (and is replaced by the next :func:`store`); a project that cannot be written to
just goes without.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path

MAX_BYTES = 1024 * 1024 * 1024
"""Larger values are not kept (reading them back would cost more than it saves)."""
_CHECK_BYTES = hashlib.sha256().digest_size
_KEY_BYTES = 64
"""A key is a hex SHA-256 (:func:`plansite.cache.fingerprint.digest`)."""


def load(path: Path, key: str) -> object | None:
    """The value kept in ``path`` under ``key``; None if there is none, or not intact.

    The key is read first, so a value kept under another key is never read into memory;
    the rest is checked and unpickled without copies (it can be a few hundred megabytes).
    """
    content = _read(path, key.encode())
    if content is None:
        return None
    view = memoryview(content)
    if hashlib.sha256(view[_CHECK_BYTES:]).digest() != view[:_CHECK_BYTES]:
        return None
    try:
        value: object = pickle.loads(view[_CHECK_BYTES + _KEY_BYTES :])
    except Exception:  # whatever the bytes hold, they are not used
        return None
    return value


def _read(path: Path, key: bytes) -> bytes | None:
    """The bytes of an ordinary file of at most :data:`MAX_BYTES` kept under ``key``, never
    waiting on a pipe."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                return None
            size = os.fstat(descriptor).st_size
            if size > MAX_BYTES or file.read(_CHECK_BYTES + _KEY_BYTES)[_CHECK_BYTES:] != key:
                return None
            file.seek(0)
            content = file.read(MAX_BYTES + 1)
        except OSError:
            return None
    return content if len(content) <= MAX_BYTES else None


def store(path: Path, key: str, value: object) -> None:
    """Keep ``value`` under ``key`` in ``path``, replacing what was there at once."""
    if len(key.encode()) != _KEY_BYTES:
        raise ValueError("a key is a hex SHA-256")
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if _KEY_BYTES + len(payload) > MAX_BYTES:
        path.unlink(missing_ok=True)
        return
    check = hashlib.sha256(key.encode())
    check.update(payload)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(check.digest())
            file.write(key.encode())
            file.write(payload)
        os.replace(temporary, path)  # atomic: a parallel run never reads half a file
    except OSError:
        pass
