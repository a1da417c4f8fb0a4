"""News categories and municipal formations: ``data/categories.yaml``, ``data/municipalities.yaml``.

Both lists are validated like the plan (all problems at once, in Russian). Posts name a
category or a municipality loosely, as editors write them: in any letter case, with «ё» or
«е», without the word «район» or «город», or by id; :class:`Taxonomy` does that matching.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from plansite.load import fields
from plansite.load.fields import check_keys, join, type_name
from plansite.load.textfile import read_text_file, remove_control_chars
from plansite.load.yamlsource import LineDict, LineList, load_yaml
from plansite.model import Category, Municipality
from plansite.problems import Problem, ProblemLog, ProblemsFound

_Item = TypeVar("_Item", Category, Municipality)

CATEGORIES_FILE = "data/categories.yaml"
MUNICIPALITIES_FILE = "data/municipalities.yaml"

CATEGORY_KEYS = ("id", "name", "description")
MUNICIPALITY_KEYS = ("id", "name")

_QUOTES = re.compile(r"[«»\"“”„']")
_DASHES = re.compile(r"\s*[-‐‑‒–—―]\s*")
_CITY_PREFIX = re.compile(r"^(?:город|г\.)\s*")
_DISTRICT_SUFFIX = re.compile(r"\s+(?:(?:муниципальный\s+)?район|городской\s+округ)$")


def match_key(text: str) -> str:
    """The form names are compared in: lower case, «ё» as «е», no quotes, one kind of dash."""
    text = _QUOTES.sub("", str(text)).lower().replace("ё", "е")
    text = " ".join(text.split())
    return _DASHES.sub("-", text)


def bare_name(text: str) -> str:
    """A municipality's name without «город» and «район»: «Сычёвский район» → «сычевский»."""
    key = match_key(text)
    return _DISTRICT_SUFFIX.sub("", _CITY_PREFIX.sub("", key)).strip()


@dataclass(frozen=True)
class Taxonomy:
    categories: tuple[Category, ...]
    municipalities: tuple[Municipality, ...]

    def find_category(self, text: str) -> Category | None:
        """The category named ``text`` (Russian name or id, any letter case), if any."""
        key = match_key(text)
        return next(
            (item for item in self.categories if key in (match_key(item.name), item.id)), None
        )

    def find_municipality(self, text: str) -> Municipality | None:
        """The municipality named ``text``: official name, «ё» spelling, without «район», id."""
        key, bare = match_key(text), bare_name(text)
        return next(
            (
                item
                for item in self.municipalities
                if key == item.id or bare == bare_name(item.name)
            ),
            None,
        )

    def nearest_category(self, text: str) -> Category | None:
        """The category whose name or id is closest to a mistyped ``text``."""
        names = {match_key(item.name): item for item in self.categories}
        names.update({item.id: item for item in self.categories})
        return _closest(match_key(text), names)

    def nearest_municipality(self, text: str) -> Municipality | None:
        """The municipality whose name or id is closest to a mistyped ``text``."""
        names = {bare_name(item.name): item for item in self.municipalities}
        names.update({item.id: item for item in self.municipalities})
        return _closest(bare_name(text), names)


def _closest(key: str, choices: dict[str, _Item]) -> _Item | None:
    """The choice closest in spelling, or the only one starting with a long enough ``key``."""
    matches = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.6)
    if matches:
        return choices[matches[0]]
    starting = {item for name, item in choices.items() if len(key) >= 4 and name.startswith(key)}
    return starting.pop() if len(starting) == 1 else None


def load_taxonomy(project_dir: Path) -> Taxonomy:
    """Read both lists of a project; raise ProblemsFound listing every problem in both."""
    category_log = ProblemLog(CATEGORIES_FILE)
    municipality_log = ProblemLog(MUNICIPALITIES_FILE)
    categories = _load(project_dir, category_log, "categories", _read_category)
    municipalities = _load(project_dir, municipality_log, "municipalities", _read_municipality)
    problems: list[Problem] = category_log.problems + municipality_log.problems
    if problems:
        raise ProblemsFound(problems)
    return Taxonomy(categories=tuple(categories), municipalities=tuple(municipalities))


def _load(
    project_dir: Path,
    log: ProblemLog,
    list_name: str,
    read_item: Callable[[LineDict, str, ProblemLog], _Item | None],
) -> list[_Item]:
    """The items of one list file; problems go to ``log``."""
    text = read_text_file(project_dir / log.file, log)
    if text is None:
        return []
    root = load_yaml(remove_control_chars(text)[0], log)
    if root is None:
        if not log.problems:
            log.add(1, "файл", "файл пуст: в нём должен быть список, каждый пункт — «- id: …».")
        return []
    if not isinstance(root, LineList):
        log.add(
            getattr(root, "line", 1),
            list_name,
            f"ожидается список (строки, начинающиеся с «- »), а указано: {type_name(root)}.",
        )
        return []
    items = root
    if not items:
        log.add(items.line, list_name, "список пуст: добавьте хотя бы один пункт.")
    entries: list[_Entry[_Item]] = []
    for index, item in enumerate(items):
        path = join(list_name, index)
        if not isinstance(item, LineDict):
            log.add(
                items.line_of(index),
                path,
                f"ожидается набор полей «id: …», «name: …», а указано: {type_name(item)}.",
            )
            continue
        read = read_item(item, path, log)
        if read is not None:
            entries.append(_Entry(path, item, read))
    _check_unique(entries, log)
    return [entry.item for entry in entries]


@dataclass(frozen=True)
class _Entry(Generic[_Item]):
    path: str
    mapping: LineDict
    item: _Item


def _read_category(mapping: LineDict, path: str, log: ProblemLog) -> Category | None:
    check_keys(mapping, path, CATEGORY_KEYS, ("id", "name"), log)
    category_id = fields.read_id(mapping, path, log, "vyazemsky")
    name = fields.read_text(mapping, "name", path, log)
    description = fields.read_optional_text(mapping, "description", path, log) or ""
    if category_id is None or name is None:
        return None
    return Category(id=category_id, name=name, description=description)


def _read_municipality(mapping: LineDict, path: str, log: ProblemLog) -> Municipality | None:
    check_keys(mapping, path, MUNICIPALITY_KEYS, MUNICIPALITY_KEYS, log)
    municipality_id = fields.read_id(mapping, path, log, "vyazemsky")
    name = fields.read_text(mapping, "name", path, log)
    if municipality_id is None or name is None:
        return None
    return Municipality(id=municipality_id, name=name)


def _check_unique(
    entries: Sequence[_Entry[Category] | _Entry[Municipality]], log: ProblemLog
) -> None:
    """Report a repeated id or name; names are compared the way posts are matched to them."""
    seen: dict[tuple[str, str], str] = {}
    for entry in entries:
        for key, compared in (("id", entry.item.id), ("name", _name_key(entry.item))):
            value = getattr(entry.item, key)
            if (key, compared) not in seen:
                seen[(key, compared)] = value
                continue
            what = "идентификатор" if key == "id" else "название"
            log.add(
                entry.mapping.line_of(key),
                join(entry.path, key),
                f"{what} «{value}» совпадает с «{seen[(key, compared)]}» выше: "
                "каждое значение должно быть уникальным.",
            )


def _name_key(item: Category | Municipality) -> str:
    return bare_name(item.name) if isinstance(item, Municipality) else match_key(item.name)
