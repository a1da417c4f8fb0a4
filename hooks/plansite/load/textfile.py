"""Reading editors' text files: UTF-8 only, with a clear word when they are not.

Editors on Windows save in cp1251 or UTF-16; a BOM and CRLF line endings are fine. A file
that is not UTF-8 is reported, never guessed at, so no text is published garbled.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from plansite.problems import ProblemLog

MAX_FILE_BYTES = 1_000_000
"""Larger files are refused: a post or a plan this big is a mistake (a pasted image?)."""

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""C0 controls except the whitespace ones, DEL and C1 except NEL: pasted from office files."""
_SPACING_CONTROL = re.compile(r"[\x0b\x0c\x0d\x1c-\x1f\x85]")
"""Controls that separate words (Word writes its line break as \\x0b): they become spaces."""
_LINE_SEPARATORS = re.compile(r"[\u2028\u2029]")
SAVE_AS_UTF8 = (
    "Откройте файл в редакторе (например, «Блокнот») и сохраните его в кодировке UTF-8 "
    "(«Файл → Сохранить как → Кодировка: UTF-8»)."
)


def read_text_file(path: Path, log: ProblemLog) -> str | None:
    """The file's text with a BOM removed and line endings made ``\\n``; None on a problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        log.add(1, "файл", "файл не найден: восстановите его из репозитория.")
        return None
    except OSError as error:
        log.add(1, "файл", f"файл не читается ({error.strerror}).")
        return None
    return decode_text(raw, log)


def decode_text(raw: bytes, log: ProblemLog) -> str | None:
    if len(raw) > MAX_FILE_BYTES:
        log.add(
            1,
            "файл",
            f"файл больше {MAX_FILE_BYTES // 1_000_000} МБ: такой объём не помещается в одну "
            "запись; картинки кладите отдельными файлами рядом, а не внутрь текста.",
        )
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


def remove_control_chars(text: str) -> tuple[str, int]:
    """``text`` without control characters and how many were changed.

    Control characters (C0 except tab and newline, DEL, C1) are removed; those that separate
    words (vertical tab, form feed, the information separators, NEL) are replaced by a space
    so that words do not run together. The Unicode line and paragraph separators, which YAML
    also counts as line breaks, become ``\\n``. Every one counts as removed.
    """
    text, separators = _LINE_SEPARATORS.subn("\n", text)
    text, spacing = _SPACING_CONTROL.subn(" ", text)
    text, controls = _CONTROL.subn("", text)
    return text, separators + spacing + controls
