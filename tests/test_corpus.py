"""The bad-input corpus: one small file or plan fragment per case, with the exact messages.

Every ``tests/corpus/*.yaml`` file is one case (golden-test style)::

    # What the case is about.
    kind: post              # post | plan | categories | municipalities | symlink | special
    path: news/2019/x.md    # where the file goes inside a copy of the project
    content: |              # the file's text (a post, or a whole data file)
      ...
    expect:                 # every problem line (str(problem)), in order; [] = builds fine
      - "news/2019/x.md:3: date: ..."

Other keys a case may use:

* ``replace: {old: …, new: …}`` (or a list of them) — for data files: change a fragment of
  the real file, so the line numbers are those of the shipped ``data/plan.yaml``;
* ``encoding: cp1251 | utf-16 | utf-8-sig`` — the bytes written (``utf-8-sig`` adds a BOM);
  ``line_endings: crlf``; ``content_bytes_hex:`` — raw bytes;
* ``generate: huge`` — ``content`` padded with body text beyond the size limit;
* ``files: {project-relative path: text}`` — files written beside the case; a value
  ``{picture: png}`` (or jpg, gif, svg) writes a small real picture of that type;
* ``kind: symlink`` — ``content`` is written outside the project and ``path`` links to it;
* ``kind: special`` with ``special: fifo | loop | device`` — ``path`` is a named pipe, a
  symbolic link to itself, or a link to ``/dev/zero`` (never a file any reader may open);
* ``expand: {MARKER: [text, times]}`` — ``MARKER`` in ``content`` becomes ``text * times``
  (huge values without huge case files);
* ``published: news/2019/04/slug/`` — a fine case's post is published at this address;
* ``removed_chars: N`` — control characters the loader must report removed;
* ``html_excludes: […]`` — texts that must not be in the post's rendered body;
* ``build: true`` — also check the published site of the real build in detail;
* ``xfail: "file:line: …"`` — a known product bug; ``expect`` then holds the correct value.

Every case is checked in-process with :func:`plansite.site.load_sources` and, when that
finds nothing, :func:`plansite.site.render_site` (links to pages that do not exist show only
then); every case also goes through both ``plansite check`` and the real
``mkdocs build --strict``, which must agree: both pass, or both refuse the case with the same
lines.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import PICTURES, ROOT, Build, build_errors, check_then_build, copy_project
from plansite import urls
from plansite.derive.posts import render_posts
from plansite.load.textfile import MAX_FILE_BYTES
from plansite.model import PostStatus
from plansite.problems import ProblemsFound
from plansite.site import BuildSettings, Sources, generate_site, load_sources, render_site

CORPUS = Path(__file__).resolve().parent / "corpus"
SOURCE_PARTS = ("data", "news")
BUILD_TIME = datetime(2019, 12, 31, tzinfo=timezone.utc)
BUILD_EPOCH = str(int(BUILD_TIME.timestamp()))  # 1577750400
KINDS = {
    "post": None,
    "symlink": None,
    "special": None,
    "plan": "data/plan.yaml",
    "categories": "data/categories.yaml",
    "municipalities": "data/municipalities.yaml",
}
CASE_KEYS = {
    "kind",
    "path",
    "content",
    "content_bytes_hex",
    "encoding",
    "line_endings",
    "generate",
    "replace",
    "files",
    "expect",
    "published",
    "removed_chars",
    "html_excludes",
    "build",
    "xfail",
    "special",
    "expand",
}
SPECIAL = {"fifo", "loop", "device"}
ENCODINGS = {"utf-8", "utf-8-sig", "cp1251", "utf-16"}
CONTROL_CHARS = [chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]
CONTROL_CHARS += ["\u2028", "\u2029"]
CONTROL_CHARS.remove("\r")  # CSV and iCalendar end their lines with CRLF
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def load_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict), path
    unknown = set(case) - CASE_KEYS
    assert not unknown, f"{path.name}: unknown keys {sorted(unknown)}"
    assert case["kind"] in KINDS, path.name
    assert isinstance(case["path"], str), path.name
    assert isinstance(case.get("expect"), list), f"{path.name}: expect must be a list"
    if KINDS[case["kind"]]:
        assert case["path"] == KINDS[case["kind"]], path.name
    assert case.get("encoding", "utf-8") in ENCODINGS, path.name
    return case


CASES = {path.stem: load_case(path) for path in sorted(CORPUS.glob("*.yaml"))}


def params(names: list[str], known_bugs_fail: bool = True) -> list[Any]:
    result = []
    for name in names:
        case = CASES[name]
        marks = []
        if "xfail" in case and known_bugs_fail:
            marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
        if case["kind"] in ("symlink", "special") and not hasattr(os, "symlink"):
            marks.append(pytest.mark.skip(reason="needs symlinks"))
        if case.get("special") == "fifo" and not hasattr(os, "mkfifo"):
            marks.append(pytest.mark.skip(reason="needs named pipes"))
        result.append(pytest.param(name, marks=marks, id=name))
    return result


def case_bytes(case: dict[str, Any]) -> bytes:
    """The exact bytes of the case's file."""
    if "content_bytes_hex" in case:
        return bytes.fromhex("".join(case["content_bytes_hex"].split()))
    text = case.get("content", "")
    for marker, (repeated, times) in (case.get("expand") or {}).items():
        text = text.replace(marker, repeated * times)
    if case.get("generate") == "huge":
        filler = "Очень длинный текст записи, вставленный по ошибке. "
        text += filler * (MAX_FILE_BYTES // len(filler.encode("utf-8")) + 1)
        assert len(text.encode("utf-8")) > MAX_FILE_BYTES
    else:
        assert "generate" not in case, case
    if case.get("line_endings") == "crlf":
        text = text.replace("\n", "\r\n")
    return text.encode(case.get("encoding", "utf-8"))


def replaced(text: str, replacements: dict[str, str] | list[dict[str, str]]) -> str:
    for change in replacements if isinstance(replacements, list) else [replacements]:
        assert text.count(change["old"]) == 1, f"fragment not found once: {change['old']!r}"
        text = text.replace(change["old"], change["new"])
    return text


def write_case(case: dict[str, Any], project: Path, outside: Path) -> None:
    """Put the case into a project copy; ``outside`` is a folder outside the project."""
    target = project / case["path"]
    target.parent.mkdir(parents=True, exist_ok=True)
    for relpath, text in (case.get("files") or {}).items():
        extra = project / relpath
        extra.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, dict):
            extra.write_bytes(PICTURES[text["picture"]])
        else:
            extra.write_text(text, encoding="utf-8")
    if "replace" in case:
        assert "content" not in case
        text = target.read_text(encoding="utf-8")
        target.write_bytes(replaced(text, case["replace"]).encode(case.get("encoding", "utf-8")))
    elif case["kind"] == "special":
        assert case["special"] in SPECIAL, case["special"]
        target.unlink(missing_ok=True)
        if case["special"] == "fifo":
            os.mkfifo(target)
        else:
            target.symlink_to(target.name if case["special"] == "loop" else "/dev/zero")
    elif case["kind"] == "symlink":
        outside.mkdir(parents=True, exist_ok=True)
        real = outside / target.name
        real.write_bytes(case_bytes(case))
        target.symlink_to(real)
    else:
        target.write_bytes(case_bytes(case))


