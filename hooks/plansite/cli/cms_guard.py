"""The guard in front of the browser editor's local backend (``decap-server``), for ``edit``.

``decap-server`` reads and writes any file of the project it is asked to and commits nothing.
Every request passes through this guard first (on 127.0.0.1 only). It accepts a browser's
requests only from the preview's own pages (another site open in the editor's browser cannot
use it; programs on this computer could write the files directly anyway). It refuses paths
that leave ``news/`` (``../``, absolute paths, symlinks), uploads of types the site does not
publish and files over the size limit. It commits every change to the project's git
repository, so nothing is lost and each change can be undone. Refusals come back as
``{"error": "…"}`` in Russian, which the editor shows.
"""

from __future__ import annotations

import base64
import binascii
import http.server
import json
import os
import posixpath
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from plansite.load.cms import MAX_POST_BYTES, MAX_UPLOAD_BYTES, UPLOAD_SUFFIXES
from plansite.load.post_paths import NEWS_DIR

API_PATH = "/api/v1"
MAX_REQUEST_BYTES = MAX_UPLOAD_BYTES * 4 // 3 + 1024 * 1024
"""A base64 upload of the largest allowed file, with room for the rest of the request."""
READ_ACTIONS = frozenset(
    {"info", "entriesByFolder", "entriesByFiles", "getEntry", "getMedia", "getMediaFile"}
)
WRITE_ACTIONS = frozenset({"persistEntry", "persistMedia", "deleteFile", "deleteFiles"})
UPSTREAM_TIMEOUT_SECONDS = 60
FALLBACK_IDENTITY = ("Редактор сайта", "editor@localhost")
"""Committer when git knows no one on this computer (``git config user.name`` unset)."""


