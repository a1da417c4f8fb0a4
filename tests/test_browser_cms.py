"""The editors' journey in the browser editor, end to end, in headless Chromium.

``plansite edit`` runs on a project copy; the editor logs in to the local backend, writes a
post filling every field with a picture, publishes it, sees it in the preview, fixes its
title (the address stays), and makes a mistake on disk that the preview explains on the page.

The screenshots in the README's section «Редактирование в браузере» are taken here, of the
shipped content; they are written into the repository only when PLANSITE_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from browser_support import DESKTOP, NON_NETWORK_SCHEMES, Recorder
from browser_support import browser_fixture as browser_fixture
from conftest import ROOT, copy_project
from edit_support import Editing, editing, git, prepare_git_project
from plansite.urls import post_slug

pytestmark = pytest.mark.browser

AUTHOR = "Анна Петрова <anna@example.org>"
TITLE = "Урок местного самоуправления в Вяземской школе"
FIXED_TITLE = "Урок о местном самоуправлении в Вяземской школе"
FOLDER = "news/2019/2019-05-10-урок-местного-самоуправления-в-вяземской-школе"
PICTURE = "urok.png"
SCREENSHOTS = ROOT / "docs" / "assets" / "editor"
BROKEN = "news/2019/2019-05-12-oshibka.md"
BROKEN_TEXT = """---
title: Запись с ошибкой
date: 2019-05-12
category: {category}
---

