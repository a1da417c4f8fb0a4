"""One post file read and checked: :func:`read_post` returns a frozen :class:`PostReading`.

The file's text, its front matter (through the shared field table), its body (rendered once,
through the body cache) and the files it uses are each checked, and every problem is kept,
so the editor sees them all at once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from plansite.load.body_cache import BodyCache, RenderedBody
from plansite.load.budget import OverBudget, time_budget
from plansite.load.fields import type_name
from plansite.load.filetypes import not_a_plain_file
from plansite.load.frontmatter import PostParts, split_post
from plansite.load.limits import (
    MAX_BRACKETS,
    MAX_BRACKETS_PER_PARAGRAPH,
    RENDER_SECONDS,
    most_brackets_in_a_paragraph,
)
from plansite.load.post_addresses import TagClaim, UrlClaim
from plansite.load.post_fields import Known, read_front_matter, text_items
from plansite.load.post_files import (
    PostFolder,
    body_files,
    folder_files,
    mentioned_files,
    site_links,
)
from plansite.load.post_paths import NEWS_DIR
from plansite.load.taxonomy import Taxonomy
from plansite.load.textfile import read_text_file, remove_control_chars
from plansite.load.yamlsource import LineDict, load_yaml
from plansite.model import PlanData, Post, PostStatus, SiteLink
from plansite.problems import Problem, ProblemLog
from plansite.russian import number
from plansite.urls import post_slug, post_url, tag_key


@dataclass(frozen=True)
class PostContext:
    """What every post is checked against."""

    project_dir: Path
    news_root: Path
    """``news/`` with symlinks resolved: files of posts must stay inside it."""
    plan_data: PlanData | None
    """None when the plan itself failed to load: activity ids then go unchecked."""
    taxonomy: Taxonomy
    build_time: datetime
    abbreviations: str
    """The glossary as ``*[X]: …`` lines, so bodies are rendered with their tooltips."""
    cache: BodyCache
    post_sources: Collection[str]
    """Project-relative paths of every post file, for links between posts."""


@dataclass(frozen=True)
class PostReading:
    """What reading one post file found."""

    post: Post | None
    """The valid post, or None when the file has a problem."""
    problems: tuple[Problem, ...]
    removed_chars: int = 0
    """Invisible control characters removed from the text."""
    url_claim: UrlClaim | None = None
    """The post's address, when its date and name give one, to find repeats."""
    body_html: str = ""
    """The body rendered once here, sanitised, for the pages and feeds."""
    tag_claims: tuple[TagClaim, ...] = ()
    """The post's tags and their lines, to find different tags sharing one address."""


def read_post(path: Path, context: PostContext) -> PostReading:
    source = path.relative_to(context.project_dir).as_posix()
    log = ProblemLog(source)
    text = _text(path, context, log)
    if text is None:
        return PostReading(None, tuple(log.problems))
    text, removed = remove_control_chars(text)
    parts = split_post(text, log)
    meta = _front_matter(parts, log) if parts else None
    if parts is None or meta is None:
        return PostReading(None, tuple(log.problems), removed)
    where = PostFolder(path, source, context.news_root)
    known = Known(context.taxonomy, context.plan_data, files=where)
    values = read_front_matter(meta, known, log)
    slug = _slug(source, log)
    claim = None
    if slug and values["date"]:
        claim = UrlClaim(post_url(values["date"][0], slug), source, meta.line_of("date"))
    rendered = _body(parts, context, log)
    mentioned = mentioned_files(rendered, meta.get("image"))
    files = sorted(
        {
            *(body_files(parts, rendered, where, context.post_sources, log) if rendered else []),
            *([values["image"]] if values["image"] else []),
            *folder_files(where, mentioned, log),
        }
    )
    post = None
    if not log.problems and slug is not None:
        status = post_status(values["draft"], values["date"][0], context.build_time)
        links = site_links(parts, rendered)
        post = _post(source, slug, values, parts, files, status, links)
    html = rendered.html if rendered else ""
    tags = _tag_claims(meta, source)
    return PostReading(post, tuple(log.problems), removed, claim, html, tags)


def _tag_claims(meta: LineDict, source: str) -> tuple[TagClaim, ...]:
    """Each tag once, with its line (its problems are reported by the field table)."""
    if "tags" not in meta:
        return ()
    first: dict[str, TagClaim] = {}
    for text, line, field in text_items(meta, "tags", ProblemLog(source)):
        first.setdefault(tag_key(text), TagClaim(text, source, line, field))
    return tuple(first.values())


