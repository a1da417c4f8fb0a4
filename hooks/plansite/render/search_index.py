"""The search index readers query: a Pagefind bundle written beside the built pages.

Pagefind reads the finished HTML (only what ``main.html`` marks with ``data-pagefind-body``)
and writes a static index split into small chunks, so a browser downloads only the chunks for
the words it looks up, never the whole index. Words are stemmed for Russian (the pages say
``lang="ru"``) and letters with diacritics fold to their base letter, so «отчет» finds
«отчёт» and the other way round.

The indexer is the ``pagefind`` binary of the ``pagefind-bin`` package: it works on pages
the site has already rendered and escaped, so no editor's text can make it fail. Its filter
files are then put in a fixed order (:func:`settle_filters`), so that the same pages give
byte-identical index files.

Indexing every page takes seconds, so the index is kept in ``.cache/plansite/`` with a digest
of the pages it was made from (:func:`index_site`'s ``kept``): when no page changed, the kept
index is copied in, the same bytes Pagefind would write again.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cbor2

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

SIGNATURE = b"pagefind_dcd"
"""Starts every index file, after gzip: Pagefind's check that it decompressed the file."""
KEPT_RECORD = "record.json"
"""Beside a kept index: the digest of the pages it was made from, and of its own files."""
META_FILTERS = 3
"""Position of the filter list, ``[[name, file hash], …]``, in ``pagefind.*.pf_meta``."""


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


Started = Callable[[subprocess.Popen[str]], None]
"""Told the indexer's process once it runs (so that it can be stopped)."""


def index_site(
    site_dir: Path, kept: Path | None = None, *, reuse: bool = True, started: Started | None = None
) -> None:
    """Write the search index into ``site_dir/pagefind/``, replacing any earlier one.

    ``kept``: the folder where the last index is kept; it is copied in when the site's pages
    are those it was made from (and ``reuse`` is on), and replaced after a new indexing.
    """
    bundle = site_dir / BUNDLE_DIR
    shutil.rmtree(bundle, ignore_errors=True)  # chunks of an earlier build would stay behind
    if kept is None:
        _run_pagefind(site_dir, bundle, started)
        return
    pages = pages_digest(site_dir)
    if reuse and restore_index(kept, pages, bundle):
        return
    _run_pagefind(site_dir, bundle, started)
    keep_index(bundle, kept, pages)


def pages_digest(site_dir: Path) -> str:
    """Digest of what Pagefind reads: every HTML file of the site by path and bytes, and the
    indexer itself (its version, and this module, which settles its output)."""
    hasher = hashlib.sha256()
    hasher.update(_indexer_identity().encode())
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] == BUNDLE_DIR:
            continue
        data = path.read_bytes()
        hasher.update(f"\0{relative.as_posix()}\0{len(data)}\0".encode())
        hasher.update(data)
    return hasher.hexdigest()


def restore_index(kept: Path, pages: str, bundle: Path) -> bool:
    """Copy the kept index to ``bundle`` if it was made from ``pages`` and is intact."""
    try:
        recorded = json.loads((kept / KEPT_RECORD).read_text(encoding="utf-8"))
        if recorded.get("pages") != pages:
            return False
        if recorded.get("bundle") != _bundle_digest(kept / BUNDLE_DIR):
            shutil.rmtree(kept, ignore_errors=True)  # damaged: never served, made again
            return False
        shutil.copytree(kept / BUNDLE_DIR, bundle, copy_function=shutil.copyfile)
    except (OSError, ValueError, AttributeError):
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    return True


def keep_index(bundle: Path, kept: Path, pages: str) -> None:
    """Keep a copy of the index just written, with the digest of its pages; a project that
    cannot be written to just indexes every time."""
    fresh = kept.with_name(kept.name + ".new")
    try:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(bundle, fresh / BUNDLE_DIR, copy_function=shutil.copyfile)
        record = {"pages": pages, "bundle": _bundle_digest(fresh / BUNDLE_DIR)}
        (fresh / KEPT_RECORD).write_text(json.dumps(record), encoding="utf-8")
        shutil.rmtree(kept, ignore_errors=True)
        fresh.rename(kept)
    except OSError:
        shutil.rmtree(fresh, ignore_errors=True)


