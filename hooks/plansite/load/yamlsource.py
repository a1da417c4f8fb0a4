"""YAML loading that remembers where every value came from.

PyYAML forgets line numbers once it has built Python objects; editors need them in every
message. Mappings load as :class:`LineDict` and sequences as :class:`LineList`, each knowing
the line of itself and of its items. Duplicate keys, which PyYAML silently collapses, are
reported instead of losing one of the values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

try:
    from yaml import CSafeLoader as _FastestSafeLoader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as _FastestSafeLoader  # type: ignore[assignment]


from plansite.load.limits import MAX_VALUE_CHARS, TooManyValues, check_expansion
from plansite.load.unicode import lone_surrogates, nfc, remove_control_chars
from plansite.problems import ProblemLog
from plansite.russian import number


class LineDict(dict[Any, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int = 1
    key_lines: dict[Any, int]

    value_texts: dict[Any, str]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)

    def text_of(self, key: Any) -> str:
        """The value as the editor typed it (YAML reads «no» as false, «10:30» as 630)."""
        return self.value_texts.get(key, str(self.get(key)))


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int = 1
    item_lines: list[int]

    item_texts: list[str | None]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line

    def text_of(self, index: int) -> str:
        """The item as the editor typed it."""
        written = self.item_texts[index] if index < len(self.item_texts) else None
        return written if written is not None else str(self[index])


def _line(node: yaml.Node, offset: int = 0) -> int:
    return node.start_mark.line + 1 + offset


MISFIT_TAG = "value does not fit its tag"

# The mixin is typed as the loader it is mixed into; at run time it stands first in the MRO.
if TYPE_CHECKING:
    _MixinBase = yaml.SafeLoader
else:
    _MixinBase = object


class _LineConstruction(_MixinBase):
    """Builds LineDict/LineList and records duplicate keys; mixed into a safe loader."""

    duplicates: list[tuple[int, str]]

    def __init__(self, stream: str, first_line: int = 1) -> None:
        super().__init__(stream)
        self.duplicates = []
        self.offset = first_line - 1
        """Added to every line: the text may start further down a file (front matter)."""

    def construct_document(self, node: yaml.Node) -> Any:
        """Refuse a document that aliases would blow up before building any of it."""
        check_expansion(node)
        return super().construct_document(node)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Values that do not fit their «!!tag» become positioned YAML errors."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
            raise yaml.constructor.ConstructorError(
                None, None, f"{MISFIT_TAG} ({error})", node.start_mark
            ) from error

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        self.flatten_mapping(node)
        mapping = LineDict()
        mapping.line = _line(node, self.offset)
        mapping.key_lines = {}
        mapping.value_texts = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                key = str(key)
            if key in mapping:
                self.duplicates.append((_line(key_node, self.offset), str(key)))
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = _line(key_node, self.offset)
            if isinstance(value_node, yaml.ScalarNode):
                mapping.value_texts[key] = value_node.value
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        sequence = LineList(self.construct_object(child, deep=True) for child in node.value)
        sequence.line = _line(node, self.offset)
        sequence.item_lines = [_line(child, self.offset) for child in node.value]
        sequence.item_texts = [
            child.value if isinstance(child, yaml.ScalarNode) else None for child in node.value
        ]
        return sequence

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """Keep an impossible date such as 2019-02-30 as text for the field check to report."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


class _LineLoader(_LineConstruction, yaml.SafeLoader):
    """Pure Python: slow, but its error messages and positions are the ones explained below."""


class _FastLineLoader(_LineConstruction, _FastestSafeLoader):
    """libyaml's parser where installed: used first, ten times faster on valid input."""


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _loader.construct_yaml_timestamp)
    _loader.add_constructor("tag:yaml.org,2002:map", _loader.construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _loader.construct_sequence)


UNREADABLE_VALUES = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)
"""What PyYAML's constructors raise on values such as «!!int x» or thousands of nested «[»."""


def _parse_fast(text: str, first_line: int) -> tuple[Any, list[tuple[int, str]]] | None:
    """Data and duplicate keys, or None when the text has any error (then parse slowly)."""
    try:
        loader = _FastLineLoader(text, first_line)
        try:
            return loader.get_single_data(), loader.duplicates
        finally:
            loader.dispose()
    except (yaml.YAMLError, *UNREADABLE_VALUES):
        return None


