"""Machine-readable downloads of a plan year: ``plan.json`` and ``plan.csv``.

The JSON keeps a fixed, readable field order (not sorted keys); the CSV is made for
Russian-locale Excel: UTF-8 with a BOM, ``;`` between cells, CRLF line ends, and cells that
a spreadsheet would run as a formula defused with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from plansite.model import Activity, Event, Plan, PlanData, Section
from plansite.urls import absolute, activity_src, page_url, plan_src

CSV_HEADER = (
    "Раздел",
    "Мероприятие",
    "Срок (как в плане)",
    "Месяцы",
    "Ответственные",
    "Адрес",
)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel or LibreOffice read a cell as a formula."""
RESPONSIBLE_SEPARATOR = "; "
MONTHS_SEPARATOR = ", "


def plan_json(data: PlanData, plan: Plan, site_url: str) -> bytes:
    """The plan as indented UTF-8 JSON with a trailing newline."""
    document = {
        "organization": {
            "name": data.organization.name,
            "short_name": data.organization.short_name,
        },
        "year": plan.year,
        "title": plan.title,
        "url": absolute(site_url, page_url(plan_src(plan.year))),
        "sections": [_section_json(plan.year, section, site_url) for section in plan.sections],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def plan_csv(plan: Plan, site_url: str) -> bytes:
    """The plan as a CSV table, one row per activity in plan order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for section in plan.sections:
        for activity in section.activities:
            row = _csv_row(plan.year, section, activity, site_url)
            writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def safe_cell(text: str) -> str:
    """``text`` with a leading apostrophe if a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _section_json(year: int, section: Section, site_url: str) -> dict[str, Any]:
    return {
        "id": section.id,
        "title": section.title,
        "activities": [_activity_json(year, a, site_url) for a in section.activities],
    }


def _activity_json(year: int, activity: Activity, site_url: str) -> dict[str, Any]:
    period = activity.period
    return {
        "id": activity.id,
        "title": activity.title,
        "when": activity.when,
        "kind": period.kind.value,
        "months": list(period.months),
        "dates": [day.isoformat() for day in period.dates],
        "interval": period.interval,
        "responsible": list(activity.responsible),
        "events": [_event_json(event) for event in activity.events],
        "url": _activity_url(year, activity, site_url),
    }


def _event_json(event: Event) -> dict[str, Any]:
    return {
        "date": event.date.isoformat(),
        "time": event.time.strftime("%H:%M") if event.time is not None else None,
        "title": event.title,
        "place": event.place,
    }


def _csv_row(year: int, section: Section, activity: Activity, site_url: str) -> list[str]:
    return [
        section.title,
        activity.title,
        activity.when,
        MONTHS_SEPARATOR.join(str(month) for month in activity.period.months),
        RESPONSIBLE_SEPARATOR.join(activity.responsible),
        _activity_url(year, activity, site_url),
    ]


def _activity_url(year: int, activity: Activity, site_url: str) -> str:
    return absolute(site_url, page_url(activity_src(year, activity.id)))
