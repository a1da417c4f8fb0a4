"""Browser fixtures: the shipped site over local HTTP and headless Debian Chromium.

Import the fixtures into a test module (pytest puts ``tests/`` on ``sys.path``)::

    from browser_support import (  # noqa: F401  (pytest finds fixtures by their names)
        browser_fixture,
        page_fixture,
        recorder_fixture,
        site_server_fixture,
    )

The fixtures are named ``site_server``, ``browser``, ``recorder`` and ``page`` for the tests;
the functions carry a ``_fixture`` suffix so that test parameters do not shadow the imports.

Nothing is blocked or mocked: every request the page makes is recorded, so a test can see
a page that tries to reach another host (web fonts, CDN scripts, analytics).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Request,
    expect,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError

if TYPE_CHECKING:
    from conftest import Build

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
LOCAL_HOST = "127.0.0.1"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
    "locale": "ru-RU",
    "timezone_id": "Europe/Moscow",
}
DESKTOP = {
    "viewport": {"width": 1280, "height": 900},
    "device_scale_factor": 1,
    "locale": "ru-RU",
    "timezone_id": "Europe/Moscow",
}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# Schemes that never leave the browser: inline images and worker blobs are not requests to a host.
NON_NETWORK_SCHEMES = frozenset({"data", "blob", "about"})


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_directory(folder: Path) -> Iterator[str]:
    """A built site served over HTTP on 127.0.0.1; yields the base URL ending in ``/``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session", name="site_server")
def site_server_fixture(shipped_build: Build) -> Iterator[str]:
    """The shipped site served over HTTP on 127.0.0.1; yields the base URL ending in ``/``."""
    with serve_directory(shipped_build.site) as base_url:
        yield base_url


class _SharedChromium:
    """One Playwright driver and one Chromium per process, however many modules use them.

    A session fixture imported into several test modules is set up once per module, and a
    second ``sync_playwright()`` while the first still runs fails ("Sync API inside the
    asyncio loop"): the fixture instances borrow this one browser and the last closes it.
    """

    def __init__(self) -> None:
        self._users = 0
        self._driver: contextlib.AbstractContextManager[Playwright] | None = None
        self._browser: Browser | None = None

    @contextlib.contextmanager
    def borrow(self) -> Iterator[Browser]:
        if self._browser is None:
            self._start()
        assert self._browser is not None
        self._users += 1
        try:
            yield self._browser
        finally:
            self._users -= 1
            if self._users == 0:
                self._stop()

    def _start(self) -> None:
        driver = sync_playwright()
        playwright = driver.__enter__()
        try:
            self._browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
            )
        except BaseException:
            driver.__exit__(None, None, None)
            raise
        self._driver = driver

    def _stop(self) -> None:
        browser, driver = self._browser, self._driver
        self._browser = self._driver = None
        try:
            if browser is not None:
                with contextlib.suppress(PlaywrightError):  # already gone: a crash said why
                    browser.close()
        finally:
            if driver is not None:
                driver.__exit__(None, None, None)


_CHROMIUM = _SharedChromium()


@pytest.fixture(scope="session", name="browser")
def browser_fixture() -> Iterator[Browser]:
    """One headless Debian Chromium for the whole session; missing Chromium is a failure."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Браузерные тесты требуют Chromium из Debian ({CHROMIUM} не найден): "
            "установите его командой apt-get install chromium. / "
            f"Browser tests need Debian's Chromium ({CHROMIUM} is missing): "
            "install Debian's chromium: apt-get install chromium.",
            pytrace=False,
        )
    # Assertions wait up to 10 s (Playwright's default is 5 s): CI machines can be busy.
    expect.set_options(timeout=10_000)
    with _CHROMIUM.borrow() as chromium:
        yield chromium


@dataclass
class Recorder:
    """What one browser context did: console errors, uncaught errors and every request."""

    console_errors: list[tuple[str, str]] = field(default_factory=list)  # (text, source URL)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed_requests: list[tuple[str, str]] = field(default_factory=list)  # (URL, failure)

    def attach(self, context: BrowserContext, page: Page) -> None:
        context.on("console", self._on_console)
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("requestfailed", self._on_request_failed)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            source = (message.location or {}).get("url", "")
            self.console_errors.append((message.text, source))

    def _on_request_failed(self, request: Request) -> None:
        failure = request.failure or "failed"
        # Leaving a page cancels what it still loads (say, a lazy image that a scroll woke up):
        # Chromium reports net::ERR_ABORTED, which is the visitor's doing, not a fault.
        # The URL itself is still in `requests`, so the host check sees it.
        if failure != "net::ERR_ABORTED":
            self.failed_requests.append((request.url, failure))


@pytest.fixture(name="recorder")
def recorder_fixture() -> Recorder:
    return Recorder()


@contextlib.contextmanager
def recorded_tab(
    browser: Browser,
    viewport: dict[str, Any],
    recorder: Recorder | None = None,
    *,
    init_script: str | None = None,
) -> Iterator[tuple[Page, Recorder]]:
    """A tab in a fresh browser context (nothing remembered), its activity recorded."""
    context = browser.new_context(**viewport)
    context.set_default_timeout(15_000)
    if init_script:
        context.add_init_script(init_script)
    tab = context.new_page()
    recorder = recorder if recorder is not None else Recorder()
    recorder.attach(context, tab)
    try:
        yield tab, recorder
    finally:
        with contextlib.suppress(PlaywrightError):  # the browser is gone; the test said why
            context.close()


@pytest.fixture(name="page")
def page_fixture(browser: Browser, recorder: Recorder) -> Iterator[Page]:
    """A fresh phone-sized, Russian-locale tab whose activity goes into ``recorder``."""
    with recorded_tab(browser, PHONE, recorder) as (tab, _):
        yield tab


def open_page(page: Page, url: str) -> None:
    """Open ``url`` and wait until it is loaded, the network is quiet and nothing moves."""
    response = page.goto(url)
    assert response is not None and response.ok, url
    page.wait_for_load_state("networkidle")
    wait_for_animations(page)


def wait_for_animations(page: Page) -> None:
    """Wait until no CSS transition or animation runs, e.g. a dialog that is still sliding in.

    Playwright clicks where an element is when it looks stable; during Material's search
    dialog transition the click can land beside the link it aimed at.
    """
    page.wait_for_function(
        "() => document.getAnimations().every(animation => animation.playState !== 'running')"
    )


def assert_no_console_errors(recorder: Recorder) -> None:
    """No console error, uncaught page error or failed request so far."""
    problems = [
        *(f"console error: {text} (at {src})" for text, src in recorder.console_errors),
        *(f"page error: {text}" for text in recorder.page_errors),
        *(f"failed request: {url}: {why}" for url, why in recorder.failed_requests),
    ]
    assert not problems, "the page reported errors:\n" + "\n".join(problems)


def assert_only_local_requests(recorder: Recorder, base_url: str) -> None:
    """Every network request so far went to the local test server and nowhere else."""
    base = urlsplit(base_url)
    assert base.hostname == LOCAL_HOST, base_url
    assert recorder.requests, "no request was recorded at all"
    foreign = [url for url in recorder.requests if not _local(url, base)]
    assert not foreign, "requests left the local site:\n" + "\n".join(foreign)


def _local(url: str, base: SplitResult) -> bool:
    parts = urlsplit(url)
    if parts.scheme in NON_NETWORK_SCHEMES:
        return True
    return (parts.scheme, parts.hostname, parts.port) == (base.scheme, LOCAL_HOST, base.port)
