"""The fields of a post's front matter, read by one table shared by the loader and ``plansite new``.

:data:`POST_FIELDS` maps each field name to its reader, as Pelican's ``METADATA_PROCESSORS``
do: a function that turns one value as written into the value the site uses, or raises
:class:`~plansite.problems.Refused` with the message for the editor. A field of several values
(``municipality``, ``plan``, ``tags``) is read value by value.

The loader first checks the YAML shape (a text, a list of texts: :func:`read_front_matter`),
then hands each value to the reader; ``plansite new`` hands the reader the text from a flag
or an answer. Both therefore accept and refuse the same values with the same words.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from plansite.load import times
from plansite.load.fields import (
    check_keys,
    join,
    read_optional_text,
    read_text,
    type_name,
)
from plansite.load.plan_refs import check_post_year_plan, parse_plan_ref
from plansite.load.post_files import PostFolder
from plansite.load.taxonomy import Taxonomy
from plansite.load.yamlsource import LineDict, LineList
from plansite.model import Category, Municipality, PlanData, PlanRef
from plansite.problems import ProblemLog, Refused
from plansite.russian import MOSCOW

MAX_TITLE_CHARS = 300
EMPTY = "поле пустое: впишите значение."

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_START = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Known:
    """What a post's values are checked against."""

    taxonomy: Taxonomy
    plan_data: PlanData | None
    """None when the plan itself failed to load: activity ids then go unchecked."""
    year: int | None = None
    """The year of the post's date, once read: activities are those of that year's plan."""
    files: PostFolder | None = None
    """Where the post lies, for its ``image``; None where no file exists yet."""


# --------------------------------------------------------------------------- the readers


def read_title(value: str, known: Known | None = None) -> str:
    title = " ".join(value.split())
    if not title:
        raise Refused(EMPTY)
    if len(title) > MAX_TITLE_CHARS:
        raise Refused(
            f"заголовок длиннее {MAX_TITLE_CHARS} символов ({len(title)}): сократите его, "
            "подробности перенесите в текст или в поле summary."
        )
    return title


def read_date(value: object, known: Known | None = None) -> tuple[datetime, bool]:
    """``(moment in Europe/Moscow, date_only)`` from a YAML date, date-time or text; years
    outside 2000–2100 are refused (see :mod:`plansite.load.times`)."""
    moment, date_only = _read_date(value)
    if not times.year_in_range(moment.year):
        raise Refused(times.year_problem(moment.year))
    return moment, date_only


def _read_date(value: object) -> tuple[datetime, bool]:
    if value is None:
        raise Refused(EMPTY)
    if isinstance(value, datetime):
        return _in_moscow(value), False
    if isinstance(value, date):
        return datetime.combine(value, time(), MOSCOW), True
    if isinstance(value, str) and value.strip():
        return _parse_date_text(value.strip())
    raise Refused(_not_a_date(value))


def read_category(value: str, known: Known) -> Category:
    name = " ".join(value.split())
    if not name:
        raise Refused(EMPTY)
    taxonomy = known.taxonomy
    category = taxonomy.find_category(name)
    if category is not None:
        return category
    near = taxonomy.nearest_category(name)
    hint = f" Возможно, имелось в виду «{near.name}»." if near else ""
    listed = "; ".join(f"«{item.name}» ({item.id})" for item in taxonomy.categories)
    raise Refused(f"неизвестная категория «{name}».{hint} Категории: {listed}.")


def read_municipality(value: str, known: Known) -> Municipality:
    municipality = known.taxonomy.find_municipality(value)
    if municipality is not None:
        return municipality
    near = known.taxonomy.nearest_municipality(value)
    hint = (
        f"Возможно, имелось в виду «{near.name}»."
        if near
        else "Названия и идентификаторы — в data/municipalities.yaml."
    )
    raise Refused(f"неизвестное муниципальное образование «{value}». {hint}")


