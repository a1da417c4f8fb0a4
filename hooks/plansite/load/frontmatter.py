"""A post file's two parts, front matter and body, and the invisible characters it may carry.

A post starts with a line ``---``, then YAML fields, then another ``---``, then the Markdown
text. Line numbers stay those of the file: the first ``---`` is line 1, so the YAML starts on
line 2. Only a line that is exactly ``---`` from its first character closes the front matter
(trailing spaces are invisible and allowed): an indented ``---`` belongs to a block value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plansite.problems import ProblemLog

DELIMITER = "---"

_DASH_LINE = re.compile(r"^\s*[-‐‑‒–—―]{1,6}\s*$")
"""A line meant as ``---`` but typed (or auto-corrected) as a dash, ``--`` or ``----``."""

HOW_A_POST_STARTS = (
    "запись должна начинаться со строки «---», за ней — поля (title, date, category), "
    "затем снова строка «---» и под ней текст записи."
)


@dataclass(frozen=True)
class PostParts:
    front_matter: str
    """The YAML between the delimiters; it starts on line 2 of the file."""
    body: str
    body_line: int
    """File line where the body starts (the line after the closing ``---``)."""
    closing_line: int
    """File line of the closing ``---``."""


def split_post(text: str, log: ProblemLog) -> PostParts | None:
    """Front matter and body of a post's text; None after logging why they cannot be told apart."""
    if not text.strip():
        log.add(1, "файл", f"файл пуст: {HOW_A_POST_STARTS}")
        return None
    lines = text.split("\n")
    if lines[0].strip() != DELIMITER:
        log.add(1, "файл", f"нет заголовка записи: {HOW_A_POST_STARTS}")
        return None
    closing = next((index for index in range(1, len(lines)) if is_closing(lines[index])), None)
    if closing is None:
        _report_unclosed(lines, log)
        return None
    return PostParts(
        front_matter="\n".join(lines[1:closing]),
        body="\n".join(lines[closing + 1 :]),
        body_line=closing + 2,
        closing_line=closing + 1,
    )


def is_closing(line: str) -> bool:
    """``---`` at the start of the line, nothing after it but spaces."""
    return line.rstrip() == DELIMITER


def _report_unclosed(lines: list[str], log: ProblemLog) -> None:
    """Point at a dash line that was meant as the closing ``---``, if there is one."""
    for index in range(1, len(lines)):
        if lines[index].strip() == DELIMITER:
            log.add(
                index + 1,
                "файл",
                "строка «---» с пробелами в начале не закрывает заголовок записи: уберите "
                "пробелы перед «---».",
            )
            return
        if _DASH_LINE.match(lines[index]):
            log.add(
                index + 1,
                "файл",
                f"строка «{lines[index].strip()}» должна состоять ровно из трёх дефисов «---»: "
                "она закрывает заголовок записи.",
            )
            return
    log.add(
        1,
        "файл",
        "заголовок записи не закрыт: после последнего поля добавьте строку «---», "
        "а под ней — текст записи.",
    )
