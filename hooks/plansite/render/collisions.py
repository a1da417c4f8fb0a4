"""Two outputs at one path would silently overwrite each other: refused, naming both.

The site's generated pages and files are laid out by :mod:`plansite.urls`; a hand-written
file under ``docs/`` (``docs/press.md``, ``docs/calendar.ics``) or a file beside a post may
land on the same output path. The build stops with both named instead of publishing one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plansite import urls
from plansite.load.docs_pages import DOCS_DIR
from plansite.model import Post
from plansite.output import Page
from plansite.problems import Problem


@dataclass(frozen=True)
class Output:
    path: str
    """Where it is written in the site: ``press/index.html``, ``rss.xml``."""
    what: str
    """What it is, for the message: «страница «/press/»»."""
    source: str | None = None
    """The editor's file it comes from, if any: the one a problem is reported on."""


def page_output(src: str) -> str:
    """The file a page source becomes: ``press.md`` → ``press/index.html``."""
    return urls.page_url(src) + "index.html"


def page_outputs(pages: Iterable[Page], posts: Iterable[Post] = ()) -> list[Output]:
    """The generated pages; a post's page names the post's file, so a message names both."""
    origins = {urls.post_src(post.url_path): f" записи {post.source}" for post in posts}
    return [
        Output(page_output(p.src), f"страница «/{urls.page_url(p.src)}»{origins.get(p.src, '')}")
        for p in pages
    ]


def docs_outputs(project_dir: Path) -> list[Output]:
    """The hand-written pages and files under ``docs/``."""
    docs = project_dir / DOCS_DIR
    outputs = []
    for file in sorted(docs.rglob("*")) if docs.is_dir() else ():
        if not file.is_dir():
            outputs.append(hand_written_output(file.relative_to(docs).as_posix()))
    return outputs


def hand_written_output(relpath: str) -> Output:
    """What the file ``docs/<relpath>`` becomes in the site."""
    output = page_output(relpath) if relpath.endswith(".md") else relpath
    return Output(output, f"файл {DOCS_DIR}/{relpath}", f"{DOCS_DIR}/{relpath}")


def collision_problems(outputs: Iterable[Output]) -> list[Problem]:
    """A problem for every editor's file whose output path is already taken."""
    taken: dict[str, Output] = {}
    problems = []
    for output in outputs:
        first = taken.setdefault(output.path, output)
        if first is output:
            continue
        mine, other = (output, first) if output.source else (first, output)
        if mine.source is None:
            raise RuntimeError(f"two generated outputs share the path {output.path}")
        problems.append(
            Problem(
                mine.source,
                1,
                "файл",
                f"{mine.what} попадает на адрес /{output.path}, который уже занят: "
                f"{other.what}. Переименуйте или перенесите файл.",
            )
        )
    return problems