def check_plan_of_year(known: Known, texts: Sequence[str]) -> None:
    """Bare activity ids need a plan of the post's year to be looked up in."""
    if known.plan_data is None or known.year is None:
        return
    check_post_year_plan(texts, known.year, known.plan_data)


def read_activity(value: str, known: Known) -> PlanRef:
    """An activity of the plan of the post's year (``id``) or of another year's plan
    (``2019/id``); unchecked while the plan or the post's year is unknown."""
    return parse_plan_ref(value, known.year, known.plan_data)


def read_tag(value: str, known: Known | None = None) -> str:
    return value


def read_summary(value: str, known: Known | None = None) -> str:
    return value


def read_image(value: str, known: Known) -> str:
    """The lead picture: a picture file beside the post."""
    if known.files is None:
        return value
    return known.files.local_file(value, picture=True)


def read_draft(value: object, known: Known | None = None) -> bool:
    if isinstance(value, bool):
        return value
    shown = "" if value is None else f" ({value})"
    raise Refused(
        "ожидается да/нет: пишите «draft: true» (черновик) или «draft: false», "
        f"а указано: {type_name(value)}{shown}."
    )


# --------------------------------------------------------------------------- the table


class Shape(enum.Enum):
    """How a field is written in YAML, checked before its reader sees the value."""

    TEXT = "text"
    """One non-empty text (numbers are not silently turned into text)."""
    OPTIONAL_TEXT = "optional text"
    """A text, or nothing at all."""
    TEXTS = "texts"
    """One text or a list of texts, each read on its own."""
    VALUE = "value"
    """Whatever YAML made of it (a date, true/false): the reader decides."""


@dataclass(frozen=True)
class PostField:
    read: Callable[[Any, Known], Any]
    shape: Shape
    required: bool = False
    default: object = None
    """The value of an optional field that is not written."""
    check_field: Callable[[Known, Sequence[str]], None] | None = None
    """A rule for the field as a whole (given all its values as written), checked once
    before its values are read."""


POST_FIELDS: dict[str, PostField] = {
    "title": PostField(read_title, Shape.TEXT, required=True),
    "date": PostField(read_date, Shape.VALUE, required=True),
    "category": PostField(read_category, Shape.TEXT, required=True),
    "municipality": PostField(read_municipality, Shape.TEXTS, default=()),
    "plan": PostField(read_activity, Shape.TEXTS, default=(), check_field=check_plan_of_year),
    "tags": PostField(read_tag, Shape.TEXTS, default=()),
    "summary": PostField(read_summary, Shape.OPTIONAL_TEXT),
    "image": PostField(read_image, Shape.OPTIONAL_TEXT),
    "draft": PostField(read_draft, Shape.VALUE, default=False),
}
REQUIRED_FIELDS = tuple(name for name, field in POST_FIELDS.items() if field.required)


def read_values(name: str, texts: Iterable[str], known: Known) -> tuple[Any, ...]:
    """The values of field ``name`` given as texts (``plansite new``), without repeats.

    Raises one :class:`Refused` naming every refused value, one per line.
    """
    field = POST_FIELDS[name]
    wanted = [" ".join(text.split()) for text in texts if text.strip()]
    if wanted and field.check_field is not None:
        field.check_field(known, wanted)
    values, refusals = [], []
    for text in wanted:
        try:
            values.append(field.read(text, known))
        except Refused as refused:
            refusals.append(str(refused))
    if refusals:
        raise Refused("\n".join(refusals))
    return _unique(values)


def read_front_matter(meta: LineDict, known: Known, log: ProblemLog) -> dict[str, Any]:
    """Every field of a post's front matter by name; a refused or missing one is None.

    The date is read first: it decides which year's plan the activities belong to.
    """
    check_keys(meta, "", POST_FIELDS, REQUIRED_FIELDS, log)
    values = {"date": _read_field(meta, "date", known, log)}
    if values["date"] is not None:
        known = dataclasses.replace(known, year=values["date"][0].year)
    for name in POST_FIELDS:
        if name != "date":
            values[name] = _read_field(meta, name, known, log)
    return values


