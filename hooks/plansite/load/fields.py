"""Typed reading of YAML mappings with problems worded for editors.

Every reader takes the mapping, the dotted path of the mapping (``plans[0]``) and a
:class:`ProblemLog`; it returns the value or ``None`` after logging why it could not.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from plansite.load.yamlsource import LineDict, LineList
from plansite.problems import ProblemLog

TYPE_NAMES = {
    str: "текст",
    int: "целое число",
    bool: "да/нет (true/false)",
    list: "список",
    dict: "набор полей",
    date: "дата",
    datetime: "дата и время",
    float: "число",
    type(None): "пустое значение",
}


def type_name(value: Any) -> str:
    """The Russian name of a YAML value's type (subclasses such as LineList included)."""
    for kind in (bool, datetime, date, int, float, str, list, dict):
        if isinstance(value, kind):
            return TYPE_NAMES[kind]
    return TYPE_NAMES.get(type(value), type(value).__name__)


def join(path: str, key: str | int) -> str:
    """``join("plans[0]", "year")`` → ``plans[0].year``; ``join("plans", 0)`` → ``plans[0]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    key = key if key.strip() else "(пустое имя)"
    return f"{path}.{key}" if path else key


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The closest valid value to a mistyped one, if any is close enough."""
    matches = difflib.get_close_matches(str(word).lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def suggestion(word: str, choices: Iterable[str]) -> str:
    """`` Возможно, имелось в виду «x».`` or an empty string."""
    match = nearest(word, choices)
    return f" Возможно, имелось в виду «{match}»." if match else ""


def check_keys(
    mapping: LineDict,
    path: str,
    allowed: Iterable[str],
    required: Iterable[str],
    log: ProblemLog,
) -> None:
    """Report unknown keys (with the nearest known one) and missing required keys."""
    allowed = list(allowed)
    for key in mapping:
        if key not in allowed:
            hint = suggestion(str(key), allowed) or f" Допустимые поля: {', '.join(allowed)}."
            log.add(mapping.line_of(key), join(path, str(key)), f"неизвестное поле.{hint}")
    for key in required:
        if key not in mapping:
            log.add(
                mapping.line,
                join(path, key),
                f"обязательное поле отсутствует: добавьте строку «{key}: …».",
            )


def as_mapping(value: Any, path: str, line: int, log: ProblemLog) -> LineDict | None:
    if isinstance(value, LineDict):
        return value
    log.add(
        line,
        path,
        f"ожидается набор полей «имя: значение», а указано: {type_name(value)}.",
    )
    return None


def as_list(value: Any, path: str, line: int, log: ProblemLog) -> LineList | None:
    if isinstance(value, LineList):
        return value
    log.add(
        line,
        path,
        f"ожидается список (строки, начинающиеся с «- »), а указано: {type_name(value)}.",
    )
    return None


def read_text(mapping: LineDict, key: str, path: str, log: ProblemLog) -> str | None:
    """A required non-empty text field; numbers are not silently turned into text."""
    if key not in mapping:
        return None  # reported by check_keys
    value = mapping[key]
    line = mapping.line_of(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        log.add(line, join(path, key), "поле пустое: впишите значение.")
        return None
    if not isinstance(value, str):
        log.add(
            line,
            join(path, key),
            f"ожидается текст, а указано: {type_name(value)} ({mapping.text_of(key)}). "
            "Заключите значение в кавычки.",
        )
        return None
    return " ".join(value.split())


ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""Ids become parts of page addresses: lowercase ASCII words joined by hyphens."""


def read_id(mapping: LineDict, path: str, log: ProblemLog, example: str) -> str | None:
    """The required ``id`` field, checked to be usable in an address."""
    value = read_text(mapping, "id", path, log)
    if value is None:
        return None
    if not ID_PATTERN.match(value):
        log.add(
            mapping.line_of("id"),
            join(path, "id"),
            f"«{value}» не подходит для адреса страницы: используйте строчные латинские "
            f"буквы, цифры и дефис, например «{example}».",
        )
        return None
    return value


def read_optional_text(mapping: LineDict, key: str, path: str, log: ProblemLog) -> str | None:
    if mapping.get(key) is None:
        return None
    return read_text(mapping, key, path, log)


def read_int(mapping: LineDict, key: str, path: str, log: ProblemLog) -> int | None:
    if key not in mapping:
        return None
    value = mapping[key]
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    log.add(
        mapping.line_of(key),
        join(path, key),
        f"ожидается целое число, а указано: {type_name(value)} ({value!s}).",
    )
    return None


def read_text_list(mapping: LineDict, key: str, path: str, log: ProblemLog) -> tuple[str, ...]:
    """A list of non-empty texts; a single text is accepted as a list of one."""
    if mapping.get(key) is None:
        if key in mapping:
            log.add(mapping.line_of(key), join(path, key), "поле пустое: впишите значение.")
        return ()
    value = mapping[key]
    line = mapping.line_of(key)
    if isinstance(value, str):
        value = LineList([value])
        value.line, value.item_lines, value.item_texts = line, [line], [None]
    items = as_list(value, join(path, key), line, log)
    if items is None:
        return ()
    texts = []
    for index, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            log.add(
                items.line_of(index),
                join(join(path, key), index),
                f"ожидается непустой текст, а указано: {type_name(item)}.",
            )
            continue
        texts.append(" ".join(item.split()))
    return tuple(texts)


def parse_date(value: Any) -> date | None:
    """A date from YAML (already a date) or from text «2019-04-19»; None if it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
