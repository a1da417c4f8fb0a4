"""Problems found in the editors' files, reported all at once in Russian."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

QUOTE_CHARS = 80
"""A value quoted in a message («…») is cut to this many characters: it only has to be found."""
FIELD_CHARS = 120
MESSAGE_CHARS = 1_000
"""No message runs longer, whatever value it quotes: output lines stay readable."""

_LONG_QUOTE = re.compile(f"«([^«»]{{{QUOTE_CHARS}}})[^«»]+»")


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in an input file, worded for the editor who made it.

    ``field`` is the dotted path of the offending field (``plans[0].year``), or a short
    description such as ``YAML`` when the file cannot be read at all.
    """

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"

    def shortened(self) -> Problem:
        """The problem with every quoted value cut to a short prefix and the whole bounded."""
        message = _LONG_QUOTE.sub(r"«\1…»", " ".join(self.message.split("\n")))
        return replace(
            self,
            file=_cut(self.file, FIELD_CHARS * 4),
            field=_cut(" ".join(self.field.split("\n")), FIELD_CHARS),
            message=_cut(message, MESSAGE_CHARS),
        )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Refused(Exception):
    """A value that cannot be used; the message says why and how to fix it, for the editor.

    Field readers raise it; the news loader turns it into a :class:`Problem` at the field's
    line, and ``plansite new`` shows it next to the flag or the question.
    """


class ProblemsFound(Exception):
    """Raised when loading finds problems; carries every problem, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted({problem.shortened() for problem in problems})
        super().__init__("\n".join(str(problem) for problem in self.problems))


class ProblemLog:
    """Collects problems while a loader walks its input, so all are reported together."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, line, field, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ProblemsFound(self.problems)
