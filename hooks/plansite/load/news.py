"""Load and validate the news posts, ``news/**/*.md``, into :class:`NewsData`.

Every post file is read, and every problem in every file is collected with its file, line
and field, then all are raised together in one :class:`~plansite.problems.ProblemsFound`.
A post's page address comes from its date and file name only (see :attr:`Post.url_path`).

Folders and files whose names start with a dot are skipped, and so are files other than
``*.md``: those are the pictures and documents posts use. Symlinked folders are not entered.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath

from plansite.load import fields
from plansite.load.body_cache import BodyCache
from plansite.load.fields import check_keys, join, suggestion, type_name
from plansite.load.frontmatter import PostParts, split_post
from plansite.load.postbody import Reference
from plansite.load.taxonomy import Taxonomy
from plansite.load.textfile import read_text_file, remove_control_chars
from plansite.load.yamlsource import LineDict, LineList, load_yaml
from plansite.model import Category, Municipality, PlanData, Post, PostStatus
from plansite.problems import Problem, ProblemLog, ProblemsFound
from plansite.render.markup import glossary_definitions
from plansite.russian import MOSCOW
from plansite.urls import post_slug, post_url

NEWS_DIR = "news"
MAX_TITLE_CHARS = 300
POST_KEYS = (
    "title",
    "date",
    "category",
    "municipality",
    "plan",
    "tags",
    "summary",
    "image",
    "draft",
)
REQUIRED_KEYS = ("title", "date", "category")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_START = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class NewsData:
    posts: tuple[Post, ...]
    """Every valid post (published, draft and scheduled), newest first."""
    removed_control_chars: int = 0
    """Invisible control characters removed from all posts, for the build summary."""
    bodies: Mapping[str, str] = dataclasses.field(default_factory=dict)
    """Each post's body as sanitised HTML by source path: rendered once, while checking."""

    def with_status(self, status: PostStatus) -> tuple[Post, ...]:
        return tuple(post for post in self.posts if post.status is status)

    @property
    def published(self) -> tuple[Post, ...]:
        return self.with_status(PostStatus.PUBLISHED)

    @property
    def drafts(self) -> tuple[Post, ...]:
        return self.with_status(PostStatus.DRAFT)

    @property
    def scheduled(self) -> tuple[Post, ...]:
        return self.with_status(PostStatus.SCHEDULED)


@dataclass(frozen=True)
class _Context:
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
    post_sources: frozenset[str]
    """Project-relative paths of every post file, for links between posts."""


@dataclass(frozen=True)
class _UrlClaim:
    url: str
    source: str
    line: int


class _Refused(Exception):
    """A value that cannot be used; the message says why, for the editor."""


def load_news(
    project_dir: Path, plan_data: PlanData | None, taxonomy: Taxonomy, build_time: datetime
) -> NewsData:
    """Read every post of a project; raise ProblemsFound listing every problem in every post.

    ``build_time`` (aware) decides which posts are scheduled: those dated after it.
    """
    if build_time.tzinfo is None:
        raise ValueError("build_time must be timezone-aware")
    paths = post_paths(project_dir / NEWS_DIR)
    context = _Context(
        project_dir=project_dir,
        news_root=(project_dir / NEWS_DIR).resolve(),
        plan_data=plan_data,
        taxonomy=taxonomy,
        build_time=build_time,
        abbreviations=glossary_definitions(plan_data.glossary) if plan_data else "",
        post_sources=frozenset(_source(project_dir, path) for path in paths),
        cache=BodyCache(project_dir),
    )
    problems: list[Problem] = []
    posts: list[Post] = []
    claims: list[_UrlClaim] = []
    bodies: dict[str, str] = {}
    removed = 0
    for path in paths:
        reader = _PostReader(path, context)
        post = reader.read()
        problems += reader.log.problems
        removed += reader.removed_chars
        claims += [reader.url_claim] if reader.url_claim else []
        if post is not None:
            posts.append(post)
            bodies[post.source] = reader.body_html
    problems += duplicate_url_problems(claims)
    context.cache.save()
    if problems:
        raise ProblemsFound(problems)
    posts.sort(key=lambda post: (post.published, post.source), reverse=True)
    return NewsData(posts=tuple(posts), removed_control_chars=removed, bodies=bodies)


