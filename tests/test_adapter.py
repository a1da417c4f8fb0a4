"""The MkDocs adapter's reliance on MkDocs internals, pinned so an upgrade fails loudly.

``on_serve`` (``hooks/plansite_hooks.py``) reaches into the private state of MkDocs 1.6's
``LiveReloadServer`` so that a refused rebuild leaves the last good site on show. These tests
fail as soon as a MkDocs release moves what it depends on; the end-to-end behaviour is in
``tests/test_serve.py``.
"""

from __future__ import annotations

import importlib.util
import inspect
import logging
import sys
from pathlib import Path
from types import ModuleType

import mkdocs
import pytest
from mkdocs.livereload import LiveReloadServer

from conftest import ROOT, copy_project


@pytest.fixture(scope="module")
def hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "plansite_hooks_under_test", ROOT / "hooks" / "plansite_hooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def server(tmp_path: Path, builder: object) -> LiveReloadServer:
    return LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(tmp_path))  # type: ignore[arg-type]


def test_mkdocs_is_the_version_the_adapter_was_written_for() -> None:
    assert mkdocs.__version__.startswith("1.6."), (
        f"MkDocs {mkdocs.__version__}: review SERVER_INTERNALS in hooks/plansite_hooks.py"
    )


def test_the_server_has_the_private_attributes_on_serve_uses(
    hooks: ModuleType, tmp_path: Path
) -> None:
    live = server(tmp_path, lambda: None)
    for name in hooks.SERVER_INTERNALS:
        assert hasattr(live, name), f"LiveReloadServer.{name} is gone: on_serve must change"


def test_the_build_loop_still_works_the_way_on_serve_assumes() -> None:
    build_loop = inspect.getsource(LiveReloadServer._build_loop)
    serve_request = inspect.getsource(LiveReloadServer._serve_request)
    # A rebuild sets the wanted epoch, calls the builder, and only on success shows it.
    assert build_loop.index("self._wanted_epoch = _timestamp()") < build_loop.index(
        "self.builder()"
    )
    assert "self._visible_epoch = self._wanted_epoch" in build_loop
    # Requests wait until the version on show is the one wanted.
    assert "self._visible_epoch == self._wanted_epoch" in serve_request


def test_a_refused_rebuild_leaves_the_last_good_site_on_show(
    hooks: ModuleType, tmp_path: Path
) -> None:
    def refused() -> None:
        raise SystemExit("Сайт не собран")

    live = hooks.on_serve(server(tmp_path, refused), config=None, builder=refused)
    live._wanted_epoch = live._visible_epoch + 1  # what _build_loop does before a rebuild
    with pytest.raises(SystemExit):
        live.builder()
    assert live._wanted_epoch == live._visible_epoch  # requests are answered, not held


def test_without_the_internals_serve_still_works_and_says_so(
    hooks: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    class OtherServer:
        def builder(self) -> None:
            pass

    other = OtherServer()
    original = other.builder
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.plansite"):
        returned = hooks.on_serve(other, config=None, builder=original)
    assert returned is other
    assert other.builder == original
    (record,) = caplog.records
    assert "_epoch_cond, _wanted_epoch, _visible_epoch" in record.getMessage()


def test_on_files_refuses_a_generated_page_in_a_hand_written_ones_place(
    hooks: ModuleType, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The last guard, on the engine's own file list (``generate_site`` already refuses
    the same clash when it reads ``docs/`` itself)."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import Abort
    from mkdocs.structure.files import File, Files

    project = copy_project(tmp_path / "project")
    config = MkDocsConfig(config_file_path=str(project / "mkdocs.yml"))
    config.load_dict(
        {"site_name": "x", "site_url": "https://example.org/", "docs_dir": str(project / "docs")}
    )
    assert config.validate() == ([], [])
    hooks.on_pre_build(config)
    files = Files([File("press.md", config.docs_dir, config.site_dir, False)])
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        hooks.on_files(files, config)
    assert [record.getMessage() for record in caplog.records] == [
        "docs/press.md:1: файл: файл docs/press.md попадает на адрес /press/index.html, "
        "который уже занят: страница «/press/». Переименуйте или перенесите файл."
    ]