def _text(path: Path, context: PostContext, log: ProblemLog) -> str | None:
    refusal = not_a_plain_file(path)  # before anything follows or opens it
    if refusal is not None:
        log.add(1, "файл", refusal)
        return None
    if not path.resolve().is_relative_to(context.news_root):
        log.add(
            1,
            "файл",
            f"файл — ссылка на файл вне папки {NEWS_DIR}/: положите в {NEWS_DIR}/ сам файл "
            "записи, а не ссылку на него.",
        )
        return None
    return read_text_file(path, log)


def _front_matter(parts: PostParts, log: ProblemLog) -> LineDict | None:
    data = load_yaml(parts.front_matter, log, first_line=2)
    if data is None:
        if not log.problems:
            log.add(
                1,
                "файл",
                "заголовок записи пуст: впишите между строками «---» поля title, date и category.",
            )
        return None
    if not isinstance(data, LineDict):
        log.add(
            2,
            "файл",
            "между строками «---» должны быть поля «имя: значение», например «title: …», "
            f"а указано: {type_name(data)}.",
        )
        return None
    return data


def _slug(source: str, log: ProblemLog) -> str | None:
    path = PurePosixPath(source)
    if path.name.lower() == "index.md" and str(path.parent) == NEWS_DIR:
        log.add(
            1,
            "файл",
            f"файл {NEWS_DIR}/index.md не может быть записью: положите запись в свою папку, "
            f"например «{NEWS_DIR}/2019/uroki/index.md», или переименуйте файл.",
        )
        return None
    slug = post_slug(source)
    if not slug:
        log.add(
            1,
            "файл",
            f"из имени файла «{path.name}» не получается адрес страницы: назовите файл "
            "словами из букв и цифр, например «2019-04-19-uroki.md».",
        )
        return None
    return slug


def _body(parts: PostParts, context: PostContext, log: ProblemLog) -> RenderedBody | None:
    """The body rendered (through the cache); None after logging why it cannot be."""
    if not parts.body.strip():
        log.add(
            parts.closing_line,
            "текст",
            "в записи нет текста: напишите его под строкой «---», закрывающей заголовок.",
        )
        return None
    if not _renderable(parts, log):
        return None
    try:
        with time_budget(RENDER_SECONDS):
            return context.cache.render(parts.body, context.abbreviations)
    except RecursionError:  # Markdown recurses once per level of nested lists or quotes
        log.add(
            parts.body_line,
            "текст",
            "в тексте слишком глубокая вложенность списков или цитат: упростите разметку.",
        )
        return None
    except OverBudget:
        log.add(
            parts.body_line,
            "текст",
            "разметка текста слишком сложна: его не удаётся разобрать за "
            f"{RENDER_SECONDS:.0f} секунды. Уберите длинные ряды символов «*», «_», «[», "
            "«<» и «`» или разбейте текст на абзацы.",
        )
        return None


def _renderable(parts: PostParts, log: ProblemLog) -> bool:
    """Few enough «[» for Markdown's link parsing, which slows with their square."""
    total = parts.body.count("[")
    if total > MAX_BRACKETS:
        log.add(
            parts.body_line,
            "текст",
            f"в тексте {number(total)} квадратных скобок «[» (можно до "
            f"{number(MAX_BRACKETS)}): уберите лишние скобки.",
        )
        return False
    brackets, line = most_brackets_in_a_paragraph(parts.body)
    if brackets > MAX_BRACKETS_PER_PARAGRAPH:
        log.add(
            parts.body_line + line,
            "текст",
            f"в абзаце {brackets} квадратных скобок «[» (можно до "
            f"{MAX_BRACKETS_PER_PARAGRAPH}): разбейте его на абзацы пустыми строками "
            "или уберите лишние скобки.",
        )
        return False
    return True


def _post(
    source: str,
    slug: str,
    values: dict[str, Any],
    parts: PostParts,
    files: list[str],
    status: PostStatus,
    links: tuple[SiteLink, ...],
) -> Post:
    published, date_only = values["date"]
    return Post(
        source=source,
        slug=slug,
        title=values["title"],
        published=published,
        date_only=date_only,
        category=values["category"],
        body=parts.body,
        body_line=parts.body_line,
        municipalities=values["municipality"],
        plan_refs=values["plan"],
        tags=tuple({tag_key(tag): tag for tag in reversed(values["tags"])}.values())[::-1],
        summary=values["summary"],
        image=values["image"],
        files=tuple(files),
        status=status,
        site_links=links,
    )


def post_status(draft: bool, published: datetime, build_time: datetime) -> PostStatus:
    if draft:
        return PostStatus.DRAFT
    if published > build_time:
        return PostStatus.SCHEDULED
    return PostStatus.PUBLISHED
