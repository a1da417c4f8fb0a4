"""A time budget for work whose cost the input decides: rendering one post's Markdown.

Python-Markdown takes time that grows much faster than the text on some inputs: a few
thousand «[» in one paragraph take minutes. The structural limits in
:mod:`plansite.load.limits` keep such input small; on top of them, where the platform
allows (POSIX, main thread: ``plansite check`` and ``mkdocs build``), rendering one post
is stopped after :data:`~plansite.load.limits.RENDER_SECONDS` of CPU time. CPU time, not wall
time: a busy machine must not refuse a post that an idle one publishes.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class OverBudget(Exception):
    """The work took longer than its budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`OverBudget` inside the block once it has run ``seconds``.

    A no-op where timers cannot interrupt (no ``SIGPROF``, or not the main thread).
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise OverBudget

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