def post_paths(news_dir: Path) -> list[Path]:
    """Every ``*.md`` under ``news_dir`` in a stable order; hidden files and folders skipped."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(news_dir):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        found += [
            Path(folder, name)
            for name in files
            if not name.startswith(".") and name.lower().endswith(".md")
        ]
    return sorted(found, key=lambda path: path.as_posix())


def parse_published(value: object) -> tuple[datetime, bool]:
    """``(moment in Europe/Moscow, date_only)`` from a YAML date, date-time or text."""
    if isinstance(value, datetime):
        return _in_moscow(value), False
    if isinstance(value, date):
        return datetime.combine(value, time(), MOSCOW), True
    if isinstance(value, str) and value.strip():
        return _parse_published_text(value.strip())
    raise _Refused(_not_a_date(value))


def _parse_published_text(text: str) -> tuple[datetime, bool]:
    try:
        if _DATE_ONLY.fullmatch(text):
            return datetime.combine(date.fromisoformat(text), time(), MOSCOW), True
        return _in_moscow(datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))), False
    except ValueError:
        pass
    start = _DATE_START.match(text)
    if start and not _is_real_date(*(int(part) for part in start.groups())):
        raise _Refused(f"такой даты нет: {start.group(0)}. Проверьте число и месяц.")
    raise _Refused(_not_a_date(text))


def _is_real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _in_moscow(moment: datetime) -> datetime:
    """Naive means Moscow time; an aware moment is converted to Moscow time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=MOSCOW)
    try:
        return moment.astimezone(MOSCOW)
    except OverflowError:  # e.g. 0001-01-01 with a zone east of Moscow
        raise _Refused(_not_a_date(moment.isoformat())) from None


def _not_a_date(value: object) -> str:
    return (
        f"«{value}» — не дата: пишите год-месяц-день, например «2019-04-19», "
        "или дату и время, например «2019-04-19 10:30»."
    )


def post_status(draft: bool, published: datetime, build_time: datetime) -> PostStatus:
    if draft:
        return PostStatus.DRAFT
    if published > build_time:
        return PostStatus.SCHEDULED
    return PostStatus.PUBLISHED


def duplicate_url_problems(claims: list[_UrlClaim]) -> list[Problem]:
    """One problem for every post whose address an earlier post (by file path) already has."""
    first: dict[str, _UrlClaim] = {}
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


def _source(project_dir: Path, path: Path) -> str:
    return path.relative_to(project_dir).as_posix()


