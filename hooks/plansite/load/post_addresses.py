"""Posts that would have the same page address: refused by the loader and by ``plansite new``.

Both compute every address with :func:`plansite.urls.post_url`, the function that places the
pages, so a check can never disagree with the page the build publishes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from plansite.load.frontmatter import split_post
from plansite.load.post_fields import read_date
from plansite.load.post_paths import NEWS_DIR, post_paths
from plansite.load.textfile import read_text_file
from plansite.load.yamlsource import LineDict, load_yaml
from plansite.problems import Problem, ProblemLog, Refused
from plansite.urls import post_slug, post_url, tag_base, tag_key, tag_slug


@dataclass(frozen=True)
class UrlClaim:
    """A post's page address, and where the post says so (its date line)."""

    url: str
    source: str
    line: int


def duplicate_url_problems(claims: list[UrlClaim]) -> list[Problem]:
    """One problem for every post whose address an earlier post (by file path) already has."""
    first: dict[str, UrlClaim] = {}
    problems = []
    for claim in sorted(claims, key=lambda claim: claim.source):
        if claim.url not in first:
            first[claim.url] = claim
            continue
        problems.append(
            Problem(
                claim.source,
                claim.line,
                "адрес",
                f"адрес страницы {claim.url} совпадает с адресом записи "
                f"{first[claim.url].source} (тот же месяц и то же имя файла): "
                "переименуйте один из файлов.",
            )
        )
    return problems


@dataclass(frozen=True)
class TagClaim:
    """A tag of a post, and where the post names it."""

    tag: str
    source: str
    line: int
    field: str


def shared_tag_address_problems(claims: list[TagClaim]) -> list[Problem]:
    """One problem for every tag whose page address a different tag already has."""
    first: dict[str, TagClaim] = {}
    problems = []
    for claim in sorted(claims, key=lambda claim: claim.source):  # stable: in post order
        slug = tag_slug(claim.tag)
        earlier = first.setdefault(slug, claim)
        if tag_key(earlier.tag) == tag_key(claim.tag):
            continue
        problems.append(
            Problem(
                claim.source,
                claim.line,
                claim.field,
                f"у метки «{claim.tag}» был бы тот же адрес {tag_base(slug)}/, что у "
                f"метки «{earlier.tag}» (запись {earlier.source}): это разные метки, "
                "назовите одну из них иначе или напишите обе одинаково.",
            )
        )
    return problems


def unreadable_folder_problem(project_dir: Path, error: OSError) -> Problem:
    """A folder under ``news/`` that cannot be listed: its posts would vanish silently."""
    folder = Path(error.filename or project_dir / NEWS_DIR)
    try:
        shown = folder.relative_to(project_dir).as_posix()
    except ValueError:
        shown = NEWS_DIR
    return Problem(
        shown,
        1,
        "папка",
        "папку не удаётся открыть, записи в ней не найдены: разрешите чтение папки "
        "(в её свойствах или командой «chmod a+rx ПАПКА») и повторите.",
    )


def address_owner(project_dir: Path, url: str, new_source: str) -> str | None:
    """The existing post (other than ``new_source``) whose page address is ``url``, if any.

    Posts that cannot be read are skipped: ``plansite check`` reports them.
    """
    for path in post_paths(project_dir / NEWS_DIR):
        source = path.relative_to(project_dir).as_posix()
        if source == new_source:
            continue
        published = _published_of(path)
        if published is not None and post_url(published, post_slug(source)) == url:
            return source
    return None


def _published_of(path: Path) -> date | None:
    """The date of an existing post, or None if it cannot be read."""
    log = ProblemLog(path.name)
    text = read_text_file(path, log)
    parts = split_post(text, log) if text is not None else None
    meta = load_yaml(parts.front_matter, log) if parts is not None else None
    if not isinstance(meta, LineDict) or "date" not in meta:
        return None
    try:
        return read_date(meta["date"])[0]
    except Refused:
        return None
