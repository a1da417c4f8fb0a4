"""``plansite serve`` as an editor uses it: save a post, break it, fix it, watch the site.

A broken save must show the Russian problem line in the terminal, never a Python traceback,
and the server must keep serving the last good site until the file is fixed.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

STARTUP_SECONDS = 120
STEP_SECONDS = 60
T = TypeVar("T")

POST = "news/2019/2019-05-10-proverka-prosmotra.md"
POST_URL = "news/2019/05/proverka-prosmotra/"
POST_TEXT = """---
title: {title}
date: 2019-05-10
category: {category}
municipality: Сычёвский
---

Первый абзац записи для проверки просмотра.
"""


@dataclass
class Server:
    process: subprocess.Popen
    url: str
    log: Path

    def output(self, start: int = 0) -> str:
        return self.log.read_bytes()[start:].decode("utf-8", errors="replace")

    def log_size(self) -> int:
        return self.log.stat().st_size

    def get(self, path: str = "") -> tuple[int, str] | None:
        """``(status, body)`` of a page, or None while the server does not answer."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, what: str, check: Callable[[], T | None], seconds: float) -> T:
        """Poll until ``check`` returns a value; fail with the server's output otherwise."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(
                    f"the server stopped ({self.process.returncode}) waiting for {what}:\n"
                    + self.output()
                )
            value = check()
            if value is not None and value is not False:
                return value
            time.sleep(0.3)
        raise AssertionError(f"timed out after {seconds} s waiting for {what}:\n{self.output()}")

    def page_with(self, path: str, text: str) -> Callable[[], bool]:
        def check() -> bool:
            answer = self.get(path)
            return answer is not None and answer[0] == 200 and text in answer[1]

        return check


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(project: Path, log: Path) -> Iterator[Server]:
    port = free_port()
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
    for name in ("SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING"):
        environment.pop(name, None)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "plansite.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=os.name == "posix",
        )
        try:
            yield Server(process, f"http://127.0.0.1:{port}/", log)
        finally:
            stop(process)


def stop(process: subprocess.Popen) -> None:
    """Ask plansite to stop (it stops MkDocs); kill the whole group if it does not."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)
    if os.name == "posix":  # nothing of the group may outlive the test: MkDocs included
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def save(project: Path, title: str, category: str) -> None:
    (project / POST).write_text(POST_TEXT.format(title=title, category=category), encoding="utf-8")


def test_serve_keeps_the_last_good_site(project: Path, tmp_path: Path) -> None:
    with serving(project, tmp_path / "serve.log") as server:
        server.wait_for(
            "the first build", server.page_with("", "Смоленское РО ВСМС"), STARTUP_SECONDS
        )
        assert "Zensical" not in server.output()

        # (1) A new valid post appears.
        save(project, "Первая версия записи", "Деятельность отделения")
        server.wait_for(
            "the new post's page",
            server.page_with(POST_URL, "Первая версия записи"),
            STEP_SECONDS,
        )

        # (2) A broken post: the problem is shown, the last good site stays.
        start = server.log_size()
        save(project, "Сломанная версия", "Деятельность отдела")
        server.wait_for(
            "the report", lambda: "Сайт не собран" in server.output(start), STEP_SECONDS
        )
        report = server.output(start)
        assert re.search(
            rf"{re.escape(POST)}:4: category: неизвестная категория «Деятельность отдела»\. "
            "Возможно, имелось в виду «Деятельность отделения»",
            report,
        ), report
        assert "Traceback" not in server.output()
        assert server.process.poll() is None
        home = server.get()
        assert home is not None and home[0] == 200
        post = server.get(POST_URL)
        assert post is not None and post[0] == 200
        assert "Первая версия записи" in post[1]
        assert "Сломанная версия" not in post[1]

        # (3) The fix is published.
        save(project, "Исправленная версия записи", "branch")
        server.wait_for(
            "the fixed post",
            server.page_with(POST_URL, "Исправленная версия записи"),
            STEP_SECONDS,
        )
        assert "Traceback" not in server.output()
    assert server.process.returncode is not None
