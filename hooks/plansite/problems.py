"""Problems found in the editors' files, reported all at once in Russian."""

from __future__ import annotations

from dataclasses import dataclass


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


class Refused(Exception):
    """A value that cannot be used; the message says why and how to fix it, for the editor.

    Field readers raise it; the news loader turns it into a :class:`Problem` at the field's
    line, and ``plansite new`` shows it next to the flag or the question.
    """


class ProblemsFound(Exception):
    """Raised when loading finds problems; carries every problem, sorted."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
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