class _PostReader:
    """Reads one post file; problems go to ``log``."""

    def __init__(self, path: Path, context: _Context) -> None:
        self.path = path
        self.context = context
        self.source = _source(context.project_dir, path)
        self.folder = posixpath.dirname(self.source)
        self.log = ProblemLog(self.source)
        self.removed_chars = 0
        self.url_claim: _UrlClaim | None = None
        self.body_html = ""
        """The body rendered once here, sanitised, for the pages and feeds."""

    def read(self) -> Post | None:
        """The valid post, or None when the file has a problem."""
        text = self._text()
        if text is None:
            return None
        text, self.removed_chars = remove_control_chars(text)
        parts = split_post(text, self.log)
        meta = self._front_matter(parts) if parts else None
        if parts is None or meta is None:
            return None
        post = self._post(meta, parts)
        return None if self.log.problems else post

    def _text(self) -> str | None:
        if not self.path.resolve().is_relative_to(self.context.news_root):
            self.log.add(
                1,
                "файл",
                f"файл — ссылка на файл вне папки {NEWS_DIR}/: положите в {NEWS_DIR}/ сам файл "
                "записи, а не ссылку на него.",
            )
            return None
        return read_text_file(self.path, self.log)

    def _front_matter(self, parts: PostParts) -> LineDict | None:
        data = load_yaml(parts.front_matter, self.log, first_line=2)
        if data is None:
            if not self.log.problems:
                self.log.add(
                    1,
                    "файл",
                    "заголовок записи пуст: впишите между строками «---» поля title, date "
                    "и category.",
                )
            return None
        if not isinstance(data, LineDict):
            self.log.add(
                2,
                "файл",
                "между строками «---» должны быть поля «имя: значение», например «title: …», "
                f"а указано: {type_name(data)}.",
            )
            return None
        return data

    def _post(self, meta: LineDict, parts: PostParts) -> Post | None:
        check_keys(meta, "", POST_KEYS, REQUIRED_KEYS, self.log)
        slug, published = self._slug(), self._published(meta)
        title, category, draft = self._title(meta), self._category(meta), self._draft(meta)
        if slug and published:
            self._claim_url(slug, published[0], meta.line_of("date"))
        image = self._image(meta)
        details = self._details(meta, published[0] if published else None)
        files = sorted(
            {*self._body_files(parts), *([image] if image else []), *self._folder_files()}
        )
        if slug is None or title is None or published is None or category is None or draft is None:
            return None
        return Post(
            source=self.source,
            slug=slug,
            title=title,
            published=published[0],
            date_only=published[1],
            category=category,
            body=parts.body,
            body_line=parts.body_line,
            image=image,
            files=tuple(files),
            status=post_status(draft, published[0], self.context.build_time),
            **details,
        )

    def _claim_url(self, slug: str, published: datetime, line: int) -> None:
        """Remember the post's address to find repeats."""
        url = post_url(published, slug)
        self.url_claim = _UrlClaim(url, self.source, line)

    def _details(self, meta: LineDict, published: datetime | None) -> dict[str, object]:
        """The optional fields that need no more than the front matter and the date."""
        return {
            "municipalities": self._municipalities(meta),
            "activity_ids": self._activity_ids(meta, published),
            "tags": _unique(text for text, _, _ in text_items(meta, "tags", self.log)),
            "summary": fields.read_optional_text(meta, "summary", "", self.log),
        }

    def _slug(self) -> str | None:
        path = PurePosixPath(self.source)
        if path.name.lower() == "index.md" and self.folder == NEWS_DIR:
            self.log.add(
                1,
                "файл",
                f"файл {NEWS_DIR}/index.md не может быть записью: положите запись в свою папку, "
                f"например «{NEWS_DIR}/2019/uroki/index.md», или переименуйте файл.",
            )
            return None
        slug = post_slug(self.source)
        if not slug:
            self.log.add(
                1,
                "файл",
                f"из имени файла «{path.name}» не получается адрес страницы: назовите файл "
                "словами из букв и цифр, например «2019-04-19-uroki.md».",
            )
            return None
        return slug

    def _title(self, meta: LineDict) -> str | None:
        title = fields.read_text(meta, "title", "", self.log)
        if title is not None and len(title) > MAX_TITLE_CHARS:
            self.log.add(
                meta.line_of("title"),
                "title",
                f"заголовок длиннее {MAX_TITLE_CHARS} символов ({len(title)}): сократите его, "
                "подробности перенесите в текст или в поле summary.",
            )
            return None
        return title

    def _published(self, meta: LineDict) -> tuple[datetime, bool] | None:
        if "date" not in meta:
            return None
        if meta["date"] is None:
            self.log.add(meta.line_of("date"), "date", "поле пустое: впишите значение.")
            return None
        try:
            return parse_published(meta["date"])
        except _Refused as refused:
            self.log.add(meta.line_of("date"), "date", str(refused))
            return None

    def _category(self, meta: LineDict) -> Category | None:
        name = fields.read_text(meta, "category", "", self.log)
        if name is None:
            return None
        taxonomy = self.context.taxonomy
        category = taxonomy.find_category(name)
        if category is None:
            near = taxonomy.nearest_category(name)
            hint = f" Возможно, имелось в виду «{near.name}»." if near else ""
            known = "; ".join(f"«{item.name}» ({item.id})" for item in taxonomy.categories)
            self.log.add(
                meta.line_of("category"),
                "category",
                f"неизвестная категория «{name}».{hint} Категории: {known}.",
            )
        return category

    def _municipalities(self, meta: LineDict) -> tuple[Municipality, ...]:
        taxonomy = self.context.taxonomy
        found = []
        for name, line, field in text_items(meta, "municipality", self.log):
            municipality = taxonomy.find_municipality(name)
            if municipality is None:
                near = taxonomy.nearest_municipality(name)
                hint = (
                    f"Возможно, имелось в виду «{near.name}»."
                    if near
                    else "Названия и идентификаторы — в data/municipalities.yaml."
                )
                self.log.add(line, field, f"неизвестное муниципальное образование «{name}». {hint}")
            found.append(municipality)
        return _unique(item for item in found if item is not None)

    def _activity_ids(self, meta: LineDict, published: datetime | None) -> tuple[str, ...]:
        items = text_items(meta, "plan", self.log)
        if not items or published is None:
            return ()
        if self.context.plan_data is None:  # the plan's own problems are reported instead
            return tuple(activity_id for activity_id, _, _ in items)
        plan = self.context.plan_data.plan_for(published.year)
        if plan is None:
            self.log.add(
                meta.line_of("plan"),
                "plan",
                f"плана на {published.year} год нет в data/plan.yaml: мероприятия ищутся в плане "
                "года даты записи; проверьте дату или уберите поле plan.",
            )
            return ()
        known = [activity.id for activity in plan.activities]
        for activity_id, line, field in items:
            if activity_id not in known:
                hint = (
                    suggestion(activity_id, known) or " Идентификаторы — поля id в data/plan.yaml."
                )
                self.log.add(
                    line,
                    field,
                    f"в плане {plan.year} года нет мероприятия «{activity_id}».{hint}",
                )
        return _unique(activity_id for activity_id, _, _ in items if activity_id in known)

    def _draft(self, meta: LineDict) -> bool | None:
        value = meta.get("draft", False)
        if isinstance(value, bool):
            return value
        shown = "" if value is None else f" ({value})"
        self.log.add(
            meta.line_of("draft"),
            "draft",
            "ожидается да/нет: пишите «draft: true» (черновик) или «draft: false», "
            f"а указано: {type_name(value)}{shown}.",
        )
        return None

    def _image(self, meta: LineDict) -> str | None:
        value = fields.read_optional_text(meta, "image", "", self.log)
        if value is None:
            return None
        try:
            return self._local_file(value, picture=True)
        except _Refused as refused:
            self.log.add(meta.line_of("image"), "image", str(refused))
            return None

    def _folder_files(self) -> list[str]:
        """A post in its own folder (``…/name/index.md``) brings every file in that folder,
        used or not (a PDF to download, say); posts sharing a folder bring only their own.
        Hidden files, other posts and links leading out of ``news/`` are left out."""
        if self.path.name.lower() != "index.md":
            return []
        folder = self.path.parent
        found = []
        for path in sorted(folder.rglob("*")):
            relpath = path.relative_to(folder)
            if (
                any(part.startswith(".") for part in relpath.parts)
                or path.suffix.lower() == ".md"
                or path.is_symlink()
                or not path.is_file()
                or _inside_another_post(folder, relpath)
            ):
                continue
            found.append(relpath.as_posix())
        return found

    def _body_files(self, parts: PostParts) -> list[str]:
        """Files beside the post that the body uses; checks every local link and picture."""
        if not parts.body.strip():
            self.log.add(
                parts.closing_line,
                "текст",
                "в записи нет текста: напишите его под строкой «---», закрывающей заголовок.",
            )
            return []
        try:
            rendered = self.context.cache.render(parts.body, self.context.abbreviations)
        except RecursionError:  # Markdown recurses once per level of nested lists or quotes
            self.log.add(
                parts.body_line,
                "текст",
                "в тексте слишком глубокая вложенность списков или цитат: упростите разметку.",
            )
            return []
        self.body_html = rendered.html
        files = []
        for reference in rendered.references:
            if reference.misplaced:
                self.log.add(_line_of(parts, reference), "текст", _misplaced(reference.url))
                continue
            if not reference.local:
                continue
            try:
                if reference.to_post:
                    self._check_post_link(reference)
                else:
                    files.append(self._local_file(reference.path, reference.picture))
            except _Refused as refused:
                self.log.add(_line_of(parts, reference), "текст", str(refused))
        return files

    def _check_post_link(self, reference: Reference) -> None:
        target = posixpath.normpath(posixpath.join(self.folder, reference.path))
        if target in self.context.post_sources:
            return
        others = sorted(
            posixpath.relpath(source, self.folder)
            for source in self.context.post_sources
            if source != self.source
        )
        near = difflib.get_close_matches(reference.path, others, n=1)
        hint = f" Возможно, имелось в виду «{near[0]}»." if near else ""
        raise _Refused(
            f"ссылка «{reference.url}» ведёт на запись {target}, а такой записи нет: "
            f"проверьте путь от папки этой записи.{hint}"
        )

    def _local_file(self, ref: str, picture: bool) -> str:
        """``ref`` normalised, relative to the post's folder, once it is known to be usable."""
        relpath = self._relative_path(ref)
        target = self.path.parent / relpath
        if not _exists(target):
            raise _Refused(
                f"файл «{ref}» не найден рядом с записью (в папке {self.folder}/)."
                f"{_nearest_file(target, relpath) or _web_address_hint(ref)}"
            )
        if not target.is_file():
            raise _Refused(f"«{ref}» — папка, а не файл: укажите файл в ней.")
        if not target.resolve().is_relative_to(self.context.news_root):
            raise _Refused(
                f"файл «{ref}» — ссылка на файл вне папки {NEWS_DIR}/: положите рядом "
                "с записью сам файл, а не ссылку на него."
            )
        if picture and PurePosixPath(relpath).suffix.lower() not in IMAGE_SUFFIXES:
            raise _Refused(
                f"файл «{ref}» — не картинка: подойдут файлы "
                f"{', '.join(suffix[1:] for suffix in IMAGE_SUFFIXES)}."
            )
        return relpath

    def _relative_path(self, ref: str) -> str:
        if ref.startswith(("/", "\\")) or _SCHEME.match(ref):
            raise _Refused(
                f"«{ref}» — не путь к файлу рядом с записью: положите файл в папку записи "
                "и укажите путь от неё, например «lessons.jpg» или «img/lessons.jpg»."
            )
        if "\\" in ref:
            raise _Refused(f"в пути «{ref}» используйте «/», а не «\\».")
        relpath = posixpath.normpath(ref)
        if relpath == ".." or relpath.startswith("../"):
            raise _Refused(
                f"файл «{ref}» лежит вне папки записи ({self.folder}/): положите его рядом "
                "с записью или в папку под ней."
            )
        if relpath.lower() == "index.html":
            raise _Refused("файл index.html совпал бы со страницей записи: переименуйте его.")
        return relpath


