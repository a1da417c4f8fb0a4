"""What the search index knows about a page: its kind, date and filter values.

Generated pages carry this as the ``search`` entry of their front matter; the theme's
``main.html`` turns it into the index's markup (``data-pagefind-body``, ``-meta`` and
``-filter``). A page without it stays out of the index: listings (the news list, categories,
tags, archives) would only repeat the posts they list.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from plansite.russian import SEARCH_FILTERS, SEARCH_KINDS, long_date

SearchMeta = dict[str, dict[str, object]]

NOT_INDEXED = 'data-pagefind-ignore=""'
"""Attribute that keeps a block out of the search index: a search for a word should find
the post about it, not every post whose neighbour link or share line contains it."""


def search_meta(
    kind: str,
    *,
    when: str = "",
    day: date | None = None,
    year: int | None = None,
    category: str = "",
    municipalities: Iterable[str] = (),
) -> SearchMeta:
    """Front matter that puts a page in the search index.

    ``kind`` is a key of :data:`SEARCH_KINDS`; ``day`` (a post's date) or ``when`` (a
    period in words, «апрель») is shown beside the result; the rest become filter values.
    """
    label = SEARCH_KINDS[kind]
    filters: dict[str, list[str]] = {SEARCH_FILTERS["kind"]: [label]}
    if category:
        filters[SEARCH_FILTERS["category"]] = [category]
    names = sorted(set(municipalities))
    if names:
        filters[SEARCH_FILTERS["municipality"]] = names
    if year is not None:
        filters[SEARCH_FILTERS["year"]] = [str(year)]
    shown_date = long_date(day) if day is not None else when
    entry: dict[str, object] = {"kind": label, "filters": filters}
    if shown_date:
        entry["date"] = shown_date
    return {"search": entry}
