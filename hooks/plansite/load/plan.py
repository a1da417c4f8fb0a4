"""Load and validate ``data/plan.yaml`` into :class:`~plansite.model.PlanData`.

Every problem is collected with its line and field, and all are raised together in one
:class:`~plansite.problems.ProblemsFound`: an editor fixes the whole file in one go.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, time
from pathlib import Path

from plansite.load import fields, times
from plansite.load.fields import as_list, as_mapping, check_keys, join
from plansite.load.organization import read_organization
from plansite.load.textfile import read_text_file, remove_control_chars
from plansite.load.yamlsource import LineDict, load_yaml
from plansite.model import Activity, Event, Plan, PlanData, Section, Term
from plansite.periods import Period, PeriodError, parse_period, period_from_months
from plansite.problems import ProblemLog

PLAN_FILE = "data/plan.yaml"

RESERVED_ACTIVITY_IDS = frozenset({"index", "report"})
"""Names taken by other pages under ``/plan/<year>/``."""

TOP_KEYS = ("organization", "glossary", "plans")
TERM_KEYS = ("abbr", "meaning")
PLAN_KEYS = ("year", "title", "sections")
SECTION_KEYS = ("id", "title", "activities")
ACTIVITY_KEYS = ("id", "title", "when", "responsible", "months", "events")
EVENT_KEYS = ("date", "time", "title", "place")


def load_plan_data(project_dir: Path) -> PlanData:
    """Read the plan file of a project; raise ProblemsFound listing every problem."""
    log = ProblemLog(PLAN_FILE)
    text = read_text_file(project_dir / PLAN_FILE, log)
    data = parse_plan_data(remove_control_chars(text)[0], log) if text is not None else None
    log.raise_if_any()
    assert data is not None
    return data


def parse_plan_data(text: str, log: ProblemLog) -> PlanData | None:
    """Validate the YAML text; problems go to ``log``; None when it cannot be used."""
    root = load_yaml(text, log)
    if root is None and not log.problems:
        log.add(1, "plans", "файл пуст: в нём должны быть разделы organization и plans.")
    if root is None:
        return None
    root = as_mapping(root, "файл", 1, log)
    if root is None:
        return None
    check_keys(root, "", TOP_KEYS, ("organization", "plans"), log)
    organization = read_organization(root, log)
    glossary = _read_glossary(root, log)
    plans = _read_plans(root, log)
    if organization is None or log.problems:
        return None
    return PlanData(organization=organization, glossary=glossary, plans=plans)


def _read_glossary(root: LineDict, log: ProblemLog) -> tuple[Term, ...]:
    terms: list[Term] = []
    for path, mapping in _items(root, "glossary", "", log):
        check_keys(mapping, path, TERM_KEYS, TERM_KEYS, log)
        abbr = fields.read_text(mapping, "abbr", path, log)
        meaning = fields.read_text(mapping, "meaning", path, log)
        if abbr is None or meaning is None:
            continue
        if any(term.abbr == abbr for term in terms):
            log.add(mapping.line_of("abbr"), join(path, "abbr"), _duplicate("сокращение", abbr))
            continue
        terms.append(Term(abbr=abbr, meaning=meaning))
    return tuple(sorted(terms, key=lambda term: term.abbr))


def _read_plans(root: LineDict, log: ProblemLog) -> tuple[Plan, ...]:
    plans: list[Plan] = []
    for path, mapping in _items(root, "plans", "", log):
        plan = _read_plan(mapping, path, log)
        if plan is None:
            continue
        if any(other.year == plan.year for other in plans):
            log.add(mapping.line_of("year"), join(path, "year"), _duplicate("год", plan.year))
            continue
        plans.append(plan)
    if "plans" in root and not plans and not log.problems:
        log.add(root.line_of("plans"), "plans", "нет ни одного плана: добавьте план года.")
    return tuple(sorted(plans, key=lambda plan: plan.year))


def _read_plan(mapping: LineDict, path: str, log: ProblemLog) -> Plan | None:
    check_keys(mapping, path, PLAN_KEYS, PLAN_KEYS, log)
    year = fields.read_int(mapping, "year", path, log)
    title = fields.read_text(mapping, "title", path, log)
    if year is not None and not times.year_in_range(year):
        log.add(mapping.line_of("year"), join(path, "year"), f"год {year} вне {times.YEARS}.")
        year = None
    if year is None:
        return None
    sections: list[Section] = []
    activity_ids: set[str] = set()
    for section_path, section_mapping in _items(mapping, "sections", path, log):
        section = _read_section(section_mapping, section_path, year, activity_ids, log)
        if section is None:
            continue
        if any(other.id == section.id for other in sections):
            line = section_mapping.line_of("id")
            log.add(line, join(section_path, "id"), _duplicate("идентификатор раздела", section.id))
            continue
        sections.append(section)
    if title is None:
        return None
    return Plan(year=year, title=title, sections=tuple(sections))


def _read_section(
    mapping: LineDict, path: str, year: int, activity_ids: set[str], log: ProblemLog
) -> Section | None:
    check_keys(mapping, path, SECTION_KEYS, SECTION_KEYS, log)
    section_id = fields.read_id(mapping, path, log, "thematic-lessons")
    title = fields.read_text(mapping, "title", path, log)
    activities: list[Activity] = []
    for activity_path, activity_mapping in _items(mapping, "activities", path, log):
        # Ids are compared as written, so a duplicate shows even beside other mistakes.
        written_id = activity_mapping.get("id")
        if isinstance(written_id, str) and written_id in activity_ids:
            line = activity_mapping.line_of("id")
            log.add(line, join(activity_path, "id"), _duplicate("идентификатор", written_id))
        elif isinstance(written_id, str):
            activity_ids.add(written_id)
        activity = _read_activity(activity_mapping, activity_path, year, section_id or "", log)
        if activity is not None:
            activities.append(activity)
    if section_id is None or title is None:
        return None
    return Section(id=section_id, title=title, activities=tuple(activities))


def _read_activity(
    mapping: LineDict, path: str, year: int, section_id: str, log: ProblemLog
) -> Activity | None:
    check_keys(mapping, path, ACTIVITY_KEYS, ("id", "title", "when", "responsible"), log)
    activity_id = fields.read_id(mapping, path, log, "thematic-lessons")
    if activity_id in RESERVED_ACTIVITY_IDS:
        log.add(
            mapping.line_of("id"),
            join(path, "id"),
            f"«{activity_id}» занято служебной страницей: выберите другой идентификатор.",
        )
        activity_id = None
    title = fields.read_text(mapping, "title", path, log)
    when = fields.read_text(mapping, "when", path, log)
    responsible = fields.read_text_list(mapping, "responsible", path, log)
    if mapping.get("responsible") == []:
        log.add(mapping.line_of("responsible"), join(path, "responsible"), "список пуст.")
    period = _read_period(mapping, path, year, when, log)
    events = _read_events(mapping, path, year, log)
    if activity_id is None or title is None or when is None or period is None or not responsible:
        return None
    return Activity(
        id=activity_id,
        title=title,
        when=when,
        period=period,
        responsible=responsible,
        section_id=section_id,
        events=events,
        source_line=mapping.line,
    )


def _read_period(
    mapping: LineDict, path: str, year: int, when: str | None, log: ProblemLog
) -> Period | None:
    """The activity's period: from explicit ``months`` if given, else parsed from ``when``."""
    if mapping.get("months") is not None:
        return _read_months(mapping, path, year, log)
    if when is None:
        return None
    try:
        return parse_period(when, year)
    except PeriodError as error:
        log.add(
            mapping.line_of("when"),
            join(path, "when"),
            f"{error} Если срок записан свободным текстом, оставьте его и добавьте поле "
            "«months» со списком месяцев, например «months: [3, 9]».",
        )
        return None


