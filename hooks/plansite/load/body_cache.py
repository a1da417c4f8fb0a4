"""A cache of rendered post bodies, so unchanged posts are not converted again.

Rendering Markdown is most of the time of loading thousands of posts. Each body's sanitised
HTML and the links and pictures it holds are kept in one JSON file under ``.cache/``, keyed
by a hash of everything the result depends on. The file is rewritten only when something
changed, and then holds only the entries used this time, so it never grows stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from plansite.load.postbody import Reference, markdown_html, references, sanitise

CACHE_FILE = Path(".cache") / "plansite" / "bodies.json"
FORMAT = "1"
"""Bump when postbody.py renders differently: every cached body is then rendered again."""


@dataclass(frozen=True)
class RenderedBody:
    html: str
    """Sanitised HTML."""
    references: tuple[Reference, ...]
    """Links and pictures as written, found before sanitising could drop any."""


def render_body(body: str, abbreviations: str) -> RenderedBody:
    raw = markdown_html(body, abbreviations)
    return RenderedBody(sanitise(raw), tuple(references(raw)))


class BodyCache:
    """Rendered bodies by content; ``save()`` writes back what this run used."""

    def __init__(self, project_dir: Path) -> None:
        self.path = project_dir / CACHE_FILE
        self.stored = self._read()
        self.used: dict[str, dict[str, Any]] = {}
        self._salt = "|".join((FORMAT, version("markdown"), version("nh3")))

    def render(self, body: str, abbreviations: str) -> RenderedBody:
        key = hashlib.sha256(f"{self._salt}|{abbreviations}|{body}".encode()).hexdigest()
        entry = self.stored.get(key)
        if entry is None:
            rendered = render_body(body, abbreviations)
            entry = {
                "html": rendered.html,
                "references": [[r.url, r.picture] for r in rendered.references],
            }
        self.used[key] = entry
        return RenderedBody(
            entry["html"], tuple(Reference(url, picture) for url, picture in entry["references"])
        )

    def save(self) -> None:
        """Write the entries used this run, if they differ from what was read."""
        if self.used.keys() == self.stored.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(self.used, file, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.path)  # atomic: a parallel build never reads half a file
        except OSError:
            pass  # a read-only project still builds, just without the speed-up

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}
