"""A cache of rendered post bodies, so unchanged posts are not converted again.

Rendering Markdown is most of the time of loading thousands of posts. Each body's sanitised
HTML and the links and pictures it holds are kept in one JSON file under ``.cache/``, keyed
by a hash of everything the result depends on: the body, the glossary's abbreviations and the
*renderer fingerprint* (:func:`renderer_fingerprint`): the Markdown and sanitiser settings, the
versions of the libraries that do the work, and the source of plansite's own rendering
modules. Nobody has to remember to bump anything: changing any of them renders every body
again. The file is rewritten only when something changed, and then holds only the entries
used this time, so it never grows stale. A file that cannot be read, or an entry of the wrong
shape, is ignored and replaced, never served.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from plansite.load import postbody
from plansite.load.filetypes import NotReadable, read_plain_file
from plansite.load.postbody import Reference, markdown_html, references, sanitise

CACHE_FILE = Path(".cache") / "plansite" / "bodies.json"
MAX_CACHE_BYTES = 500_000_000

Entry = dict[str, Any]
"""``{"html": str, "references": [[url, picture], …]}``, as stored in the JSON file."""


@dataclass(frozen=True)
class RenderedBody:
    html: str
    """Sanitised HTML."""
    references: tuple[Reference, ...]
    """Links and pictures as written, found before sanitising could drop any."""


def render_body(body: str, abbreviations: str) -> RenderedBody:
    raw = markdown_html(body, abbreviations)
    return RenderedBody(sanitise(raw), tuple(references(raw)))


def renderer_fingerprint() -> str:
    """A hash of everything besides the body and glossary that changes a rendered body."""
    described = {
        "markdown": postbody.markdown_settings(),
        "sanitiser": postbody.sanitiser_settings(),
        "libraries": library_versions(postbody),
        "code": {module.__name__: _source_hash(module) for module in _RENDERING_MODULES},
    }
    return hashlib.sha256(json.dumps(_canonical(described), sort_keys=True).encode()).hexdigest()


def library_versions(module: ModuleType) -> dict[str, str]:
    """Installed versions of the third-party distributions ``module`` renders with: those of
    the modules and functions it imports, and of the Markdown extensions it names."""
    top_levels = {
        (value.__name__ if isinstance(value, ModuleType) else str(value.__module__)).split(".")[0]
        for value in vars(module).values()
        if isinstance(value, ModuleType) or (callable(value) and hasattr(value, "__module__"))
    }
    top_levels |= {name.split(".")[0] for name in postbody.MARKDOWN_EXTENSIONS if "." in name}
    names = sorted(
        {
            distribution
            for top in top_levels - set(sys.stdlib_module_names) - {"plansite", "builtins"}
            for distribution in _distributions_providing(top)
        }
    )
    return {name: metadata.version(name) for name in names}


def _distributions_providing(top: str) -> list[str]:
    """The installed distributions with the top-level module ``top``.

    Usually the distribution has the module's name, and its own file list says so; only
    otherwise is every installed distribution's list read (a third of a second)."""
    try:
        named = metadata.distribution(top)
    except metadata.PackageNotFoundError:
        return _distributions_of().get(top, [])
    declared = (named.read_text("top_level.txt") or "").split()
    files = named.files or ()
    if top in declared or any(file.parts[0] in (top, f"{top}.py") for file in files):
        return [named.metadata["Name"]]
    return _distributions_of().get(top, [])


_RENDERING_MODULES: tuple[ModuleType, ...] = (postbody, sys.modules[__name__])
"""plansite's own code that turns a body into the cached entry."""


def _entry(rendered: RenderedBody) -> Entry:
    return {
        "html": rendered.html,
        "references": [[r.url, r.picture] for r in rendered.references],
    }


class BodyCache:
    """Rendered bodies by content; ``save()`` writes back what this run used."""

    def __init__(self, project_dir: Path) -> None:
        self.path = project_dir / CACHE_FILE
        self._stored: dict[str, Entry] | None = None
        self._on_disk: frozenset[str] = frozenset()
        self.used: dict[str, Entry] = {}
        self._kept: set[str] = set()
        self._salt = renderer_fingerprint()

    @property
    def stored(self) -> dict[str, Entry]:
        """The entries of the file, read when first needed: when every post's reading is
        kept (:mod:`plansite.load.reading_cache`), no body is looked up at all."""
        if self._stored is None:
            self._stored = _read_entries(self.path)
            self._on_disk = frozenset(self._stored)
        return self._stored

    def key(self, body: str, abbreviations: str) -> str:
        return hashlib.sha256(f"{self._salt}|{abbreviations}|{body}".encode()).hexdigest()

    def missing(self, bodies: list[str], abbreviations: str) -> list[str]:
        """The distinct bodies among ``bodies`` that have no entry yet, in their order."""
        keys = {body: self.key(body, abbreviations) for body in bodies}
        return [body for body, key in keys.items() if key not in self.stored]

    def add(self, body: str, abbreviations: str, rendered: RenderedBody) -> None:
        """Keep a body rendered elsewhere (by :mod:`plansite.load.parallel`)."""
        self.stored[self.key(body, abbreviations)] = _entry(rendered)

    def keep(self, body: str, abbreviations: str) -> None:
        """Keep the entry of a body used without rendering it (its post's reading was kept)."""
        self._kept.add(self.key(body, abbreviations))

    def render(self, body: str, abbreviations: str) -> RenderedBody:
        key = self.key(body, abbreviations)
        entry = self.stored.get(key)
        if entry is None:
            entry = _entry(render_body(body, abbreviations))
        self.used[key] = entry
        return RenderedBody(
            entry["html"], tuple(Reference(url, picture) for url, picture in entry["references"])
        )

    def save(self) -> None:
        """Write the entries used this run, if they differ from what was read (not read at
        all: nothing was rendered, and the file stays as it is)."""
        if self._stored is None:
            return
        for key in self._kept:
            if key in self._stored:
                self.used.setdefault(key, self._stored[key])
        if self.used.keys() == self._on_disk:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(self.used, file, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.path)  # atomic: a parallel build never reads half a file
        except OSError:
            pass  # a read-only project still builds, just without the speed-up


def _read_entries(path: Path) -> dict[str, Entry]:
    """The well-formed entries of the cache file; nothing if it is missing or unreadable."""
    try:
        data = json.loads(read_plain_file(path, MAX_CACHE_BYTES).decode("utf-8"))
    except (NotReadable, ValueError):  # never a pipe or a device, nor endless
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: entry for key, entry in data.items() if _well_formed(entry)}


def _well_formed(entry: object) -> bool:
    if not isinstance(entry, dict) or set(entry) != {"html", "references"}:
        return False
    links = entry["references"]
    return (
        isinstance(entry["html"], str)
        and isinstance(links, list)
        and all(
            isinstance(link, list)
            and len(link) == 2
            and isinstance(link[0], str)
            and isinstance(link[1], bool)
            for link in links
        )
    )


def _canonical(value: object) -> object:
    """``value`` as plain JSON data, the same in every run: sets sorted, functions named."""
    if isinstance(value, Mapping):
        return {str(key): _canonical(item) for key, item in sorted(value.items(), key=repr)}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(item) for item in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    return repr(value)


def _source_hash(module: ModuleType) -> str:
    return hashlib.sha256(Path(str(module.__file__)).read_bytes()).hexdigest()


@cache
def _distributions_of() -> Mapping[str, list[str]]:
    """Top-level module name → the installed distributions that provide it."""
    return metadata.packages_distributions()