def problems_of(project: Path) -> tuple[list[str], Sources | None]:
    try:
        sources = load_sources(project, BUILD_TIME)
        render_site(sources, BuildSettings(project, "https://example.org/", BUILD_TIME))
    except ProblemsFound as found:
        return [str(problem) for problem in found.problems], None
    return [], sources


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 40
    fine = [name for name, case in CASES.items() if not case["expect"]]
    assert {"bom", "crlf", "control-characters"} <= set(fine)


def sources_copy(target: Path) -> Path:
    """A copy of the parts of the project that :func:`load_sources` reads (``data/``,
    ``news/``): the in-process check runs for every case, so it copies no more."""
    for part in SOURCE_PARTS:
        shutil.copytree(ROOT / part, target / part)
    return target


@pytest.mark.parametrize("name", params(sorted(CASES)))
def test_case_problems(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    project = sources_copy(tmp_path / "project")
    write_case(case, project, tmp_path / "outside")
    found, sources = problems_of(project)
    assert found == case["expect"]
    if sources is None or case["kind"] != "post":
        return
    # A fine post: published where expected, its texts and body clean, its pictures shown.
    (post,) = [post for post in sources.news.posts if post.source == case["path"]]
    assert post.status is PostStatus.PUBLISHED
    assert post.url_path == case["published"]
    assert sources.news.removed_control_chars == case.get("removed_chars", 0)
    (rendered,) = render_posts([post], sources.plan_data.glossary, project)
    texts = [post.title, post.summary or "", *post.tags, rendered.html, rendered.summary]
    for char in CONTROL_CHARS:
        assert not any(char in text for text in texts), repr(char)
    for text in case.get("html_excludes", []):
        assert text not in rendered.html
    if post.files:
        assert_pictures_published(project, post.url_path)


def assert_pictures_published(project: Path, url_path: str) -> None:
    """Every picture on the post's page names a file the build publishes."""
    content = generate_site(BuildSettings(project, "https://example.org/", BUILD_TIME))
    (page,) = [page for page in content.pages if page.src == urls.post_src(url_path)]
    published = {asset.path for asset in content.assets}
    body = page.markdown.split("\n---\n", 1)[1]  # without the page's front matter
    page_html = markdown.markdown(body, extensions=["attr_list", "abbr", "tables", "admonition"])
    pictures = BeautifulSoup(page_html, "html.parser").find_all("img")
    assert pictures
    for img in pictures:
        src = img["src"]
        if src.startswith("/") or SCHEME.match(src):
            continue
        # What a browser requests: the path part of the URL, percent-escapes decoded.
        target = posixpath.normpath(posixpath.join(url_path, unquote(urlsplit(src).path)))
        assert target in published, f"<img src={src!r}> requests {target}: not published"


BUILD_CASES = sorted(name for name, case in CASES.items() if case.get("build"))


def test_build_cases_are_few_but_representative() -> None:
    errors = [name for name in BUILD_CASES if CASES[name]["expect"]]
    fine = [name for name in BUILD_CASES if not CASES[name]["expect"]]
    assert 6 <= len(errors) <= 8
    assert {"bom", "crlf", "control-characters"} <= set(fine)
    assert len(BUILD_CASES) <= 12


def published_texts(site: Path) -> dict[str, str]:
    """The text of every published file that carries content (pages, feeds, data, index)."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".xml", ".json", ".ics", ".csv"}:
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":  # JSON would hide a control character behind \u00XX
            text = "\n".join(json_strings(json.loads(text)))
        texts[path.relative_to(site).as_posix()] = text
    return texts


def json_strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.items() for text in json_strings(list(item))]
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    return []


@pytest.mark.parametrize("name", params(sorted(CASES), known_bugs_fail=False))
def test_case_check_and_build_agree(name: str, tmp_path: Path) -> None:
    """Known product bugs (``xfail``) included: check and build must share them too."""
    case = CASES[name]
    project = copy_project(tmp_path / "project")
    write_case(case, project, tmp_path / "outside")
    build = check_then_build(project, epoch=BUILD_EPOCH)
    if case.get("build") and "xfail" not in case:
        assert_published(case, name, build)


def assert_published(case: dict[str, Any], name: str, build: Build) -> None:
    if case["expect"]:
        assert build_errors(build) == case["expect"]
        count = len(case["expect"])
        word = "ошибка" if count == 1 else "ошибки"
        assert f"Сайт не собран: {count} {word} в данных" in build.output
        assert not (build.site / "index.html").exists()
        return
    _, sources = problems_of(build.project)
    assert sources is not None
    page = BeautifulSoup(build.page(case["published"]), "html.parser")
    assert page.find("h1") is not None
    published = len(sources.news.published)  # the shipped posts and the case's one
    assert f"Новости: опубликовано {published} запис" in build.output
    removed = case.get("removed_chars", 0)
    if removed:
        assert re.search(
            rf"Удалено управляющих {removed} символ(а|ов)? \(вставлены из офисных документов\)",
            build.output,
        ), build.output
    else:
        assert "Удалено управляющих" not in build.output
    for path, text in published_texts(build.site).items():
        for char in CONTROL_CHARS:
            assert char not in text, f"{path}: {char!r}"
        for excluded in case.get("html_excludes", []):
            assert excluded not in text, f"{path}: {excluded!r}"
    if name == "layout-breakout":
        assert_layout_intact(build.site, case["published"])


def assert_layout_intact(site: Path, url_path: str) -> None:
    """The post's page has the same frame as a shipped post's page; its text stays inside."""

    def frame(url: str) -> list[tuple[str, int]]:
        soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        selectors = ("footer", ".md-footer", ".md-content", "article", "script", "style", "iframe")
        return [(selector, len(soup.select(selector))) for selector in selectors]

    assert frame(url_path) == frame("news/2019/04/tematicheskie-uroki/")
    soup = BeautifulSoup(
        (site / url_path / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    body = soup.select_one("article .post-body")
    assert body is not None
    assert "Первый абзац." in body.get_text()
    assert "Последний абзац." in body.get_text()
