"""The site menu's plan entries, made from the plans in ``data/plan.yaml``.

``mkdocs.yml`` names one year's plan, calendar and report in its ``nav``. The years come
from the data, so those entries are rewritten for every build: with one plan they lead to
it; with several, each becomes a group with every year, the featured year first (see
:func:`~plansite.render.site_pages.featured_plan`), then the others newest first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from plansite import urls

_PLAN_ENTRY = re.compile(r"(plan|calendar)/\d{4}/(index|report)\.md")
_LABELS: dict[tuple[str, str], Callable[[int], str]] = {
    ("plan", "index"): lambda year: f"План на {year} год",
    ("calendar", "index"): lambda year: f"Календарь на {year} год",
    ("plan", "report"): lambda year: f"Выполнение плана на {year} год",
}
_SOURCES: dict[tuple[str, str], Callable[[int], str]] = {
    ("plan", "index"): urls.plan_src,
    ("calendar", "index"): urls.year_calendar_src,
    ("plan", "report"): urls.report_src,
}


def plan_nav(nav: Any, years: Sequence[int]) -> Any:
    """``nav`` (MkDocs's ``nav`` setting) with its plan entries leading to ``years``."""
    if not years:
        return nav
    if isinstance(nav, list):
        return [plan_nav(item, years) for item in nav]
    if isinstance(nav, dict):
        return {title: _entry(value, years) for title, value in nav.items()}
    return _entry(nav, years)


def _entry(value: Any, years: Sequence[int]) -> Any:
    if not isinstance(value, str):
        return plan_nav(value, years)
    match = _PLAN_ENTRY.fullmatch(value)
    if match is None or (match[1], match[2]) not in _SOURCES:
        return value
    kind = (match[1], match[2])
    if len(years) == 1:
        return _SOURCES[kind](years[0])
    return [{_LABELS[kind](year): _SOURCES[kind](year)} for year in years]
