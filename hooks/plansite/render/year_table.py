"""The year overview's table: each month with its counts, columns that are zero in every
month left out (a plan without exact dates has no «Точные даты» column)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from plansite import urls
from plansite.derive.calendar import MonthView
from plansite.render.markup import link
from plansite.russian import activities_count, month_title, plural


@dataclass(frozen=True)
class _Column:
    title: str
    count: Callable[[MonthView], int]
    words: Callable[[int], str]


_COLUMNS = (
    _Column("Мероприятия", lambda view: view.activity_count, activities_count),
    _Column(
        "Точные даты", lambda view: len(view.dated), lambda n: plural(n, "дата", "даты", "дат")
    ),
)


def year_table(src: str, year: int, views: tuple[MonthView, ...]) -> str:
    """The Markdown table of the twelve months, linking each to its page."""
    columns = [c for c in _COLUMNS if any(c.count(view) for view in views)]
    head = "| Месяц |" + "".join(f" {c.title} |" for c in columns)
    rule = "| --- |" + " --- |" * len(columns)
    rows = [
        f"| {link(month_title(view.month, view.year), src, urls.month_src(year, view.month))} |"
        + "".join(f" {c.words(c.count(view))} |" for c in columns)
        for view in views
    ]
    return "\n".join([head, rule, *rows]) + "\n\n"
