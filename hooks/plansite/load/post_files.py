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
from pathlib import Path, PurePosixPath

from plansite.load.body_cache import RenderedBody
from plansite.load.frontmatter import PostParts
from plansite.load.post_paths import NEWS_DIR
from plansite.load.postbody import Reference
from plansite.problems import ProblemLog, Refused

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")

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
        if not target.is_file():
            raise Refused(f"«{ref}» — папка, а не файл: укажите файл в ней.")
        if not target.resolve().is_relative_to(self.news_root):
            raise Refused(
                f"файл «{ref}» — ссылка на файл вне папки {NEWS_DIR}/: положите рядом "
                "с записью сам файл, а не ссылку на него."
            )
        if picture and PurePosixPath(relpath).suffix.lower() not in IMAGE_SUFFIXES:
            raise Refused(
                f"файл «{ref}» — не картинка: подойдут файлы "
                f"{', '.join(suffix[1:] for suffix in IMAGE_SUFFIXES)}."
            )
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


def folder_files(where: PostFolder) -> list[str]:
    """A post in its own folder (``…/name/index.md``) brings every file in that folder,
    used or not (a PDF to download, say); posts sharing a folder bring only their own.
    Hidden files, other posts and links leading out of ``news/`` are left out."""
    if where.path.name.lower() != "index.md":
        return []
    folder = where.path.parent
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