class Refused(Exception):
    """A request the guard does not pass on; the message is for the editor."""

    def __init__(self, message: str, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Author:
    name: str
    email: str = ""


@dataclass
class Guard:
    """What the guard checks against and where it sends what passes."""

    project: Path
    upstream: str
    """decap-server's address, ``http://127.0.0.1:PORT/api/v1``."""
    origins: frozenset[str]
    """The preview's own origins: only its pages may use the backend."""
    author: Author | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def handle(self, body: bytes) -> tuple[int, bytes]:
        """``(status, JSON)`` for one API request."""
        try:
            request = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise Refused("запрос не читается (ожидается JSON).", 400) from None
        if not isinstance(request, dict) or not isinstance(request.get("params", {}), dict):
            raise Refused("запрос не читается (ожидается объект JSON).", 400)
        action = request.get("action")
        params: dict[str, Any] = request.get("params") or {}
        if action in READ_ACTIONS:
            self._check_read(str(action), params)
            return self._forward(body)
        if action not in WRITE_ACTIONS:
            raise Refused(f"действие «{action}» локальный редактор не выполняет.", 422)
        paths = self._check_write(str(action), params)
        with self.lock:  # one change, one commit, in the order they came
            status, answer = self._forward(body)
            if status == 200:
                self._commit(paths, _commit_message(params, action))
        return status, answer

    def _check_read(self, action: str, params: dict[str, Any]) -> None:
        if action == "entriesByFolder":
            self.news_path(params.get("folder"), folder=True)
        elif action == "entriesByFiles":
            for item in _items(params.get("files")):
                self.news_path(item.get("path") if isinstance(item, dict) else None)
        elif action in ("getEntry", "getMediaFile"):
            self.news_path(params.get("path"))
        elif action == "getMedia":
            self.news_path(params.get("mediaFolder"), folder=True)

    def _check_write(self, action: str, params: dict[str, Any]) -> list[str]:
        if action == "persistEntry":
            entries = params.get("dataFiles") or [params.get("entry")]
            paths = [self._check_entry(entry) for entry in _items(entries)]
            paths += [self._check_upload(asset) for asset in _items(params.get("assets") or [])]
            return paths
        if action == "persistMedia":
            return [self._check_upload(params.get("asset"))]
        if action == "deleteFile":
            return [self.news_path(params.get("path"))]
        return [self.news_path(path) for path in _items(params.get("paths"))]

    def _check_entry(self, entry: object) -> str:
        if not isinstance(entry, dict):
            raise Refused("запись не передана.", 400)
        if entry.get("newPath"):
            raise Refused("запись нельзя перенести в другую папку: её адрес не должен меняться.")
        path = self.news_path(entry.get("path"))
        if not path.lower().endswith(".md"):
            raise Refused(f"запись должна быть файлом .md, а не «{path}».")
        raw = entry.get("raw")
        if not isinstance(raw, str):
            raise Refused("текст записи не передан.", 400)
        if len(raw.encode("utf-8")) > MAX_POST_BYTES:
            raise Refused(f"запись больше {MAX_POST_BYTES // 1024} КБ: сократите текст.", 413)
        return path

    def _check_upload(self, asset: object) -> str:
        if not isinstance(asset, dict):
            raise Refused("файл не передан.", 400)
        path = self.news_path(asset.get("path"))
        suffix = PurePosixPath(path).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            allowed = ", ".join(item[1:] for item in UPLOAD_SUFFIXES)
            raise Refused(
                f"файлы «{suffix or 'без расширения'}» сайт не публикует: подойдут {allowed}.",
                415,
            )
        content = asset.get("content")
        if asset.get("encoding") != "base64" or not isinstance(content, str):
            raise Refused("содержимое файла не передано.", 400)
        if len(content) * 3 // 4 > MAX_UPLOAD_BYTES + 2:
            raise _too_large()
        try:
            size = len(base64.b64decode(content, validate=True))
        except (binascii.Error, ValueError):
            raise Refused("содержимое файла испорчено (base64).", 400) from None
        if size > MAX_UPLOAD_BYTES:
            raise _too_large()
        return path

    def news_path(self, value: object, *, folder: bool = False) -> str:
        """``value`` if it names a place inside ``news/`` reached without symlinks."""
        if not isinstance(value, str) or not value or "\0" in value:
            raise Refused("путь к файлу не указан.", 400)
        shown = value[:200]
        if value.startswith("/") or "\\" in value or (len(value) > 1 and value[1] == ":"):
            raise Refused(f"путь «{shown}» должен быть относительным, внутри папки {NEWS_DIR}/.")
        parts = (value.rstrip("/") if folder else value).split("/")
        if any(part in ("", ".", "..") for part in parts):
            raise Refused(f"путь «{shown}» ведёт за пределы папки {NEWS_DIR}/.")
        if parts[0] != NEWS_DIR or (len(parts) == 1 and not folder):
            raise Refused(f"редактор работает только с папкой {NEWS_DIR}/, а не с «{shown}».")
        if any(part.startswith(".") for part in parts):
            raise Refused(f"скрытые файлы и папки («{shown}») сайт не публикует.")
        self._refuse_symlinks(parts, shown)
        return posixpath.join(*parts)

    def _refuse_symlinks(self, parts: list[str], shown: str) -> None:
        current = self.project
        for part in parts:
            current = current / part
            if current.is_symlink():
                raise Refused(f"«{shown}» проходит через ссылку (symlink): так писать нельзя.")
        root = (self.project / NEWS_DIR).resolve()
        if not current.resolve().is_relative_to(root):
            raise Refused(f"путь «{shown}» ведёт за пределы папки {NEWS_DIR}/.")

    def _forward(self, body: bytes) -> tuple[int, bytes]:
        request = urllib.request.Request(
            self.upstream, data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=UPSTREAM_TIMEOUT_SECONDS) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (urllib.error.URLError, OSError) as error:
            raise Refused(f"локальный сервер редактора не отвечает ({error}).", 502) from None

    def _commit(self, paths: Iterable[str], message: str) -> None:
        unique = sorted(set(paths))
        self._git("add", "--all", "--", *unique)
        staged = self._git("diff", "--cached", "--quiet", "--", *unique, check=False)
        if staged.returncode == 0:
            return  # saved unchanged: nothing to record
        self._git("commit", "--quiet", "--no-verify", "-m", message, "--", *unique)

    def _git(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        environment = dict(os.environ)
        if self.author is not None:
            environment["GIT_AUTHOR_NAME"] = self.author.name
            if self.author.email:
                environment["GIT_AUTHOR_EMAIL"] = self.author.email
        result = subprocess.run(
            ["git", *git_identity(self.project), *arguments],
            cwd=self.project,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            raise Refused(f"файл сохранён, но git не записал изменение: {result.stderr}", 500)
        return result


def git_identity(project: Path) -> list[str]:
    """``-c user.name=… -c user.email=…`` when git has no identity here, else nothing."""
    missing = [
        key
        for key in ("user.name", "user.email")
        if subprocess.run(
            ["git", "config", key], cwd=project, capture_output=True, check=False
        ).returncode
        != 0
    ]
    if not missing:
        return []
    name, email = FALLBACK_IDENTITY
    return ["-c", f"user.name={name}", "-c", f"user.email={email}"]


def _items(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise Refused("в запросе ожидается список.", 400)
    return value


def _too_large() -> Refused:
    return Refused(f"файл больше {MAX_UPLOAD_BYTES // (1024 * 1024)} МБ: уменьшите его.", 413)


def _commit_message(params: dict[str, Any], action: object) -> str:
    options = params.get("options")
    message = options.get("commitMessage") if isinstance(options, dict) else None
    return message if isinstance(message, str) and message.strip() else f"Редактор: {action}"


class GuardHandler(http.server.BaseHTTPRequestHandler):
    """The HTTP side: CORS for the preview's origins only, size limit, JSON answers."""

    guard: Guard
    server_version = "plansite-cms-guard"

    def do_OPTIONS(self) -> None:
        if not self._origin_allowed():
            self._answer(403, _error("запрос не со страниц предварительного просмотра."))
            return
        self.send_response(204)
        self._cors_headers()
        self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        if not self._origin_allowed():
            self._answer(403, _error("запрос не со страниц предварительного просмотра."))
            return
        if self.path.split("?")[0].rstrip("/") != API_PATH:
            self._answer(404, _error("нет такого адреса."))
            return
        try:
            length = int(self.headers.get("Content-Length") or "-1")
        except ValueError:
            length = -1
        if length < 0:
            self._answer(411, _error("не указан размер запроса."))
            return
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True
            self._answer(413, _error(str(_too_large())))
            return
        body = self.rfile.read(length)
        try:
            status, answer = self.guard.handle(body)
        except Refused as refused:
            status, answer = refused.status, _error(str(refused))
        self._answer(status, answer)

    def _origin_allowed(self) -> bool:
        origin = self.headers.get("Origin")
        return origin is None or origin in self.guard.origins

    def _cors_headers(self) -> None:
        origin = self.headers.get("Origin")
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self._cors_headers()
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the editor's terminal shows the preview's messages, not every request


def _error(message: str) -> bytes:
    return json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")


def guard_server(guard: Guard, host: str, port: int) -> http.server.ThreadingHTTPServer:
    """The guard's server, bound (not yet serving) on ``host:port``."""
    handler = type("BoundGuardHandler", (GuardHandler,), {"guard": guard})
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