def _bundle_digest(bundle: Path) -> str:
    hasher = hashlib.sha256()
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hasher.update(f"\0{path.relative_to(bundle).as_posix()}\0{len(data)}\0".encode())
        hasher.update(data)
    return hasher.hexdigest()


def _indexer_identity() -> str:
    executable = pagefind_executable()
    about = executable.stat()
    module = Path(__file__).read_bytes()
    return json.dumps(
        [str(executable), about.st_size, about.st_mtime_ns, hashlib.sha256(module).hexdigest()]
    )


def _run_pagefind(site_dir: Path, bundle: Path, started: Started | None) -> None:
    command = [
        str(pagefind_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE_DIR,
        "--silent",
    ]
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        encoding="utf-8",
        errors="replace",
    ) as process:
        if started is not None:
            started(process)
        stdout, stderr = process.communicate()
    if process.returncode != 0:
        output = (stderr or stdout).strip()
        raise SearchIndexError(f"Pagefind failed (exit code {process.returncode}): {output}")
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    settle_filters(bundle)


def settle_filters(bundle: Path) -> None:
    """Write the filter files in a fixed order, as Pagefind itself does after 1.5.2.

    Pagefind 1.5.2 (the newest on PyPI) writes each filter's values, and the list of filters
    in its metadata file, in hash-map order, which changes from run to run; later Pagefind
    sorts both. Sorted here the same way and named by Pagefind's own content hash, the files
    are those a fixed Pagefind writes, up to gzip's bytes.
    """
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language, about in entry["languages"].items():
        meta_file = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _read_chunk(meta_file)
        filters = sorted(meta[META_FILTERS], key=lambda name_and_hash: name_and_hash[0])
        old_files = [bundle / "filter" / f"{hash_}.pf_filter" for _, hash_ in filters]
        chunks = [_sorted_filter(_read_chunk(path)) for path in old_files]
        for path in [*old_files, meta_file]:
            path.unlink()
        names = _short_hashes(language, chunks)
        for name, chunk in zip(names, chunks, strict=True):
            _write_chunk(bundle / "filter" / f"{name}.pf_filter", chunk)
        meta[META_FILTERS] = [
            [filter_name, name] for (filter_name, _), name in zip(filters, names, strict=True)
        ]
        encoded_meta = cbor2.dumps(meta)
        about["hash"] = f"{language}_{pagefind_hash(encoded_meta)[: len(language) + 8]}"
        _write_chunk(bundle / f"pagefind.{about['hash']}.pf_meta", encoded_meta)
    # The same compact JSON that Pagefind writes, its keys in the same order.
    entry_file.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def pagefind_hash(data: bytes) -> str:
    """Pagefind's content hash (``utils::full_hash``): SHA-1, each byte in unpadded hex."""
    return "".join(format(byte, "x") for byte in hashlib.sha1(data).digest())


def _sorted_filter(chunk: Any) -> bytes:
    """A filter file, ``[name, [[value, [page numbers]], …]]``, with its values sorted."""
    name, values = chunk
    return cbor2.dumps([name, sorted(values, key=lambda value_and_pages: value_and_pages[0])])


def _short_hashes(language: str, chunks: list[bytes]) -> list[str]:
    """File names as Pagefind gives them: ``ru_`` and 7 hex digits, longer on a collision."""
    names: list[str] = []
    for chunk in chunks:
        full = f"{language}_{pagefind_hash(chunk)}"
        name = full[: len(language) + 8]
        while name in names and len(name) < len(full):
            name = full[: len(name) + 1]
        names.append(name)
    return names


def _read_chunk(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchIndexError(f"{path} is not a Pagefind index file")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write_chunk(path: Path, encoded: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + encoded, compresslevel=9, mtime=0))
