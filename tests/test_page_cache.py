"""The page cache: kept between builds, bounded, never trusted when damaged, and the MkDocs
lines it relies on are still there."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import zlib
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, ROOT, run_mkdocs
from plansite.cache.store import PageStore

sys.path.insert(0, str(ROOT / "hooks"))
import plansite_reuse

COUNTS = re.compile(r"Страниц собрано: (\d+), взято из кэша: (\d+)\.")


def stored(path: Path, entries: dict[str, bytes]) -> None:
    store = PageStore(path)
    for key, content in entries.items():
        store.put(key, content)
    store.finish()


def test_entries_survive_between_builds(tmp_path: Path) -> None:
    path = tmp_path / "pages.sqlite"
    stored(path, {"a": b"page a", "b": b"page b"})
    store = PageStore(path)
    assert (store.get("a"), store.get("b"), store.get("c")) == (b"page a", b"page b", None)
    assert (store.counts.hits, store.counts.misses) == (2, 1)


def test_a_build_keeps_only_the_entries_it_used(tmp_path: Path) -> None:
    path = tmp_path / "pages.sqlite"
    stored(path, {"old": b"x" * 10_000, "kept": b"kept"})
    store = PageStore(path)
    assert store.get("kept") == b"kept"
    store.put("new", b"new")
    store.finish()
    store = PageStore(path)
    assert (store.get("old"), store.get("kept"), store.get("new")) == (None, b"kept", b"new")


def test_a_failed_build_stores_nothing(tmp_path: Path) -> None:
    path = tmp_path / "pages.sqlite"
    stored(path, {"a": b"a"})
    store = PageStore(path)
    store.put("b", b"b")
    store.abandon()
    store = PageStore(path)
    assert (store.get("a"), store.get("b")) == (b"a", None)


def test_clean_builds_read_nothing_and_refill_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "pages.sqlite"
    stored(path, {"a": b"a"})
    store = PageStore(path, read=False)
    assert store.get("a") is None
    store.put("b", b"b")
    store.finish()
    store = PageStore(path)
    assert (store.get("a"), store.get("b")) == (None, b"b")


def test_a_changed_entry_is_never_served_and_the_cache_starts_again(tmp_path: Path) -> None:
    path = tmp_path / "pages.sqlite"
    content = "Страница, которую нельзя подменить. ".encode() * 200
    stored(path, {"a": content, "b": b"b"})
    data = path.read_bytes()
    compressed = zlib.compress(content, 1)
    at = data.index(compressed[10:30])
    path.write_bytes(data[:at] + bytes(b ^ 0xFF for b in data[at : at + 8]) + data[at + 8 :])
    store = PageStore(path)
    assert store.get("a") is None
    assert store.counts.discarded
    assert store.get("b") is None, "after damage nothing more is taken from the cache"
    store.put("c", b"c")
    store.finish()
    assert PageStore(path).get("c") == b"c"


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_an_unreadable_cache_file_is_replaced(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "pages.sqlite"
    stored(path, {f"key {n}": os.urandom(3000) for n in range(50)})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3] if damage == "truncate" else b"not a database" * 99)
    store = PageStore(path)
    assert all(store.get(f"key {n}") is None for n in range(50))
    store.put("fresh", b"fresh")
    store.finish()
    assert PageStore(path).get("fresh") == b"fresh"


def test_the_mkdocs_lines_page_reuse_relies_on_are_unchanged() -> None:
    """If this fails, MkDocs or Material changed the calls plansite_reuse takes over: read its
    docstring, check the new code, and update the expected lines with the adapter."""
    assert plansite_reuse.engine_mismatches() == []


def test_second_build_reuses_every_page_and_clean_ignores_the_cache(project: Path) -> None:
    first = run_mkdocs(project)
    second = run_mkdocs(project)
    assert first.returncode == 0 and second.returncode == 0, first.output + second.output
    rendered, reused = map(int, COUNTS.findall(second.output)[0])
    assert rendered == 0 and reused > 50
    assert int(COUNTS.findall(first.output)[0][0]) == reused
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    clean = subprocess.run(
        [sys.executable, "-m", "plansite.cli", "build", "--clean", "-d", str(project / "c")],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert COUNTS.findall(clean.stderr)[0] == (str(reused), "0")
    assert not [line for line in clean.stderr.splitlines() if "|" in line and "стр." in line]


def _build_in_terminal(project: Path, **env: str) -> str:
    """``plansite build`` with its output on a pseudo-terminal, as an editor runs it."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("CI", None)
    environment.update(TERM="xterm", **env)
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "plansite.cli", "build", "-d", str(project / "t")],
        cwd=project,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    output = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=300)
    os.close(controller)
    assert process.returncode == 0, output.decode(errors="replace")
    return output.decode(errors="replace")


def test_build_shows_progress_in_a_terminal_but_not_in_ci(project: Path) -> None:
    shown = _build_in_terminal(project, PLANSITE_PROGRESS_DELAY="0")  # a fast machine too
    assert re.search(r"(Чтение|Запись) страниц: +\d+%\|", shown), shown
    quiet = _build_in_terminal(project, CI="true", PLANSITE_PROGRESS_DELAY="0")
    assert "Чтение страниц" not in quiet and "Запись страниц" not in quiet
    assert COUNTS.search(" ".join(quiet.split())), quiet  # MkDocs wraps lines to the terminal
