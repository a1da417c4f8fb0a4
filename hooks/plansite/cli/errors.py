"""Exit statuses and the one exception every command raises for the editor."""

from __future__ import annotations

PROG = "plansite"

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure explained to the editor; ``status`` is the exit status."""

    def __init__(self, message: str, status: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.status = status
