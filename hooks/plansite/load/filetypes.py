"""What kind of file a path is, before anything opens it.

A named pipe makes a reader wait forever, a device such as ``/dev/zero`` never ends, and a
symbolic link that points at itself cannot be followed. Every editor's file is looked at
with ``stat`` first and read only when it is an ordinary file; anything else gets a message.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from plansite.load.limits import MAX_FILE_BYTES

REMOVE_IT = "удалите его или замените обычным файлом."


class NotReadable(Exception):
    """A file that cannot be read; the message says why, in Russian, for the editor."""


def not_a_plain_file(path: Path) -> str | None:
    """Why ``path`` is not an ordinary file that may be opened, or None when it is one.

    Symbolic links are followed (whether a link may lead where it leads is the caller's
    question); a link that goes round in a circle or leads nowhere is reported here.
    """
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return _stat_failure(path, error)
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "это папка, а не файл."
    if stat.S_ISFIFO(mode):
        return f"это именованный канал (FIFO), а не обычный файл: {REMOVE_IT}"
    if stat.S_ISSOCK(mode):
        return f"это сокет, а не обычный файл: {REMOVE_IT}"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return f"это файл устройства, а не обычный файл: {REMOVE_IT}"
    return f"это не обычный файл: {REMOVE_IT}"


def _stat_failure(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return (
            "это символическая ссылка, которая по кругу указывает сама на себя: удалите её "
            "или замените самим файлом."
        )
    if error.errno == errno.ENOENT and path.is_symlink():
        return "это символическая ссылка на несуществующий файл: удалите её или замените файлом."
    return read_failure(error)


def read_failure(error: OSError) -> str:
    """An ``OSError`` while reading, worded for the editor (the system's words are English)."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return (
            "нет прав на чтение файла: разрешите чтение (в свойствах файла или командой "
            "«chmod a+r ФАЙЛ») и повторите."
        )
    if error.errno == errno.ENOENT:
        return "файл не найден: восстановите его из репозитория."
    if error.errno == errno.ENAMETOOLONG:
        return "слишком длинное имя файла или пути: сократите его."
    if error.errno == errno.EISDIR:
        return "это папка, а не файл."
    if error.errno == errno.ELOOP:
        return "это символическая ссылка, которая по кругу указывает сама на себя: удалите её."
    return f"файл не читается (ошибка системы № {error.errno}): проверьте диск и права на файл."


def read_plain_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of an ordinary file of at most ``limit`` bytes; :class:`NotReadable` if not.

    The file is checked before it is opened, and opened without waiting (a pipe swapped in
    meanwhile cannot block), then checked again on the open handle.
    """
    refusal = not_a_plain_file(path)
    if refusal is not None:
        raise NotReadable(refusal)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise NotReadable(read_failure(error)) from error
    with os.fdopen(descriptor, "rb") as file:
        try:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                raise NotReadable(f"это не обычный файл: {REMOVE_IT}")
            content = file.read(limit + 1)
        except OSError as error:
            raise NotReadable(read_failure(error)) from error
    if len(content) > limit:
        raise NotReadable(too_big(limit))
    return content


def too_big(limit: int) -> str:
    return (
        f"файл больше {limit // 1_000_000} МБ: такой объём не помещается в одну "
        "запись; картинки кладите отдельными файлами рядом, а не внутрь текста."
    )
