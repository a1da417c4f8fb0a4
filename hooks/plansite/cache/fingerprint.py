"""Digests of everything a built page can depend on, so a cache key is never a constant.

A key is the SHA-256 of its parts, each length-prefixed so that two different lists of parts
never give the same bytes. The parts that do not depend on one page (versions of the
software that renders, the project's own code, the theme overrides, the configuration) are
folded into one site fingerprint once per build.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import plansite

RENDERING_DISTRIBUTIONS = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "jinja2",
    "markupsafe",
    "nh3",
    "pyyaml",
)
"""The software whose version changes the bytes of a page (plansite is hashed by its code)."""


def digest(*parts: str | bytes) -> str:
    """Hex SHA-256 of ``parts``; a part's length goes before it, so parts never run together."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def json_digest(value: object) -> str:
    """Digest of a JSON-able value, independent of the order of mapping keys."""
    text = json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=repr
    )
    return digest(text)


def versions(distributions: Iterable[str] = RENDERING_DISTRIBUTIONS) -> dict[str, str]:
    """Installed version of each distribution (``"-"`` when it is not installed)."""
    found = {}
    for name in distributions:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "-"
    return found


def tree_digest(folder: Path, suffixes: tuple[str, ...] = ()) -> str:
    """Digest of every file's relative path and bytes under ``folder`` (optionally by suffix)."""
    parts: list[str | bytes] = []
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts or (suffixes and path.suffix not in suffixes):
                continue
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def files_digest(folder: Path, skip: Collection[str] = ()) -> str:
    """Digest of every file and folder under ``folder`` by path, kind, size and time: which
    files there are and whether any changed, without reading them. Paths in ``skip`` (as
    ``str(folder / …)`` spells them) are left out."""
    found: list[str] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as error:
            found.append(f"{str(current)[len(str(folder)) :]}\0{error.errno}")
            continue
        for entry in entries:
            try:
                about = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            if entry.path in skip:
                continue
            relative = entry.path[len(str(folder)) :]  # the same however folder is spelled
            found.append(f"{relative}\0{about.st_mode}\0{about.st_size}\0{about.st_mtime_ns}")
    return digest("\n".join(sorted(found)))


def code_digest(extra_files: Iterable[Path] = ()) -> str:
    """Digest of plansite's own code (and of the engine adapter's files): a new release or a
    local change of the code makes every cached page stale, with no number to bump by hand."""
    package = Path(plansite.__file__).parent
    parts: list[str | bytes] = [tree_digest(package, (".py",))]
    for path in sorted(extra_files):
        parts += [path.name, path.read_bytes()]
    return digest(*parts)


def software_digest(extra_files: Iterable[Path] = ()) -> str:
    """Versions of the rendering software and plansite's code, as one digest."""
    return digest(json_digest(versions()), code_digest(extra_files))
