"""Reading editors' text files: UTF-8 only, with a clear word when they are not.

Editors on Windows save in cp1251 or UTF-16; a BOM and CRLF line endings are fine. A file
that is not UTF-8 is reported, never guessed at, so no text is published garbled.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from plansite.load.filetypes import NotReadable, read_plain_file, too_big
from plansite.load.limits import MAX_FILE_BYTES
from plansite.load.unicode import nfc, remove_control_chars
from plansite.problems import ProblemLog

__all__ = ["MAX_FILE_BYTES", "decode_text", "read_text_file", "remove_control_chars"]

SAVE_AS_UTF8 = (
    "Откройте файл в редакторе (например, «Блокнот») и сохраните его в кодировке UTF-8 "
    "(«Файл → Сохранить как → Кодировка: UTF-8»)."
)


def read_text_file(path: Path, log: ProblemLog) -> str | None:
    """The file's text with a BOM removed and line endings made ``\\n``; None on a problem."""
    try:
        raw = read_plain_file(path, MAX_FILE_BYTES)
    except NotReadable as refused:
        log.add(1, "файл", str(refused))
        return None
    return decode_text(raw, log)


def decode_text(raw: bytes, log: ProblemLog) -> str | None:
    if len(raw) > MAX_FILE_BYTES:
        log.add(1, "файл", too_big(MAX_FILE_BYTES))
        return None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        log.add(1, "кодировка", f"файл сохранён в кодировке UTF-16. {SAVE_AS_UTF8}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        log.add(line, "кодировка", f"{_guess_encoding(raw)} {SAVE_AS_UTF8}")
        return None
    if "\x00" in text:
        log.add(1, "кодировка", f"в файле есть нулевые символы (это не текст?). {SAVE_AS_UTF8}")
        return None
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n"))


def _guess_encoding(raw: bytes) -> str:
    """Name the likely encoding, to make the message concrete; never used to decode."""
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return "файл не в кодировке UTF-8."
    cyrillic = sum("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text)
    if cyrillic:
        return "файл сохранён в кодировке Windows-1251 (ANSI), а нужна UTF-8."
    return "файл не в кодировке UTF-8."