def load_yaml(text: str, log: ProblemLog, first_line: int = 1) -> Any:
    """Parse ``text``; on a syntax error record a problem and return None.

    ``first_line`` is the file line where ``text`` starts (front matter starts on line 2).
    """
    try:
        parsed = _parse_fast(text, first_line)
    except TooManyValues as error:
        log.add(error.line + first_line - 1, "YAML", error.message)
        return None
    if parsed is not None:
        return _finish(*parsed, log)
    try:
        loader = _LineLoader(text, first_line)  # the reader already rejects some characters
    except yaml.reader.ReaderError as error:
        _report_bad_character(error, text, first_line, log)
        return None
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if "quoted scalar" in (error.context or "") and error.context_mark:
            mark = error.context_mark  # where the unclosed quote opened
        line = (mark.line + first_line) if mark else first_line
        log.add(line, "YAML", explain_yaml_error(error))
        return None
    except yaml.reader.ReaderError as error:
        _report_bad_character(error, text, first_line, log)
        return None
    except UNREADABLE_VALUES:
        log.add(
            first_line,
            "YAML",
            "значения не читаются: уберите теги вида «!!int» перед значениями и лишние "
            "вложенные скобки «[» и «{».",
        )
        return None
    finally:
        loader.dispose()
    return _finish(data, loader.duplicates, log)


def _finish(data: Any, duplicates: list[tuple[int, str]], log: ProblemLog) -> Any:
    """Duplicate keys reported; every text value checked and cleaned (see _clean_texts)."""
    for line, key in duplicates:
        field = key if key.strip() else "(пустое имя)"
        log.add(line, field, f"поле «{key}» указано дважды; оставьте одно значение.")
    _clean_texts(data, "", 1, log)
    return data


def _clean_texts(value: Any, path: str, line: int, log: ProblemLog) -> None:
    """Report texts too long or holding a lone surrogate; normalise and clean the rest.

    Control characters in the file are removed before YAML reads it, but a double-quoted
    value can still write them as escapes («"\\u202e"»): they are removed here too.
    """
    if isinstance(value, LineDict):
        for key in list(value):
            child = f"{path}.{key}" if path else str(key)
            value[key] = _clean_text(value[key], child, value.line_of(key), log)
            _clean_texts(value[key], child, value.line_of(key), log)
    elif isinstance(value, LineList):
        for index, item in enumerate(value):
            child = f"{path}[{index}]"
            value[index] = _clean_text(item, child, value.line_of(index), log)
            _clean_texts(value[index], child, value.line_of(index), log)


def _clean_text(value: Any, path: str, line: int, log: ProblemLog) -> Any:
    if not isinstance(value, str):
        return value
    field = path or "YAML"
    if len(value) > MAX_VALUE_CHARS:
        log.add(
            line,
            field,
            f"значение длиннее {number(MAX_VALUE_CHARS)} символов ({number(len(value))}): "
            "так много текста не помещается в одно поле; сократите его или перенесите "
            "в текст записи.",
        )
        return value[:MAX_VALUE_CHARS]
    value, surrogates = lone_surrogates(value)
    if surrogates:
        log.add(
            line,
            field,
            "в значении записан код половинки символа (вида «\\ud800»), такого символа не "
            "бывает: удалите этот код или впишите сам символ.",
        )
    return nfc(remove_control_chars(value)[0])


def _report_bad_character(
    error: yaml.reader.ReaderError, text: str, first_line: int, log: ProblemLog
) -> None:
    line = text.count("\n", 0, error.position) + first_line
    log.add(
        line, "YAML", f"в строке недопустимый символ с кодом {error.character:#x}: удалите его."
    )


_YAML_HINTS = (
    (
        MISFIT_TAG,
        "значение не подходит к тегу вида «!!int» перед ним: уберите тег (или заключите "
        "значение в кавычки).",
    ),
    ("found character '\\t'", "в отступе стоит символ табуляции: замените его пробелами."),
    (
        "found unexpected end of stream",
        "не закрыта кавычка: проверьте, что каждая открытая кавычка закрыта в той же строке.",
    ),
    (
        "while scanning a quoted scalar",
        "не закрыта кавычка: проверьте, что каждая открытая кавычка закрыта.",
    ),
    (
        "mapping values are not allowed here",
        "лишнее двоеточие или сбитый отступ: если в значении есть «: », заключите его "
        "в кавычки; иначе выровняйте отступ по соседним строкам.",
    ),
    (
        "expected <block end>",
        "сбит отступ: выровняйте строку по соседним полям того же уровня.",
    ),
    (
        "could not find expected ':'",
        "не хватает двоеточия после имени поля (пишите «поле: значение»).",
    ),
    (
        "found undefined alias",
        "символ «*» в начале значения: заключите значение в кавычки.",
    ),
    (
        "found character '@' that cannot start any token",
        "значение начинается с «@»: заключите его в кавычки.",
    ),
    (
        "found character '`' that cannot start any token",
        "значение начинается с «`»: заключите его в кавычки.",
    ),
)


def explain_yaml_error(error: yaml.MarkedYAMLError) -> str:
    """Say in Russian what is wrong with the YAML and how to fix it."""
    text = f"{error.context or ''} {error.problem or ''}"
    for needle, hint in _YAML_HINTS:
        if needle in text:
            return f"ошибка разметки YAML: {hint}"
    return (
        "ошибка разметки YAML: проверьте отступы (только пробелы), двоеточия после имён "
        "полей и парные кавычки в этой строке и строке выше."
    )
