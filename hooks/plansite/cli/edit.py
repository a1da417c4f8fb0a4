"""``plansite edit``: the preview site and the browser editor's local backend, together.

Three parts run until Ctrl+C (or a termination request): the preview (``mkdocs serve``, as
``plansite serve``), Decap CMS's local backend (``decap-server`` from ``node_modules``, which
writes the files) and, in this process, the guard in front of it that checks every request
and commits every change (:mod:`plansite.cli.cms_guard`). Everything listens on 127.0.0.1
only. Stopping stops all of them: a child that does not stop in time is killed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import FrameType

from plansite.cli.cms_guard import API_PATH, Author, Guard, guard_server
from plansite.cli.errors import EXIT_OK, EXIT_PROBLEMS, CliError
from plansite.cli.project import CONFIG_FILE
from plansite.load.cms import BACKEND_URL_VARIABLE

LOCAL_HOST = "127.0.0.1"
LOCAL_NAMES = (LOCAL_HOST, "localhost")
DEFAULT_PREVIEW_PORT = 8000
DEFAULT_BACKEND_PORT = 8081
DECAP_SERVER = "node_modules/decap-server/dist/index.js"
SHUTDOWN_GRACE_SECONDS = 10
_AUTHOR = re.compile(r"^\s*(?P<name>[^<>]+?)\s*(?:<(?P<email>[^<>\s]+@[^<>\s]+)>)?\s*$")


def add_edit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-a",
        "--dev-addr",
        metavar="АДРЕС:ПОРТ",
        default=f"{LOCAL_HOST}:{DEFAULT_PREVIEW_PORT}",
        help=f"где показывать сайт (по умолчанию {LOCAL_HOST}:{DEFAULT_PREVIEW_PORT}; "
        "только этот компьютер)",
    )
    parser.add_argument(
        "--backend-port",
        metavar="ПОРТ",
        type=int,
        default=DEFAULT_BACKEND_PORT,
        help=f"порт, через который редактор сохраняет файлы (по умолчанию {DEFAULT_BACKEND_PORT})",
    )
    parser.add_argument(
        "--author",
        metavar="«ИМЯ <ПОЧТА>»",
        help="кто пишет: имя (и почта) автора в истории изменений git, "
        'например --author "Анна Петрова <anna@example.org>"',
    )


def run_edit(args: argparse.Namespace, project: Path) -> int:
    project = project.resolve()
    host, preview_port = _preview_address(args.dev_addr)
    author = _author(args.author)
    node = shutil.which("node")
    if node is None:
        raise CliError(
            "не найден Node.js (команда node): установите Node.js 20 и выполните «npm ci».",
            EXIT_PROBLEMS,
        )
    if not (project / DECAP_SERVER).is_file():
        raise CliError(
            "редактор не установлен: выполните в папке проекта «npm ci» (первая команда README).",
            EXIT_PROBLEMS,
        )
    _require_git(project)
    origins = frozenset(f"http://{name}:{preview_port}" for name in LOCAL_NAMES)
    upstream_port = _free_port()
    guard = Guard(project, f"http://{LOCAL_HOST}:{upstream_port}{API_PATH}", origins, author)
    try:
        server = guard_server(guard, LOCAL_HOST, args.backend_port)
    except OSError as error:
        raise CliError(
            f"порт {args.backend_port} занят ({error.strerror}): закройте другой «plansite edit» "
            "или укажите другой порт: --backend-port ПОРТ.",
            EXIT_PROBLEMS,
        ) from error
    backend_url = f"http://{LOCAL_HOST}:{args.backend_port}{API_PATH}"
    with _serving(server):
        return _run_children(project, node, upstream_port, host, preview_port, backend_url)


def _run_children(
    project: Path, node: str, upstream_port: int, host: str, preview_port: int, backend_url: str
) -> int:
    backend_env = {
        **os.environ,
        "PORT": str(upstream_port),
        "BIND_HOST": LOCAL_HOST,
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(project),
        "LOG_LEVEL": "warn",
    }
    preview_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", BACKEND_URL_VARIABLE: backend_url}
    preview_command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--config-file",
        str(project / CONFIG_FILE),
        "--dev-addr",
        f"{host}:{preview_port}",
    ]
    sys.stdout.flush()
    children: list[subprocess.Popen[bytes]] = []
    try:
        children.append(subprocess.Popen([node, str(project / DECAP_SERVER)], env=backend_env))
        children.append(subprocess.Popen(preview_command, env=preview_env))
    except OSError as error:
        _stop(children)
        raise CliError(f"не удалось запустить: {error}", EXIT_PROBLEMS) from error
    address = f"http://{host}:{preview_port}/"
    print(
        f"Редактор сайта: откройте {address}admin/ и нажмите «Войти».\n"
        f"Сайт (предварительный просмотр): {address}\n"
        "Сохранённые записи записываются в историю git. Остановить: Ctrl+C.",
        flush=True,
    )
    return _supervise(children)


def _supervise(children: list[subprocess.Popen[bytes]]) -> int:
    """Wait until a stop is asked for or a child ends; then stop every child."""
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    handled = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, request_stop) for signum in handled}
    status = EXIT_OK
    try:
        while not stop.is_set():
            ended = [child for child in children if child.poll() is not None]
            if ended:
                print(
                    "plansite edit: часть редактора остановилась сама (см. сообщения выше); "
                    "останавливаю остальное.",
                    file=sys.stderr,
                )
                status = EXIT_PROBLEMS
                break
            stop.wait(0.3)
    except KeyboardInterrupt:
        pass  # Ctrl+C reached the children too (one process group): they are stopping
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        _stop(children)
    return status


def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + SHUTDOWN_GRACE_SECONDS
    for child in children:
        while True:
            try:
                child.wait(timeout=max(0.0, deadline - time.monotonic()))
                break
            except subprocess.TimeoutExpired:
                child.kill()
            except KeyboardInterrupt:
                continue  # a second Ctrl+C: keep stopping


@contextmanager
def _serving(server: ThreadingHTTPServer) -> Iterator[None]:
    thread = threading.Thread(target=server.serve_forever, name="cms-guard", daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=SHUTDOWN_GRACE_SECONDS)


def _preview_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if host not in LOCAL_NAMES or not port.isdigit():
        raise CliError(
            f"адрес «{address}» не подходит: предварительный просмотр показывается только на "
            f"этом компьютере, например -a {LOCAL_HOST}:{DEFAULT_PREVIEW_PORT}."
        )
    return LOCAL_HOST, int(port)


def _author(text: str | None) -> Author | None:
    if text is None:
        return None
    match = _AUTHOR.match(text)
    if match is None:
        raise CliError(f"«{text}» — не автор: пишите «Имя Фамилия» или «Имя Фамилия <почта>».")
    return Author(match.group("name"), match.group("email") or "")


def _require_git(project: Path) -> None:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"],
            cwd=project,
            capture_output=True,
            check=False,
        )
    except OSError as error:
        raise CliError("не найден git: установите его, чтобы сохранять записи.") from error
    if result.returncode != 0:
        raise CliError(
            "папка проекта — не репозиторий git, а редактор сохраняет каждое изменение в git: "
            "скачайте проект командой «git clone» или выполните «git init» в его папке.",
            EXIT_PROBLEMS,
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOCAL_HOST, 0))
        port: int = probe.getsockname()[1]
        return port
