"""Which files beside a post may be published with it, from the site's own origin.

A file published under the site's address runs with the site's rights in a visitor's
browser if it is HTML, JavaScript or an SVG with a script, so only files that are safe to
serve are published: pictures (checked to really be pictures of their type, with
dimensions), PDF and office documents, plain text and tables, audio and video. An SVG is a
picture only when it holds no script, no event handlers and no ``javascript:`` links.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import lxml.etree

from plansite.load.filetypes import NotReadable, read_plain_file
from plansite.load.images import picture_size
from plansite.load.limits import MAX_ATTACHMENT_BYTES

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
DOCUMENT_SUFFIXES: tuple[str, ...] = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx")
DOCUMENT_SUFFIXES += (".odt", ".ods", ".odp", ".rtf", ".txt", ".csv")
MEDIA_SUFFIXES = (".mp3", ".ogg", ".oga", ".opus", ".m4a", ".wav", ".mp4", ".webm", ".ogv")
SAFE_SUFFIXES = PICTURE_SUFFIXES + DOCUMENT_SUFFIXES + MEDIA_SUFFIXES
ACTIVE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".js", ".mjs", ".svgz", ".xml", ".xsl")
"""Files a browser would run as part of the site: refused with their own explanation."""

_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
_SVG_ACTIVE_ELEMENTS = frozenset({"script", "foreignObject", "handler", "listener"})
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


def suffix_names(suffixes: tuple[str, ...]) -> str:
    return ", ".join(suffix[1:] for suffix in suffixes)


def attachment_problem(path: Path, shown: str, picture: bool) -> str | None:
    """Why the file at ``path`` (written ``shown`` by the editor) may not be published.

    ``picture``: the post shows it as a picture (``image:`` or ``![…](…)``), so it must be one.
    """
    suffix = posixpath.splitext(shown)[1].lower()
    if suffix in ACTIVE_SUFFIXES:
        return (
            f"файл «{shown}» — веб-страница или программа ({suffix[1:]}): такие файлы не "
            "публикуются, браузер выполнил бы их как часть сайта. Перенесите текст в запись "
            "или приложите PDF."
        )
    if picture and suffix not in PICTURE_SUFFIXES:
        return f"файл «{shown}» — не картинка: подойдут файлы {suffix_names(PICTURE_SUFFIXES)}."
    if suffix not in SAFE_SUFFIXES:
        return (
            f"файлы вида «{shown}» не публикуются: рядом с записью можно положить картинки "
            f"({suffix_names(PICTURE_SUFFIXES)}), документы ({suffix_names(DOCUMENT_SUFFIXES)}),"
            f" аудио и видео ({suffix_names(MEDIA_SUFFIXES)})."
        )
    try:
        content = read_plain_file(path, MAX_ATTACHMENT_BYTES)
    except NotReadable as refused:
        return f"файл «{shown}»: {refused}"
    if not content:
        return f"файл «{shown}» пуст: положите на его место сам файл."
    if suffix in PICTURE_SUFFIXES:
        return _picture_problem(content, shown, suffix)
    return None


def _picture_problem(content: bytes, shown: str, suffix: str) -> str | None:
    if suffix == ".svg":
        return _svg_problem(content, shown)
    signatures = _SIGNATURES[suffix]
    is_webp = suffix != ".webp" or content[8:12] == b"WEBP"
    if not content.startswith(signatures) or not is_webp or picture_size(content) is None:
        return (
            f"файл «{shown}» — не картинка {suffix[1:].upper()} (или повреждён): сохраните "
            "картинку заново в этом формате или исправьте окончание имени файла."
        )
    return None


def _svg_problem(content: bytes, shown: str) -> str | None:
    """An SVG is published only if it is well-formed SVG with nothing that runs."""
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = lxml.etree.fromstring(content, parser)
    except lxml.etree.XMLSyntaxError:
        root = None
    if root is None or root.tag not in (f"{_SVG_NAMESPACE}svg", "svg"):
        return f"файл «{shown}» — не картинка SVG (или повреждён): сохраните её заново."
    if not root.get("viewBox") and not (root.get("width") and root.get("height")):
        return (
            f"у картинки «{shown}» не указаны размеры: сохраните её с атрибутами width "
            "и height или viewBox."
        )
    if root.getroottree().docinfo.internalDTD is not None:
        return f"в картинке «{shown}» есть объявления <!DOCTYPE> или <!ENTITY>: удалите их."
    for element in root.iter(lxml.etree.Element):
        if _svg_element_runs(element):
            return (
                f"в картинке «{shown}» есть скрипт или обработчик событий (<script>, "
                "onclick=…, javascript:): такие SVG не публикуются. Сохраните картинку "
                "заново без них или в PNG."
            )
    return None


def _svg_element_runs(element: lxml.etree._Element) -> bool:
    name = lxml.etree.QName(element).localname
    if name in _SVG_ACTIVE_ELEMENTS:
        return True
    for attribute, value in element.attrib.items():
        local = lxml.etree.QName(attribute).localname.lower()
        if local.startswith("on"):
            return True
        compact = "".join(str(value).split()).lower()
        if compact.startswith(_SCRIPT_SCHEMES) or (
            local in ("attributename", "to", "values", "from") and compact.startswith("on")
        ):
            return True
    return False
