"""A period's months cut into pieces: runs of consecutive months, periods of a repetition.

The calendar feed makes one event per piece and the plan's timeline draws one bar or mark
per piece, so both cut a period the same way.
"""

from __future__ import annotations


def contiguous_runs(months: tuple[int, ...]) -> list[tuple[int, int]]:
    """Runs of consecutive months as (first, last): (3, 4, 9) → [(3, 4), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for month in sorted(set(months)):
        if runs and runs[-1][1] == month - 1:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def regular_chunks(interval: int, months: tuple[int, ...]) -> list[tuple[int, int]]:
    """The year cut into periods of ``interval`` months, keeping those touching ``months``.

    An empty ``months`` means the whole year. The last period is cut short at December.
    """
    wanted = set(months) or set(range(1, 13))
    chunks = [(first, min(first + interval - 1, 12)) for first in range(1, 13, interval)]
    return [(first, last) for first, last in chunks if wanted & set(range(first, last + 1))]
