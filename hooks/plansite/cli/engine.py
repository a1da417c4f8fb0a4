"""``plansite build`` and ``plansite serve``: MkDocs run as a subprocess for the project."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from plansite.cli.check import generate, summary_line
from plansite.cli.errors import EXIT_OK, EXIT_PROBLEMS, CliError
from plansite.cli.project import CONFIG_FILE

SHUTDOWN_GRACE_SECONDS = 10
"""How long ``serve`` waits for MkDocs to stop after a termination request."""


class _Stop(Exception):
    """A termination request reached ``plansite`` while MkDocs runs."""


def run_mkdocs(command: str, project: Path, extra: Sequence[str]) -> int:
    """Run ``mkdocs COMMAND`` for the project; MkDocs's exit status."""
    if extra and extra[0] == "--":
        extra = extra[1:]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    arguments = [
        sys.executable,
        "-m",
        "mkdocs",
        command,
        "--config-file",
        str(project / CONFIG_FILE),
        *extra,
    ]
    sys.stdout.flush()
    try:
        process = subprocess.Popen(arguments, env=environment)
    except OSError as error:
        raise CliError(f"не удалось запустить MkDocs: {error}", EXIT_PROBLEMS) from error
    return _wait(process)


def _wait(process: subprocess.Popen[bytes]) -> int:
    """Wait for MkDocs; a termination request is passed on, and MkDocs gets time to stop."""

    def stop(signum: int, frame: FrameType | None) -> None:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        raise _Stop

    handled = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, stop) for signum in handled}
    deadline = None
    try:
        while True:
            try:
                if deadline is None:
                    return process.wait()
                return process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except KeyboardInterrupt:
                continue  # Ctrl+C reached MkDocs too (the same process group): it stops itself
            except _Stop:
                if deadline is None:
                    deadline = time.monotonic() + SHUTDOWN_GRACE_SECONDS
            except subprocess.TimeoutExpired:
                process.kill()
                return process.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_build(project: Path, extra: Sequence[str]) -> int:
    status = run_mkdocs("build", project, extra)
    if status == EXIT_OK:
        content, _ = generate(project)
        if content is not None:
            print(summary_line(content.sources), flush=True)
    return status
