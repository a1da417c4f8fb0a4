"""The browser editor's local backend, attacked while ``plansite edit`` runs.

Every request goes to the port the editor's page uses, so what is tested is what an editor's
browser (or another page open in it) can reach: paths leaving ``news/`` or the project,
symlinks, file types the site does not publish, oversized files and foreign pages are
refused; a good save is written and committed with the editor's name.
"""

from __future__ import annotations

import base64
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import copy_project
from edit_support import (
    Editing,
    alive,
    editing,
    git,
    listening_addresses,
    prepare_git_project,
)
from plansite.load.cms import MAX_UPLOAD_BYTES

AUTHOR = "Анна Петрова <anna@example.org>"
POST = "news/2019/2019-05-20-proverka/index.md"
POST_TEXT = """---
title: Проверка сохранения
date: 2019-05-20 10:30
category: Деятельность отделения
---
Текст записи.
"""
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editing]:
    project = prepare_git_project(copy_project(tmp_path_factory.mktemp("edit") / "project"))
    outside = project.parent / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("секрет", encoding="utf-8")
    (project / "news" / "link").symlink_to(outside, target_is_directory=True)
    with editing(project, project.parent / "edit.log", "--author", AUTHOR) as editor:
        yield editor


def project_of(editor: Editing) -> Path:
    return Path(editor.log).parent / "project"


def entry(path: str, raw: str = POST_TEXT, assets: list[dict[str, str]] | None = None) -> dict:
    return {
        "action": "persistEntry",
        "params": {
            "branch": "main",
            "entry": {"slug": "proverka", "path": path, "raw": raw},
            "assets": assets or [],
            "options": {
                "collectionName": "news",
                "commitMessage": "Новая запись «proverka»",
                "useWorkflow": False,
                "status": "draft",
            },
        },
    }


def upload(path: str, content: bytes) -> dict:
    encoded = base64.b64encode(content).decode()
    asset = {"path": path, "content": encoded, "encoding": "base64"}
    params = {"branch": "main", "asset": asset, "options": {"commitMessage": f"Файл {path}"}}
    return {"action": "persistMedia", "params": params}


def test_a_post_with_a_picture_is_written_and_committed_with_the_editor_as_author(
    running: Editing,
) -> None:
    project = project_of(running)
    picture = {
        "path": "news/2019/2019-05-20-proverka/foto.png",
        "content": base64.b64encode(PNG).decode(),
        "encoding": "base64",
    }
    status, answer = running.post(entry(POST, assets=[picture]))
    assert status == 200, answer
    assert (project / POST).read_text(encoding="utf-8") == POST_TEXT
    assert (project / "news/2019/2019-05-20-proverka/foto.png").read_bytes() == PNG
    log = git(project, "log", "-1", "--format=%an <%ae>%n%s", "--name-only")
    assert log.splitlines()[:2] == [AUTHOR, "Новая запись «proverka»"]
    assert sorted(line for line in log.splitlines()[2:] if line) == sorted([POST, picture["path"]])
    assert git(project, "status", "--porcelain", "--", "news/2019") == ""


@pytest.mark.parametrize(
    "path",
    [
        "../mkdocs.yml",
        "news/../../outside/x.md",
        "news/2019/../../mkdocs.yml",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "news\\..\\mkdocs.yml",
        "mkdocs.yml",
        "data/plan.yaml",
        "news/.hidden/index.md",
    ],
)
def test_writes_outside_news_are_refused(running: Editing, path: str) -> None:
    project = project_of(running)
    before = (project / "mkdocs.yml").read_bytes()
    status, answer = running.post(entry(path))
    assert status in (400, 403), answer
    assert "news/" in str(answer["error"]) or "скрыт" in str(answer["error"])
    assert (project / "mkdocs.yml").read_bytes() == before
    assert not (project.parent / "outside" / "x.md").exists()


def test_reading_outside_news_is_refused(running: Editing) -> None:
    for request in (
        {"action": "getEntry", "params": {"branch": "main", "path": "../outside/secret.md"}},
        {"action": "getMediaFile", "params": {"path": "mkdocs.yml"}},
        {"action": "entriesByFolder", "params": {"folder": "..", "extension": "md", "depth": 9}},
        {"action": "getMedia", "params": {"mediaFolder": "/etc"}},
    ):
        status, answer = running.post(request)
        assert status in (400, 403), (request, answer)
        assert "секрет" not in str(answer)


def test_paths_through_a_symlink_are_refused(running: Editing) -> None:
    project = project_of(running)
    status, answer = running.post(entry("news/link/evil.md"))
    assert status == 403 and "ссылк" in str(answer["error"]), answer
    assert not (project.parent / "outside" / "evil.md").exists()
    status, answer = running.post({"action": "getEntry", "params": {"path": "news/link/secret.md"}})
    assert status == 403 and "секрет" not in str(answer), answer


@pytest.mark.parametrize("name", ["script.js", "page.html", "tool.exe", "post.md", "noext"])
def test_uploads_of_types_the_site_does_not_publish_are_refused(
    running: Editing, name: str
) -> None:
    project = project_of(running)
    path = f"news/2019/2019-05-20-proverka/{name}"
    status, answer = running.post(upload(path, b"alert(1)"))
    assert status == 415, answer
    assert "png" in str(answer["error"])
    assert not (project / path).exists()


def test_oversized_uploads_are_refused(running: Editing) -> None:
    project = project_of(running)
    path = "news/2019/2019-05-20-proverka/big.png"
    status, answer = running.post(upload(path, PNG + b"\0" * MAX_UPLOAD_BYTES))
    assert status == 413, answer
    assert "МБ" in str(answer["error"])
    assert not (project / path).exists()


def test_requests_from_other_pages_are_refused(running: Editing) -> None:
    status, answer = running.post(entry(POST), origin="https://evil.example")
    assert status == 403, answer
    status, _ = running.post({"action": "info", "params": {}}, origin="null")
    assert status == 403


def test_everything_listens_on_this_computer_only(running: Editing) -> None:
    processes = [running.process.pid, *running.children()]
    addresses = set().union(*(listening_addresses(pid) for pid in processes))
    assert len(addresses) == 3, addresses  # the guard, decap-server, the preview
    assert all(address.startswith("127.0.0.1:") for address in addresses), addresses


def test_stopping_edit_leaves_no_process_behind(tmp_path: Path) -> None:
    project = prepare_git_project(copy_project(tmp_path / "project"))
    for stop in (signal.SIGINT, signal.SIGTERM):
        with editing(project, tmp_path / f"edit-{stop}.log") as editor:
            children = editor.children()
            assert len(children) == 2, editor.output()
            assert "http://127.0.0.1:" in editor.output() and "/admin/" in editor.output()
            if stop == signal.SIGINT:  # Ctrl+C in a terminal reaches the whole group
                os.killpg(editor.process.pid, signal.SIGINT)
            else:
                editor.process.send_signal(signal.SIGTERM)
            editor.process.wait(timeout=30)
            deadline = time.monotonic() + 5
            while any(alive(pid) for pid in children) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not [pid for pid in children if alive(pid)], editor.output()
            assert "Traceback" not in editor.output()
