"""The pages the site's menu names (``nav`` in ``mkdocs.yml``), and whether the site has them.

MkDocs 1.6 warns about a menu entry whose page does not exist (``get_navigation`` in
``mkdocs/structure/nav.py``), which stops a strict build: the menu still names
``plan/2019/index.md`` after that year's plan left ``data/plan.yaml``, say. The same entries
are refused here, before anything is built, so ``plansite check`` refuses them too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from plansite.problems import Problem

CONFIG_FILE = "mkdocs.yml"


def nav_paths(nav: object) -> tuple[str, ...]:
    """Every page path in a ``nav`` structure, in order (links to other sites left out)."""
    if isinstance(nav, dict):
        return tuple(path for value in nav.values() for path in nav_paths(value))
    if isinstance(nav, list):
        return tuple(path for item in nav for path in nav_paths(item))
    if isinstance(nav, str):
        parts = urlsplit(nav)
        return () if parts.scheme or parts.netloc or nav.startswith("/") else (nav,)
    return ()


def missing_nav_pages(project_dir: Path, nav: Iterable[str], known: Iterable[str]) -> list[Problem]:
    """A problem for each menu entry the site has no page for."""
    existing = set(known)
    missing = [path for path in nav if path not in existing]
    if not missing:
        return []
    try:
        lines = (project_dir / CONFIG_FILE).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        lines = []
    return [
        Problem(
            CONFIG_FILE,
            next((i + 1 for i, line in enumerate(lines) if path in line), 1),
            "nav",
            f"в меню сайта есть страница {path}, но такой страницы на сайте нет: верните её "
            f"или исправьте эту строку меню в {CONFIG_FILE}.",
        )
        for path in missing
    ]
