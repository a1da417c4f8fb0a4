"""The Russian period grammar: «апрель», «июнь – сентябрь», «II полугодие», «весь период» …

A plan activity's period text is parsed into the months (1–12) of the plan year it falls in,
plus a :class:`PeriodKind` and, for some kinds, exact dates or a repetition interval.
:func:`describe_period` writes a period back as display Russian, and the grammar accepts that
display form too, so ``parse_period(describe_period(p), p.year) == p``.

Normalisation before matching: case is ignored, «ё» reads as «е», runs of whitespace (newlines
included) are one space, every dash (``-``, ``‐``, ``–``, ``—``, ``−`` …) is one hyphen with no
spaces around it, a comma or semicolon is followed by exactly one space, and trailing periods
are dropped.  The Ukrainian «І» and the Unicode Roman numerals read as Latin Roman numerals.
An optional trailing plan year («апрель 2025 г.») must be the plan's own year.

The grammar (:mod:`plansite.periods.spans` and :mod:`plansite.periods.dates`), tried in this
order (``MONTH`` is a month name in the nominative, genitive or
prepositional case or an abbreviation such as «сент.»; ``N`` is a number in digits, with or
without an ending such as «1-го», or a number word such as «одного»; ``ORD`` is a Roman numeral,
a digit with an optional ending such as «1-й», or an ordinal word such as «первое»)::

    WHOLE      весь период | весь год | в течение [всего] года | в течение всего периода
               | в течение [всего] 2025 года | в 2025 году | постоянно | круглый год
               | круглогодично
    REGULAR    [по мере необходимости, но] ежемесячно | ежеквартально | ежеполугодно | ежегодно
               [по мере необходимости, но] [не реже] [N] раз(а) в [N] месяц/квартал/полугодие/
               полгода/год
               [по мере необходимости, но] каждый/каждые [N] месяц/квартал/…
    HALF_YEAR  [в|во|в течение] ORD полугодие | ORD половина года | ORD полгода (any case)
    QUARTER    [в|во|в течение] ORD[-ORD][, ORD и ORD] квартал | кв.  (any case and number)
    DEADLINE   [в срок] до | не позднее | не позже  DAY MONTH | DD.MM[.YYYY] | конца MONTH
    DATES      DATE-ITEM {, DATE-ITEM} [и DATE-ITEM], where DATE-ITEM is a day, a day range or
               a date range: «15 апреля», «21-22 мая», «30 апреля-2 мая», «с 30 апреля по 2 мая»,
               «15.04»; a bare day takes the month of the next item («21, 22 и 25 мая»)
    MONTHS     [в течение] MONTH-ITEM {, MONTH-ITEM} [и MONTH-ITEM], where MONTH-ITEM is
               [в] MONTH, MONTH-MONTH or «с MONTH по MONTH»; one month is a MONTH period, one
               range a RANGE period, several items a LIST period

Decisions:

* «по мере необходимости» alone is an error: it names no time at all, so the editor is asked to
  add the least frequency («…, но не реже 1 раза в 3 месяца») or to write «весь период».
* A REGULAR period covers the whole year (months 1–12); its interval is the longest gap in
  months between two occurrences and must divide the year: 1, 2, 3, 4, 6 or 12.
* A day or date range stores every day from its start to its end in ``dates``; the months are
  every month the dates touch.  A DEADLINE stores its one day and the months from January up to
  and including the deadline's month.
* A reversed range, a repeated month, quarter or date, and a date missing from the calendar are
  errors, never silently repaired.
"""

from plansite.periods.describe import describe_period
from plansite.periods.model import ALL_MONTHS, ALLOWED_INTERVALS, Period, PeriodError, PeriodKind
from plansite.periods.parse import parse_period, period_from_months

__all__ = [
    "ALLOWED_INTERVALS",
    "ALL_MONTHS",
    "Period",
    "PeriodError",
    "PeriodKind",
    "describe_period",
    "parse_period",
    "period_from_months",
]
