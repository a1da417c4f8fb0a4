"""``plansite check`` and ``mkdocs build --strict`` agree on generated inputs too.

The bad-input corpus (``tests/test_corpus.py``) runs both on every case; here hypothesis
writes posts the way editors break them and front matter for a hand-written page, and each
example goes through both: they pass together or fail together with the same lines. Every
example costs a real build, so there are few of them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, check_then_build, copy_project
from test_fuzz import POST, field_values, near_valid_posts

BUILD_EPOCH = "1577836800"  # 2020-01-01: every generated 2019 post is due
HAND_WRITTEN = "docs/kontakty.md"
LINKS = (
    "[план](plan/2019/index.md)",
    "[о сайте](about.md#открытые-данные)",
    "[нет такой](plan/2019/net.md)",
    "![логотип](assets/logo.svg)",
    "![нет](assets/net.png)",
    "[календарь](calendar.ics)",
    "[вне сайта](../README.md)",
    "[папка](news/)",
    "[почта](mailto:press@example.org)",
    '<a href="raw.md">как HTML</a>',
)

few_examples = settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy whose one extra file each example rewrites."""
    project = copy_project(tmp_path_factory.mktemp("agree") / "project")
    for picture in ("news/2019/pic.png", "news/2019/img/a.png"):
        (project / picture).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "news/2019/lessons.png", project / picture)
    return project


@few_examples
@given(raw=near_valid_posts())
def test_generated_posts(workspace: Path, raw: bytes) -> None:
    (workspace / POST).write_bytes(raw)
    try:
        check_then_build(workspace, BUILD_EPOCH)
    finally:
        (workspace / POST).unlink()


@st.composite
def hand_written_pages(draw: st.DrawFn) -> str:
    """A hand-written page whose title or description an editor typed wrong."""
    fields = {"title": "Контакты", "description": "Как связаться с отделением."}
    key = draw(st.sampled_from([*fields, "hide", "titel"]))
    fields[key] = draw(field_values | st.sampled_from(["[toc]", "[a, b]", "1", "<b>x</b>"]))
    lines = [f"{name}: {value}" for name, value in fields.items()]
    links = draw(st.lists(st.sampled_from(LINKS), max_size=3))
    body = ["# Контакты", "", "Текст страницы.", "", *links, ""]
    return "\n".join(["---", *lines, "---", "", *body])


@few_examples
@given(text=hand_written_pages())
def test_generated_hand_written_pages(workspace: Path, text: str) -> None:
    (workspace / HAND_WRITTEN).write_text(text, encoding="utf-8")
    try:
        check_then_build(workspace, BUILD_EPOCH)
    finally:
        (workspace / HAND_WRITTEN).unlink()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[один, два]", "ожидается текст, а указано: список"),
        ("{a: 1}", "ожидается текст, а указано: набор полей"),
        ("2019-05-01", "ожидается текст, а указано: дата"),
    ],
)
def test_a_wrong_description_is_refused_by_both(project: Path, value: str, message: str) -> None:
    page = project / "docs/about.md"
    text = page.read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    lines = rest.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith("description:"))
    lines[index] = f"description: {value}"
    page.write_text("\n".join([head, *lines]), encoding="utf-8")
    build = check_then_build(project)
    assert build.returncode == 1
    assert f"docs/about.md:{index + 2}: description: {message}" in build.output


def test_markup_in_a_hand_written_description_is_escaped(project: Path) -> None:
    description = '"><script>alert(1)</script> & <b>жирно</b>'
    page = project / "docs/about.md"
    text = page.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("description:"))
    new = f"description: {json.dumps(description, ensure_ascii=False)}"
    page.write_text(text.replace(old, new), encoding="utf-8")
    build = check_then_build(project)
    html = build.page("about/")
    assert "<script>alert(1)</script>" not in html
    assert "<b>жирно</b>" not in html
    assert (
        '<meta name="description" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; '
        '&amp; &lt;b&gt;жирно&lt;/b&gt;">'
    ) in html


def test_a_broken_link_in_a_hand_written_page_is_refused_by_both(project: Path) -> None:
    page = project / "docs/about.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\nСм. [план 2018 года](plan/2018/index.md).\n", encoding="utf-8")
    line = len(text.split("\n")) + 1
    build = check_then_build(project)
    assert build.returncode == 1
    assert (
        f"docs/about.md:{line}: ссылка: «plan/2018/index.md»: на сайте нет страницы или файла "
        "plan/2018/index.md. Проверьте имя файла и папки: путь считается от папки этой страницы."
    ) in build.output


def test_a_hand_written_page_in_a_generated_pages_place_is_refused_by_both(
    project: Path,
) -> None:
    (project / "docs/press.md").write_text("# Для прессы\n\nТекст.\n", encoding="utf-8")
    post_page = project / "docs/news/2019/04/tematicheskie-uroki/index.md"
    post_page.parent.mkdir(parents=True)
    post_page.write_text("# Уроки\n", encoding="utf-8")
    build = check_then_build(project)
    assert build.returncode == 1
    assert (
        "docs/press.md:1: файл: файл docs/press.md попадает на адрес /press/index.html, "
        "который уже занят: страница «/press/». Переименуйте или перенесите файл."
    ) in build.output
    assert (
        "docs/news/2019/04/tematicheskie-uroki/index.md:1: файл: файл "
        "docs/news/2019/04/tematicheskie-uroki/index.md попадает на адрес "
        "/news/2019/04/tematicheskie-uroki/index.html, который уже занят: страница "
        "«/news/2019/04/tematicheskie-uroki/» записи news/2019/2019-04-19-тематические-уроки.md."
    ) in build.output


def test_a_menu_entry_without_its_page_is_refused_by_both(project: Path) -> None:
    """The plan moved to 2020 while the menu still names the 2019 pages."""
    shutil.rmtree(project / "news")
    (project / "news").mkdir()
    plan = project / "data/plan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("  - year: 2019", "  - year: 2020"),
        encoding="utf-8",
    )
    (project / "docs/about.md").write_text("# О сайте\n", encoding="utf-8")
    build = check_then_build(project)
    assert build.returncode == 1
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    line = config.index("  - Календарь: calendar/2019/index.md") + 1
    assert (
        f"mkdocs.yml:{line}: nav: в меню сайта есть страница calendar/2019/index.md, но такой "
        "страницы на сайте нет: верните её или исправьте эту строку меню в mkdocs.yml."
    ) in build.output