def _read_months(mapping: LineDict, path: str, year: int, log: ProblemLog) -> Period | None:
    line = mapping.line_of("months")
    months = as_list(mapping["months"], join(path, "months"), line, log)
    if months is None:
        return None
    if not months or not all(isinstance(m, int) and not isinstance(m, bool) for m in months):
        log.add(
            line,
            join(path, "months"),
            "ожидается список номеров месяцев от 1 до 12, например «[3, 9]».",
        )
        return None
    try:
        return period_from_months(months, year)
    except PeriodError as error:
        log.add(line, join(path, "months"), str(error))
        return None


def _read_events(mapping: LineDict, path: str, year: int, log: ProblemLog) -> tuple[Event, ...]:
    events = []
    for event_path, event_mapping in _items(mapping, "events", path, log):
        event = _read_event(event_mapping, event_path, year, log)
        if event is not None:
            events.append(event)
    # All-day events first, then by time: «time or 0» would compare a time with a number.
    return tuple(
        sorted(
            events,
            key=lambda event: (
                event.date,
                event.time is not None,
                event.time or time(),
                event.title,
            ),
        )
    )


def _read_event(mapping: LineDict, path: str, year: int, log: ProblemLog) -> Event | None:
    check_keys(mapping, path, EVENT_KEYS, ("date", "title"), log)
    title = fields.read_text(mapping, "title", path, log)
    place = fields.read_optional_text(mapping, "place", path, log)
    event_date = _read_event_date(mapping, path, year, log)
    event_time = None
    if mapping.get("time") is not None:
        read = times.event_time(mapping["time"], mapping.text_of("time"))
        if isinstance(read, str):
            log.add(mapping.line_of("time"), join(path, "time"), read)
        else:
            event_time = read
    if title is None or event_date is None:
        return None
    return Event(date=event_date, title=title, time=event_time, place=place)


def _read_event_date(mapping: LineDict, path: str, year: int, log: ProblemLog) -> date | None:
    if "date" not in mapping:
        return None
    value = mapping["date"]
    line, field = mapping.line_of("date"), join(path, "date")
    event_date = fields.parse_date(value)
    if event_date is None:
        log.add(line, field, _bad_date_message(value))
        return None
    if event_date.year != year:
        log.add(
            line,
            field,
            f"дата {event_date.isoformat()} вне года плана ({year}): исправьте год "
            f"или перенесите мероприятие в план {event_date.year} года.",
        )
        return None
    return event_date


def _bad_date_message(value: object) -> str:
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
        return f"даты {value.strip()} не существует: проверьте число и месяц."
    return f"«{value}» — не дата: пишите год-месяц-день, например «2019-04-19»."


def _items(
    parent: LineDict, key: str, path: str, log: ProblemLog
) -> Iterator[tuple[str, LineDict]]:
    """Yield ``(path, mapping)`` for each well-formed item of the list ``parent[key]``."""
    if parent.get(key) is None:
        return
    list_path = join(path, key)
    items = as_list(parent[key], list_path, parent.line_of(key), log)
    if items is None:
        return
    for index, item in enumerate(items):
        item_path = join(list_path, index)
        mapping = as_mapping(item, item_path, items.line_of(index), log)
        if mapping is not None:
            yield item_path, mapping


def _duplicate(what: str, value: object) -> str:
    return f"{what} «{value}» уже встречается выше: каждое значение должно быть уникальным."
