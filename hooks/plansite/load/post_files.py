"""The files a post uses: its lead picture, the pictures and files its body links to, the
other posts it links to and, for a post in its own folder, every file in that folder.

Every file must lie beside the post (in its folder or below) and inside ``news/``; pictures
must be of a kind browsers show.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from plansite.load.attachments import attachment_problem
from plansite.load.body_cache import RenderedBody
from plansite.load.filetypes import not_a_plain_file
from plansite.load.frontmatter import PostParts
from plansite.load.post_paths import NEWS_DIR
from plansite.load.postbody import Reference
from plansite.model import SiteLink
from plansite.problems import ProblemLog, Refused

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class PostFolder:
    """Where a post file lies, for checking the files it names."""

    path: Path
    """The post file."""
    source: str
    """The post file relative to the project: ``news/2019/seminar/index.md``."""
    news_root: Path
    """``news/`` with symlinks resolved: files of posts must stay inside it."""

    @property
    def folder(self) -> str:
        """The post's folder relative to the project: ``news/2019/seminar``."""
        return posixpath.dirname(self.source)

    def local_file(self, ref: str, picture: bool) -> str:
        """``ref`` normalised, relative to the post's folder, once it is known to be usable."""
        relpath = self._relative_path(ref)
        target = self.path.parent / relpath
        if not _exists(target):
            raise Refused(
                f"файл «{ref}» не найден рядом с записью (в папке {self.folder}/)."
                f"{_nearest_file(target, relpath) or _web_address_hint(ref)}"
            )
        if target.is_dir():
            raise Refused(f"«{ref}» — папка, а не файл: укажите файл в ней.")
        refusal = not_a_plain_file(target)
        if refusal is not None:
            raise Refused(f"файл «{ref}»: {refusal}")
        if not target.resolve().is_relative_to(self.news_root):
            raise Refused(
                f"файл «{ref}» — ссылка на файл вне папки {NEWS_DIR}/: положите рядом "
                "с записью сам файл, а не ссылку на него."
            )
        problem = attachment_problem(target, ref, picture)
        if problem is not None:
            raise Refused(problem)
        return relpath

    def _relative_path(self, ref: str) -> str:
        if ref.startswith(("/", "\\")) or _SCHEME.match(ref):
            raise Refused(_misplaced(ref))
        if "\\" in ref:
            raise Refused(f"в пути «{ref}» используйте «/», а не «\\».")
        relpath = posixpath.normpath(ref)
        if relpath == ".." or relpath.startswith("../"):
            raise Refused(
                f"файл «{ref}» лежит вне папки записи ({self.folder}/): положите его рядом "
                "с записью или в папку под ней."
            )
        if relpath.lower() == "index.html":
            raise Refused("файл index.html совпал бы со страницей записи: переименуйте его.")
        return relpath


def folder_files(where: PostFolder, mentioned: Collection[str], log: ProblemLog) -> list[str]:
    """A post in its own folder (``…/name/index.md``) brings every file in that folder,
    used or not (a PDF to download, say); posts sharing a folder bring only their own.
    Hidden files, other posts and links to ordinary files are left out; any other file
    that cannot be published (a pipe, a script, a broken picture) is named, unless the post
    ``mentioned`` it (``image:`` or the body): it is named there."""
    if where.path.name.lower() != "index.md" or where.folder == NEWS_DIR:
        return []
    folder = where.path.parent
    found = []
    for path in sorted(folder.rglob("*")):
        relpath = path.relative_to(folder)
        if (
            any(part.startswith(".") for part in relpath.parts)
            or path.suffix.lower() == ".md"
            or path.is_dir()
            or _inside_another_post(folder, relpath)
            or relpath.as_posix() in mentioned
        ):
            continue
        problem = _folder_file_problem(path, relpath.as_posix())
        if problem is not None:
            log.add(1, "файлы", problem)
        elif not path.is_symlink():
            found.append(relpath.as_posix())
    return found


def _folder_file_problem(path: Path, shown: str) -> str | None:
    refusal = not_a_plain_file(path)
    if refusal is not None:
        return f"«{shown}» в папке записи: {refusal}"
    if path.is_symlink():
        return None  # a link to an ordinary file is left out (see test_safety)
    return attachment_problem(path, shown, picture=False)


def mentioned_files(rendered: RenderedBody | None, image: object) -> frozenset[str]:
    """The paths the body and ``image:`` name, as written (checked where they are named)."""
    named = [r.path for r in rendered.references if r.local] if rendered else []
    named += [image] if isinstance(image, str) else []
    return frozenset(posixpath.normpath(path) for path in named if path.strip())


def site_links(parts: PostParts, rendered: RenderedBody | None) -> tuple[SiteLink, ...]:
    """Links in the body written as site paths, checked once every page exists."""
    references = rendered.references if rendered else ()
    return tuple(
        SiteLink(reference.url, _line_of(parts, reference))
        for reference in references
        if reference.site_path
    )


def body_files(
    parts: PostParts,
    rendered: RenderedBody,
    where: PostFolder,
    post_sources: Collection[str],
    log: ProblemLog,
) -> list[str]:
    """Files beside the post that the body uses; checks every local link and picture."""
    files = []
    for reference in rendered.references:
        if reference.misplaced:
            log.add(_line_of(parts, reference), "текст", _misplaced(reference.url))
            continue
        if not reference.local:
            continue
        try:
            if reference.to_post:
                _check_post_link(reference, where, post_sources)
            else:
                files.append(where.local_file(reference.path, reference.picture))
        except Refused as refused:
            log.add(_line_of(parts, reference), "текст", str(refused))
    return files


def _check_post_link(
    reference: Reference, where: PostFolder, post_sources: Collection[str]
) -> None:
    target = posixpath.normpath(posixpath.join(where.folder, reference.path))
    if target in post_sources:
        return
    others = sorted(
        posixpath.relpath(source, where.folder) for source in post_sources if source != where.source
    )
    near = difflib.get_close_matches(reference.path, others, n=1)
    hint = f" Возможно, имелось в виду «{near[0]}»." if near else ""
    raise Refused(
        f"ссылка «{reference.url}» ведёт на запись {target}, а такой записи нет: "
        f"проверьте путь от папки этой записи.{hint}"
    )


def _inside_another_post(folder: Path, relpath: Path) -> bool:
    """The file lies in a sub-folder that is itself a post's folder."""
    return any(
        (folder.joinpath(*relpath.parts[:depth]) / "index.md").exists()
        for depth in range(1, len(relpath.parts))
    )


def _exists(path: Path) -> bool:
    """Also true for a link that leads nowhere or in a circle (reported as such); false for a
    name the file system cannot hold (say, 300 characters long)."""
    try:
        return path.exists() or path.is_symlink()
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