def text_items(mapping: LineDict, key: str, log: ProblemLog) -> list[tuple[str, int, str]]:
    """``(text, line, field)`` for a field holding one text or a list of texts."""
    if key not in mapping:
        return []
    value, line = mapping[key], mapping.line_of(key)
    if value is None:
        log.add(line, key, "поле пустое: впишите значение или удалите строку.")
        return []
    if isinstance(value, str):
        return _checked_items([(value, line, key, value)], log)
    if isinstance(value, LineList):
        items = [
            (item, value.line_of(index), join(key, index), value.text_of(index))
            for index, item in enumerate(value)
        ]
        return _checked_items(items, log)
    log.add(line, key, f"ожидается текст или список, а указано: {type_name(value)}.")
    return []


def _checked_items(items: list[tuple[object, int, str, str]], log: ProblemLog):
    """Texts of a list; ``written`` is each item as typed, for the message about it."""
    checked = []
    for value, line, field, written in items:
        if isinstance(value, str) and value.strip():
            checked.append((" ".join(value.split()), line, field))
        elif value is None or isinstance(value, str):
            log.add(line, field, "пустое значение: впишите его или удалите пункт.")
        else:
            log.add(
                line,
                field,
                f"ожидается текст, а указано: {type_name(value)} ({written}). "
                "Заключите значение в кавычки.",
            )
    return checked