Текст записи.
"""
STEP_SECONDS = 90


@pytest.fixture(name="editor")
def editor_fixture(tmp_path: Path) -> Iterator[Editing]:
    project = prepare_git_project(copy_project(tmp_path / "project"))
    with editing(project, tmp_path / "edit.log", "--author", AUTHOR) as running:
        yield running


@pytest.fixture(name="shots")
def shots_fixture(tmp_path: Path) -> Callable[[Page, str], None]:
    """Take a screenshot: into docs/ on the explicit switch, otherwise into a temp folder."""
    folder = SCREENSHOTS if os.environ.get("PLANSITE_SCREENSHOTS") == "1" else tmp_path
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(page: Page, name: str) -> None:
        page.screenshot(path=str(folder / f"{name}.png"))

    return shoot


def project_of(editor: Editing) -> Path:
    return editor.log.parent / "project"


def wait_until(what: str, check: Callable[[], object], editor: Editing) -> None:
    deadline = time.monotonic() + STEP_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}:\n{editor.output()}")


def commits(project: Path) -> list[str]:
    return git(project, "log", "--format=%H").split()


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except OSError:
        return 0, ""


def picture_file(path: Path) -> Path:
    """A small real PNG (the shipped example picture)."""
    source = ROOT / "news" / "2019" / "lessons.png"
    path.write_bytes(source.read_bytes())
    return path


def choose(page: Page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).click()
    page.get_by_text(option, exact=False).first.click()


def test_write_publish_fix_and_break_a_post_in_the_browser(
    editor: Editing, browser: Browser, tmp_path: Path, shots: Callable[[Page, str], None]
) -> None:
    project = project_of(editor)
    context = browser.new_context(**DESKTOP)
    context.set_default_timeout(30_000)
    page = context.new_page()
    recorder = Recorder()
    recorder.attach(context, page)
    try:
        _journey(editor, project, page, tmp_path, shots)
    finally:
        context.close()
    foreign = [url for url in recorder.requests if not _local(url)]
    assert not foreign, "the editor or preview made requests to other hosts:\n" + "\n".join(foreign)
    assert not recorder.page_errors, recorder.page_errors


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in NON_NETWORK_SCHEMES or parts.hostname == "127.0.0.1"


def _journey(
    editor: Editing, project: Path, page: Page, tmp_path: Path, shoot: Callable[[Page, str], None]
) -> None:
    # Log in to the local backend.
    page.goto(editor.preview_url + "admin/")
    login = page.get_by_role("button", name="Войти")
    expect(login).to_be_visible()
    shoot(page, "login")
    login.click()
    expect(page.get_by_text("Тематические уроки ко Дню местного самоуправления")).to_be_visible()
    shoot(page, "posts")

    # Write a post, every field filled, with a picture.
    page.goto(editor.preview_url + "admin/#/collections/news/new")
    page.get_by_label("Заголовок", exact=True).fill(TITLE)
    page.get_by_label("Дата и время (московское)").fill("2019-05-10T10:30")
    choose(page, "Рубрика", "Деятельность отделения")
    choose(page, "Муниципальные образования (необязательный)", "Вяземский район")
    page.get_by_label("Мероприятия плана (необязательный)").click()
    expect(page.get_by_text("2019 · Проведение тематических уроков")).to_be_visible()
    shoot(page, "plan-activity")
    page.get_by_text("2019 · Проведение тематических уроков").first.click()
    page.get_by_label("Метки (необязательный)").fill("школы, молодёжь")
    page.get_by_label("Краткое содержание (необязательный)").fill(
        "Представители отделения рассказали школьникам о местном самоуправлении."
    )
    page.get_by_role("button", name="Выберите изображение").click()
    page.locator('input[type="file"]').set_input_files(str(picture_file(tmp_path / PICTURE)))
    expect(page.get_by_role("button", name="Выбрать помеченные")).to_be_enabled()
    shoot(page, "picture")
    page.get_by_role("button", name="Выбрать помеченные").click()
    page.get_by_label("Черновик (необязательный)").click()
    page.locator('[data-slate-editor="true"]').click()
    page.keyboard.type("Накануне Дня местного самоуправления прошёл урок для старшеклассников.")

    # The preview pane follows the typing, styled by the site's own stylesheet.
    preview = page.frame_locator("iframe").first
    expect(preview.locator("h1")).to_have_text(TITLE)
    expect(preview.locator(".post-byline")).to_contain_text("10 мая 2019, 10:30")
    expect(preview.locator(".post-byline")).to_contain_text("Деятельность отделения")
    expect(preview.locator("img.post-lead")).to_be_visible()
    expect(preview.locator(".post-body")).to_contain_text("прошёл урок")
    expect(preview.locator('link[href*="assets/stylesheets/main"]')).to_have_count(1)
    shoot(page, "new-post")

    # Publish: the post and its picture are committed, by the editor.
    before = commits(project)
    page.get_by_role("button", name="Опубликовать").first.click()
    page.get_by_text("Опубликовать сейчас").click()
    wait_until("the commit of the new post", lambda: len(commits(project)) > len(before), editor)
    post = project / FOLDER / "index.md"
    assert git(project, "log", "-1", "--format=%an <%ae>").strip() == AUTHOR
    committed = git(project, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(committed) == [f"{FOLDER}/index.md", f"{FOLDER}/{PICTURE}"]
    assert (project / FOLDER / PICTURE).read_bytes() == (tmp_path / PICTURE).read_bytes()
    meta = yaml.safe_load(post.read_text(encoding="utf-8").split("---")[1])
    assert meta == {
        "title": TITLE,
        "date": "2019-05-10 10:30",
        "category": "Деятельность отделения",
        "municipality": ["Вяземский район"],
        "plan": ["thematic-lessons"],
        "tags": ["школы", "молодёжь"],
        "summary": "Представители отделения рассказали школьникам о местном самоуправлении.",
        "image": PICTURE,
        "draft": True,
    }
    check = subprocess.run(
        [sys.executable, "-m", "plansite.cli", "check"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    # The preview shows the new page, with its picture, at the address from the file name.
    address = f"{editor.preview_url}news/2019/05/{post_slug(f'{FOLDER}/index.md')}/"
    wait_until("the new page", lambda: TITLE in fetch(address)[1], editor)
    page.goto(address)
    expect(page.locator("h1")).to_have_text(TITLE)
    lead = page.locator("img.post-lead")
    expect(lead).to_have_attribute("src", re.compile(PICTURE))
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=lead.element_handle())

    # Fix the title and publish the draft: the address and the file stay the same.
    page.goto(editor.preview_url + "admin/#/collections/news")
    page.get_by_text(TITLE).click()
    page.get_by_label("Заголовок", exact=True).fill(FIXED_TITLE)
    page.get_by_label("Черновик (необязательный)").click()
    before = commits(project)
    page.get_by_role("button", name="Опубликовать").first.click()
    page.get_by_text("Опубликовать сейчас").click()
    wait_until("the commit of the fix", lambda: len(commits(project)) > len(before), editor)
    changed = git(project, "show", "--name-status", "--format=", "HEAD").split()
    assert changed[0] == "M" and len(changed) == 2, changed
    assert list((project / "news" / "2019").glob("2019-05-10-*")) == [project / FOLDER]
    wait_until("the fixed title", lambda: FIXED_TITLE in fetch(address)[1], editor)
    feed = feedparser.parse(fetch(editor.preview_url + "rss.xml")[1])
    [item] = [item for item in feed.entries if item.title == FIXED_TITLE]
    assert item.id.endswith(urlsplit(address).path), item.id  # the GUID: from the file name

    # A broken post saved to disk: the preview names the file and line on the page itself.
    page.goto(address)
    (project / BROKEN).write_text(BROKEN_TEXT.format(category="Деятельность отдела"), "utf-8")
    notice = page.locator("#plansite-problems")
    expect(notice).to_contain_text(f"{BROKEN}:4: category: неизвестная категория", timeout=60_000)
    expect(notice).to_contain_text("Возможно, имелось в виду «Деятельность отделения»")
    expect(page.locator("h1")).to_have_text(FIXED_TITLE)  # the last good page stays below
    shoot(page, "error-notice")

    # Fixed: the page reloads by itself (live reload) and the notice is gone.
    page.evaluate("() => { window.plansiteBeforeFix = true; }")
    (project / BROKEN).write_text(BROKEN_TEXT.format(category="Деятельность отделения"), "utf-8")
    page.wait_for_function("() => window.plansiteBeforeFix === undefined", timeout=60_000)
    expect(notice).to_have_count(0, timeout=60_000)
    expect(page.locator("h1")).to_have_text(FIXED_TITLE)
