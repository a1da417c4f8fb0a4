"""How much input the loaders accept, so no file can exhaust the build's time or memory.

A post or a plan is a few kilobytes of text. Anything far bigger is a mistake (a picture
pasted into the text) or an attack (YAML "billion laughs": a few lines of anchors ``&a`` and
aliases ``*a`` that expand to billions of values). Both are refused with a clear message
before any value is built or quoted.
"""

from __future__ import annotations

import yaml

from plansite.russian import number

MAX_FILE_BYTES = 1_000_000
"""Larger text files are refused: a post or a plan this big is a mistake (a pasted image?)."""
MAX_ATTACHMENT_BYTES = 20_000_000
"""Larger files beside a post are refused: every published file is held in memory once."""
MAX_VALUE_CHARS = 10_000
"""Longer values in front matter or data files are refused (a whole document in ``summary``)."""
MAX_BRACKETS_PER_PARAGRAPH = 300
"""More «[» in one paragraph are refused: Markdown's link parsing slows down with their square."""
MAX_BRACKETS = 3_000
"""More «[» in one post are refused, for the same reason (one paragraph at a time is fast)."""
RENDER_SECONDS = 3.0
"""Rendering one post's Markdown may take this long (see :mod:`plansite.load.budget`)."""
MAX_YAML_VALUES = 50_000
"""More values in one YAML document, counting each alias ``*a`` as a copy, are refused."""


class TooManyValues(Exception):
    """The YAML document would expand to more than :data:`MAX_YAML_VALUES` values."""

    def __init__(self, line: int, aliases: bool) -> None:
        self.line = line
        """1-based line (within the YAML text) of the top-level entry that goes over."""
        self.aliases = aliases
        """Aliases (``*a``) make the document bigger than it is written."""
        super().__init__(line)

    @property
    def message(self) -> str:
        if self.aliases:
            return (
                "ссылки «*имя» на метки «&имя» разворачиваются в слишком много значений "
                f"(больше {number(MAX_YAML_VALUES)}): уберите метки «&» и ссылки «*», "
                "впишите значения прямо."
            )
        return f"в файле больше {number(MAX_YAML_VALUES)} значений: уберите лишнее."


def check_expansion(root: yaml.Node) -> None:
    """Raise :class:`TooManyValues` if ``root`` expands to too many values.

    Aliases make the composed document a graph: one node may be reached many times. Sizes
    are counted per node once (memoised), so the check itself takes linear time; a node
    that contains itself (``&a [*a]``) counts as too many.
    """
    sizes: dict[int, int] = {}
    distinct: set[int] = set()
    entries = _top_entries(root)
    total = 1
    for line, node in entries:
        total += _size(node, sizes, distinct, set())
        if total > MAX_YAML_VALUES:
            raise TooManyValues(line, aliases=total > len(distinct) + 1)


def _top_entries(root: yaml.Node) -> list[tuple[int, yaml.Node]]:
    """``(line, node)`` of each top-level entry: the place a message points at."""
    if isinstance(root, yaml.MappingNode):
        return [(key.start_mark.line + 1, value) for key, value in root.value] + [
            (key.start_mark.line + 1, key) for key, _ in root.value
        ]
    if isinstance(root, yaml.SequenceNode):
        return [(item.start_mark.line + 1, item) for item in root.value]
    return [(root.start_mark.line + 1, root)]


def _size(node: yaml.Node, sizes: dict[int, int], distinct: set[int], open_: set[int]) -> int:
    """How many values ``node`` expands to (capped just above the limit)."""
    key = id(node)
    if key in sizes:
        return sizes[key]
    distinct.add(key)
    if not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        sizes[key] = 1
        return 1
    if key in open_:  # the node contains itself through an alias
        return MAX_YAML_VALUES + 1
    open_.add(key)
    children: list[yaml.Node] = (
        [part for pair in node.value for part in pair]
        if isinstance(node, yaml.MappingNode)
        else list(node.value)
    )
    size = 1
    for child in children:
        size += _size(child, sizes, distinct, open_)
        if size > MAX_YAML_VALUES:
            break
    open_.discard(key)
    sizes[key] = min(size, MAX_YAML_VALUES + 1)
    return sizes[key]


def most_brackets_in_a_paragraph(body: str) -> tuple[int, int]:
    """``(count, 0-based line)`` of the paragraph with the most «[» (blocks split at blank
    lines)."""
    best = (0, 0)
    line = 0
    for block in body.split("\n\n"):
        count = block.count("[")
        if count > best[0]:
            best = (count, line)
        line += block.count("\n") + 2
    return best
