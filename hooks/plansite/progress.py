"""A progress bar for long work, shown only to a person watching a terminal.

In CI, in a pipe or a log file the bar would only be noise: it is then not shown at all.
It also appears only once the work has taken more than :data:`DELAY_SECONDS`, so a quick
build prints nothing extra.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn, TextIO

from tqdm import tqdm

DELAY_SECONDS = 1.0
DELAY_VARIABLE = "PLANSITE_PROGRESS_DELAY"
"""Overrides :data:`DELAY_SECONDS` (``0``: show at once), e.g. to see the bar on a fast machine."""


def delay() -> float:
    try:
        return max(0.0, float(os.environ.get(DELAY_VARIABLE, DELAY_SECONDS)))
    except ValueError:
        return DELAY_SECONDS


def wanted(stream: TextIO) -> bool:
    """A terminal, not CI, not a dumb terminal."""
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def progress_bar(
    total: int, phase: str, stream: TextIO | None = None, *, visible: bool = True
) -> tqdm[NoReturn]:
    """A bar «phase: done/total», removed when closed; a silent one off a terminal."""
    stream = stream or sys.stderr
    return tqdm(
        total=total,
        desc=phase,
        unit=" стр.",
        file=stream,
        disable=not (visible and wanted(stream)),
        delay=delay(),
        leave=False,
        dynamic_ncols=True,
    )