def _read_field(meta: LineDict, name: str, known: Known, log: ProblemLog) -> Any:
    field = POST_FIELDS[name]
    if name not in meta:
        return None if field.required else field.default
    if field.shape is Shape.TEXTS:
        return _read_items(meta, name, field, known, log)
    if field.shape is Shape.TEXT:
        value = read_text(meta, name, "", log)
    elif field.shape is Shape.OPTIONAL_TEXT:
        value = read_optional_text(meta, name, "", log)
        if meta.get(name) is None:
            return field.default
    else:
        value = meta[name]
    if value is None and field.shape is not Shape.VALUE:
        return None  # the shape's problem is logged
    try:
        return field.read(value, known)
    except Refused as refused:
        log.add(meta.line_of(name), name, str(refused))
        return None


def _read_items(
    meta: LineDict, name: str, field: PostField, known: Known, log: ProblemLog
) -> tuple[Any, ...]:
    items = text_items(meta, name, log)
    if items and field.check_field is not None:
        try:
            field.check_field(known, [text for text, _, _ in items])
        except Refused as refused:
            log.add(meta.line_of(name), name, str(refused))
            return ()
    values = []
    for text, line, path in items:
        try:
            values.append(field.read(text, known))
        except Refused as refused:
            log.add(line, path, str(refused))
    return _unique(values)


def text_items(mapping: LineDict, key: str, log: ProblemLog) -> list[tuple[str, int, str]]:
    """``(text, line, field)`` for a field holding one text or a list of texts."""
    value, line = mapping[key], mapping.line_of(key)
    if value is None:
        log.add(line, key, "поле пустое: впишите значение или удалите строку.")
        return []
    if isinstance(value, str):
        return _checked_items([(value, line, key, value)], log)
    if isinstance(value, LineList):
        items = [
            (item, value.line_of(index), join(key, index), value.text_of(index))
            for index, item in enumerate(value)
        ]
        return _checked_items(items, log)
    log.add(line, key, f"ожидается текст или список, а указано: {type_name(value)}.")
    return []


def _checked_items(
    items: list[tuple[object, int, str, str]], log: ProblemLog
) -> list[tuple[str, int, str]]:
    """Texts of a list; ``written`` is each item as typed, for the message about it."""
    checked = []
    for value, line, field, written in items:
        if isinstance(value, str) and value.strip():
            checked.append((" ".join(value.split()), line, field))
        elif value is None or isinstance(value, str):
            log.add(line, field, "пустое значение: впишите его или удалите пункт.")
        else:
            log.add(
                line,
                field,
                f"ожидается текст, а указано: {type_name(value)} ({written}). "
                "Заключите значение в кавычки.",
            )
    return checked


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    """Items without repeats, in their first order."""
    return tuple(dict.fromkeys(items))


# --------------------------------------------------------------------------- dates


def _parse_date_text(text: str) -> tuple[datetime, bool]:
    try:
        if _DATE_ONLY.fullmatch(text):
            return datetime.combine(date.fromisoformat(text), time(), MOSCOW), True
        return _in_moscow(datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))), False
    except ValueError:
        pass
    start = _DATE_START.match(text)
    if start and not _is_real_date(*(int(part) for part in start.groups())):
        raise Refused(f"такой даты нет: {start.group(0)}. Проверьте число и месяц.")
    raise Refused(_not_a_date(text))


def _is_real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _in_moscow(moment: datetime) -> datetime:
    """Naive means Moscow time; an aware moment is converted to Moscow time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=MOSCOW)
    try:
        return moment.astimezone(MOSCOW)
    except OverflowError:  # e.g. 0001-01-01 with a zone east of Moscow
        raise Refused(_not_a_date(moment.isoformat())) from None


def _not_a_date(value: object) -> str:
    return (
        f"«{value}» — не дата: пишите год-месяц-день, например «2019-04-19», "
        "или дату и время, например «2019-04-19 10:30»."
    )
