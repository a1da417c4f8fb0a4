"""``plansite build`` and ``plansite serve``: MkDocs run as a subprocess for the project."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import FrameType

from plansite.cli.errors import EXIT_OK, EXIT_PROBLEMS, CliError
from plansite.cli.project import CONFIG_FILE

SHUTDOWN_GRACE_SECONDS = 10
"""How long ``serve`` waits for MkDocs to stop after a termination request."""


class _Stop(Exception):
    """A termination request reached ``plansite`` while MkDocs runs."""


IGNORE_CACHE_VARIABLE = "PLANSITE_IGNORE_CACHE"
"""Tells the build to take no page from ``.cache/plansite/`` (it is filled anew)."""
SUMMARY_FILE_VARIABLE = "PLANSITE_SUMMARY_FILE"
"""Where a successful build writes the summary line ``plansite build`` prints."""


def run_mkdocs(
    command: str, project: Path, extra: Sequence[str], env: Mapping[str, str] | None = None
) -> int:
    """Run ``mkdocs COMMAND`` for the project; MkDocs's exit status."""
    if extra and extra[0] == "--":
        extra = extra[1:]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
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
    """``--clean`` (MkDocs's own option) also builds every page afresh, ignoring the cache.

    The summary line comes from the build itself (through :data:`SUMMARY_FILE_VARIABLE`),
    so the site is not generated a second time just to count its posts."""
    clean = any(argument in ("--clean", "-c") for argument in extra)
    with tempfile.TemporaryDirectory(prefix="plansite-") as folder:
        summary = Path(folder) / "summary.txt"
        env = {SUMMARY_FILE_VARIABLE: str(summary)}
        if clean:
            env[IGNORE_CACHE_VARIABLE] = "1"
        status = run_mkdocs("build", project, extra, env)
        if status == EXIT_OK and summary.is_file():
            print(summary.read_text(encoding="utf-8"), flush=True)
    return status


def run_serve(project: Path, extra: Sequence[str]) -> int:
    """The preview rebuilds into the folder it serves without emptying it first (MkDocs's
    ``--dirty``): the hooks rebuild every page all the same and remove what is no longer
    part of the site, which saves deleting and writing thousands of files on every save."""
    arguments = list(extra[1:] if extra and extra[0] == "--" else extra)
    if not any(argument in ("--clean", "-c", "--dirty") for argument in arguments):
        arguments.insert(0, "--dirty")
    return run_mkdocs("serve", project, arguments)