def _unique(items: Iterator) -> tuple:
    """Items without repeats, in their first order."""
    return tuple(dict.fromkeys(items))


def _inside_another_post(folder: Path, relpath: Path) -> bool:
    """The file lies in a sub-folder that is itself a post's folder."""
    return any(
        (folder.joinpath(*relpath.parts[:depth]) / "index.md").exists()
        for depth in range(1, len(relpath.parts))
    )


def _exists(path: Path) -> bool:
    """False also for a name the file system cannot hold (say, 300 characters long)."""
    try:
        return path.exists()
    except OSError:
        return False


def _misplaced(url: str) -> str:
    return (
        f"«{url}» — не путь к файлу рядом с записью: положите файл в папку записи и укажите "
        "путь от неё, например «lessons.jpg» или «img/lessons.jpg»."
    )


def _line_of(parts: PostParts, reference: Reference) -> int:
    """The body line where a link or picture is written (its first mention)."""
    for needle in (reference.url, reference.path):
        for index, text in enumerate(parts.body.split("\n")):
            if needle in text:
                return parts.body_line + index
    return parts.body_line


def _web_address_hint(ref: str) -> str:
    if ref.lower().startswith("www."):
        return " Если это адрес сайта, начните его с «https://»."
    return ""


def _nearest_file(target: Path, relpath: str) -> str:
    """`` Возможно, имелось в виду «img/a.jpg».`` for a file spelled a little differently."""
    if not target.parent.is_dir():
        return ""
    names = sorted(path.name for path in target.parent.iterdir() if not path.name.startswith("."))
    near = difflib.get_close_matches(target.name, names, n=1, cutoff=0.6)
    if not near:
        return ""
    return f" Возможно, имелось в виду «{posixpath.join(posixpath.dirname(relpath), near[0])}»."
