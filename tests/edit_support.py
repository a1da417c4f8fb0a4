"""``plansite edit`` running on a project copy, as an editor starts it, for the tests.

The copy is a git repository (the editor saves by committing) and borrows the project's
``node_modules`` (installed by ``npm ci``, the README's first command) through a symlink.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT
from test_serve import free_port

STARTUP_SECONDS = 120
GIT_OPTIONS = (
    *("-c", "user.name=Тест", "-c", "user.email=test@example.invalid"),
    *("-c", "core.quotepath=false"),  # file names as written, Cyrillic included
)


def prepare_git_project(project: Path) -> Path:
    """The copy as a git repository with everything committed, and the npm packages."""
    node_modules = ROOT / "node_modules"
    assert (node_modules / "decap-cms").is_dir(), (
        "node_modules/decap-cms is missing: run `npm ci` in the project (README, first command)"
    )
    (project / "node_modules").symlink_to(node_modules, target_is_directory=True)
    (project / ".gitignore").write_text("node_modules\nsite/\n.cache/\n", encoding="utf-8")
    git(project, "init", "--quiet")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "-m", "Проект")
    return project


def git(project: Path, *arguments: str) -> str:
    result = subprocess.run(
        ["git", *GIT_OPTIONS, *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@dataclass
class Editing:
    process: subprocess.Popen[bytes]
    preview_url: str
    backend_url: str
    log: Path

    def output(self) -> str:
        return self.log.read_bytes().decode("utf-8", errors="replace")

    def post(self, request: object, origin: str | None = None) -> tuple[int, dict[str, object]]:
        """``(status, JSON answer)`` of one request to the running local backend."""
        headers = {"Content-Type": "application/json"}
        headers["Origin"] = origin or self.preview_url.rstrip("/")
        if isinstance(request, dict) and isinstance(request.get("params"), dict):
            request = {**request, "params": {"branch": "main", **request["params"]}}
        data = json.dumps(request).encode("utf-8")
        call = urllib.request.Request(self.backend_url, data=data, headers=headers)
        try:
            with urllib.request.urlopen(call, timeout=60) as answer:
                return answer.status, json.loads(answer.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def children(self) -> list[int]:
        """Process ids started by ``plansite edit`` (the preview and the backend)."""
        found: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").glob("*/children"):
            found += [int(pid) for pid in task.read_text().split()]
        return found

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"plansite edit stopped:\n{self.output()}")
            if _answers(self.preview_url + "admin/") and _answers_post(self.backend_url):
                return
            time.sleep(0.3)
        raise AssertionError(f"plansite edit did not start:\n{self.output()}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _answers_post(url: str) -> bool:
    data = json.dumps({"action": "info", "params": {}}).encode()
    call = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(call, timeout=5) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


@contextlib.contextmanager
def editing(project: Path, log: Path, *extra: str) -> Iterator[Editing]:
    """``plansite edit`` started in its own process group, as from a terminal."""
    preview_port, backend_port = free_port(), free_port()
    environment = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"}
    for name in ("SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING"):
        environment.pop(name, None)
    command = [
        sys.executable,
        "-m",
        "plansite.cli",
        "edit",
        "-a",
        f"127.0.0.1:{preview_port}",
        "--backend-port",
        str(backend_port),
        *extra,
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=project,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,
        )
        running = Editing(
            process,
            f"http://127.0.0.1:{preview_port}/",
            f"http://127.0.0.1:{backend_port}/api/v1",
            log,
        )
        try:
            running.wait_until_ready()
            yield running
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=30)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)  # nothing may outlive the test


def listening_addresses(pid: int) -> set[str]:
    """``host:port`` of every TCP socket the process listens on (Linux's /proc)."""
    inodes = set()
    for descriptor in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(descriptor)
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            columns = row.split()
            local, state, inode = columns[1], columns[3], columns[9]
            if state == "0A" and inode in inodes:  # 0A: LISTEN
                address, port = local.split(":")
                found.add(f"{_host(address)}:{int(port, 16)}")
    return found


def _host(hexadecimal: str) -> str:
    """/proc/net/tcp's little-endian IPv4 address (IPv6 shown as written)."""
    if len(hexadecimal) != 8:
        return hexadecimal
    return ".".join(str(int(hexadecimal[index : index + 2], 16)) for index in (6, 4, 2, 0))


def alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting for its parent."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rsplit(")", 1)[1].split()[0] != "Z"
