"""Russian typography for the site's own text: where lines must not break, and the dash.

Applied to the words the site itself writes (headings, labels, dates, the footer), never
to the plan's or a post's text, which is published exactly as its author wrote it.

* a one-letter word (preposition, conjunction: «в», «к», «с», «и», «а») is tied to the next
  word with a non-breaking space, so no line ends in «в»;
* a dash keeps a non-breaking space before it, so no line starts with «—»;
* a date holds together: «22 августа 2019 г.», with «г.» tied to the year;
* parts of a page title are joined with « — », not with a hyphen.
"""

from __future__ import annotations

import re
from datetime import date

from plansite.russian import day_and_month, long_date

NBSP = "\u00a0"
TITLE_SEPARATOR = " — "
DASH = NBSP + "— "
"""A dash between two parts of a line, never at the start of the next line."""

_ONE_LETTER_WORD = re.compile(r"(?<![\w\-.])([А-ЯЁа-яё])[ \t]+(?=\S)")
_BEFORE_DASH = re.compile(r"[ \t]+([—–])(?=[ \t])")
_DAY_MONTH = re.compile(r"\b(\d{1,2})[ \t]+([а-яё]+)")
_YEAR_MARK = re.compile(r"\b(\d{4})[ \t\u202f]+(гг?\.)")
"""CLDR writes «2019\u202fг.» (a narrow space): the site uses one kind, the plain NBSP."""
_NUMBER_SIGN = re.compile(r"№[ \t]+(?=\d)")


def typeset(text: str) -> str:
    """The site's own Russian text with non-breaking spaces where a line must not break."""
    text = _BEFORE_DASH.sub(NBSP + r"\1", text)
    text = _ONE_LETTER_WORD.sub(r"\1" + NBSP, text)
    text = _YEAR_MARK.sub(r"\1" + NBSP + r"\2", text)
    return _NUMBER_SIGN.sub("№" + NBSP, text)


def tie_date(text: str) -> str:
    """«22 августа 2019 г.» with its day, month, year and «г.» held together."""
    text = _DAY_MONTH.sub(r"\1" + NBSP + r"\2", text)
    return _YEAR_MARK.sub(r"\1" + NBSP + r"\2", text)


def site_date(day: date) -> str:
    """A date as the site prints it: «22 августа 2019 г.», unbreakable."""
    return tie_date(long_date(day))


def site_day(day: date) -> str:
    """«22 августа», unbreakable."""
    return tie_date(day_and_month(day))


def page_title(*parts: str) -> str:
    """«Апрель 2019 — Календарь»: title parts joined by a spaced em dash."""
    return TITLE_SEPARATOR.join(part for part in parts if part)
