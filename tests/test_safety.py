"""Safety of what is published: hostile text stays text, nothing outside the project is
read or published, and every post file is accounted for.

Each part builds a copy of the project with the real ``mkdocs build --strict``.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from conftest import Build, copy_project, run_mkdocs
from pagefind_index import indexed_pages
from plansite.problems import ProblemsFound
from plansite.site import Sources, load_sources
from plansite.urls import tag_slug

BUILD_TIME = datetime(2019, 12, 31, tzinfo=timezone.utc)
BUILD_EPOCH = str(int(BUILD_TIME.timestamp()))
MOSCOW = ZoneInfo("Europe/Moscow")
SITE_NAME = "Смоленское РО ВСМС"

# Hostile text

HOSTILE = (
    '=HYPERLINK("http://x") <script>alert(1)</script> "><img src=x onerror=alert(1)> '
    "&amp; [ссылка](javascript:alert(1)) *жирно*"
)
CATEGORY = f"Рубрика {HOSTILE}"
MUNICIPALITY = f"Район {HOSTILE}"
TAGS = (
    HOSTILE,
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "&amp;",
    '=HYPERLINK("http://x")',
)
POST = "news/2019/2019-04-19-hostile.md"
POST_URL = "news/2019/04/hostile/"
ACTIVITY = "local-government-olympiad"
ACTIVITY_URL = f"plan/2019/{ACTIVITY}/"
BODY = """\
Текст [ссылка](javascript:alert(1)), <a href="javascript:alert(2)">ещё</a>,
[ещё](JAVASCRIPT:alert(3)), <a href=" jav&#x09;ascript:alert(4)">и ещё</a>,
[по ссылке][js] и <a href="#" onclick="alert(5)">кнопка</a>.

<script>alert(6)</script>

<img src="https://example.org/x.png" onerror="alert(7)">

<svg onload="alert(8)"><script>alert(9)</script></svg>

[js]: javascript:alert(10)
"""
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data", "poster")


def quoted(value: object) -> str:
    """A YAML value (JSON is YAML) that holds any text exactly."""
    return json.dumps(value, ensure_ascii=False)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_hostile_content(project: Path) -> None:
    """A category, a municipality, a post and a plan activity named with hostile text."""
    with (project / "data/categories.yaml").open("a", encoding="utf-8") as file:
        file.write(
            f"\n- id: hostile\n  name: {quoted(CATEGORY)}\n  description: {quoted(HOSTILE)}\n"
        )
    with (project / "data/municipalities.yaml").open("a", encoding="utf-8") as file:
        file.write(f"\n- id: hostile-town\n  name: {quoted(MUNICIPALITY)}\n")
    front = (
        f"title: {quoted(HOSTILE)}\n"
        "date: 2019-04-19\n"
        "category: hostile\n"
        f"municipality: {quoted(['hostile-town', 'Вяземский район'])}\n"
        f"plan: [{ACTIVITY}]\n"
        f"tags: {quoted(list(TAGS))}\n"
        f"summary: {quoted(HOSTILE)}\n"
    )
    (project / POST).write_text(f"---\n{front}---\n\n{BODY}", encoding="utf-8")
    replace_once(
        project / "data/plan.yaml",
        "            title: Олимпиада по основам местного самоуправления\n            when: май\n",
        f"            title: {quoted(HOSTILE)}\n"
        "            when: май\n"
        "            events:\n"
        "              - date: 2019-05-16\n"
        '                time: "10:00"\n'
        f"                title: {quoted(HOSTILE)}\n"
        f"                place: {quoted(HOSTILE)}\n",
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    add_hostile_content(project)
    build = run_mkdocs(project, epoch=BUILD_EPOCH)
    assert build.returncode == 0, build.output
    return build


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


SCRIPT_TYPES = ("", "text/javascript", "application/javascript", "module")
"""``<script type>`` values a browser runs; data blocks (``application/ld+json``) it does not."""


def executable_markup(soup: BeautifulSoup) -> list[str]:
    """Every element of ``soup`` that would run script: scripts that call alert, event
    handler attributes, ``javascript:`` URLs. Data blocks must hold valid JSON (a hostile
    ``</script>`` inside one would have cut it short)."""
    found = []
    for script in soup.find_all("script"):
        kind = script.get("type", "").strip().lower()
        if kind in SCRIPT_TYPES and "alert" in script.get_text():
            found.append(str(script))
        elif kind.endswith("json"):
            json.loads(script.get_text())
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(str(element))
            elif name.lower() in URL_ATTRIBUTES and isinstance(value, str):
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                if url.startswith(("javascript:", "vbscript:", "data:text/html")):
                    found.append(str(element))
    return found


def test_hostile_build_succeeds(hostile: Build) -> None:
    assert "Traceback" not in hostile.output
    assert (hostile.site / POST_URL / "index.html").is_file()


def test_no_page_carries_executable_markup(hostile: Build) -> None:
    pages = sorted(hostile.site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        soup = soup_of(page)
        assert executable_markup(soup) == [], page.relative_to(hostile.site)
        assert soup.find("img", src="x") is None, page.relative_to(hostile.site)


def json_texts(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in json_texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in json_texts(item)]
    return []


def test_structured_data_holds_the_literal_text(hostile: Build) -> None:
    """JSON-LD blocks and meta tags, if the pages carry any, hold the texts as typed: not
    HTML-escaped twice (a JSON string or an attribute value is decoded once)."""
    for url in (POST_URL, ACTIVITY_URL):
        soup = soup_of(hostile.site / url / "index.html")
        texts = [meta["content"] for meta in soup.find_all("meta", content=True)]
        for script in soup.find_all("script", type="application/ld+json"):
            texts += json_texts(json.loads(script.get_text()))
        hostile_texts = [text for text in texts if "alert" in text]
        assert hostile_texts, url
        for text in hostile_texts:
            assert "<script>alert(1)</script>" in text or HOSTILE.startswith(text), text
            assert "&lt;" not in text and "&amp;amp;" not in text and "&#" not in text, text


def test_post_body_keeps_its_text_but_not_its_scripts(hostile: Build) -> None:
    body = soup_of(hostile.site / POST_URL / "index.html").select_one(".post-body")
    assert body is not None
    text = body.get_text()
    for words in ("ссылка", "ещё", "и ещё", "по ссылке", "кнопка"):
        assert words in text
    assert "alert" not in text  # the script and its text are removed, not shown
    assert body.find("script") is None
    assert body.find("svg") is None


@pytest.mark.parametrize(
    ("url", "literal"),
    [
        (POST_URL, HOSTILE),
        (ACTIVITY_URL, HOSTILE),
        ("news/category/hostile/", CATEGORY),
        ("municipalities/hostile-town/", MUNICIPALITY),
        *[(f"news/tag/{tag_slug(tag)}/", f"Метка «{tag}»") for tag in TAGS],
    ],
)
def test_page_titles_show_the_literal_text(hostile: Build, url: str, literal: str) -> None:
    soup = soup_of(hostile.site / url / "index.html")
    assert soup.title.get_text() == f"{literal} — {SITE_NAME}"
    (heading,) = soup.find_all("h1")
    assert heading.get_text() == literal


def test_post_page_shows_every_field_literally(hostile: Build) -> None:
    soup = soup_of(hostile.site / POST_URL / "index.html")
    assert soup.find("meta", attrs={"name": "description"})["content"] == HOSTILE
    texts = [element.get_text() for element in soup.select("article a")]
    for literal in (MUNICIPALITY, HOSTILE, *TAGS):  # municipality, activity and tag links
        assert literal in texts
    assert CATEGORY in soup.select_one(".post-byline").get_text()


def test_listings_show_the_literal_title(hostile: Build) -> None:
    for url in ("news/", "news/category/hostile/", "municipalities/hostile-town/", "plan/2019/"):
        soup = soup_of(hostile.site / url / "index.html")
        links = [link.get_text() for link in soup.select("article a")]
        assert HOSTILE in links, url


FEEDS = ("rss.xml", "atom.xml", "news/category/hostile/rss.xml")


def hostile_entry(build: Build, feed: str, sanitize: bool = True) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(build.file(feed), sanitize_html=sanitize)
    assert not parsed.bozo, parsed.get("bozo_exception")
    (entry,) = [entry for entry in parsed.entries if entry.link.endswith(POST_URL)]
    return entry


@pytest.mark.parametrize("feed", FEEDS)
def test_feed_titles_are_the_literal_text(hostile: Build, feed: str) -> None:
    entry = hostile_entry(hostile, feed)
    assert entry.title == HOSTILE
    terms = {tag.get("label") or tag.term for tag in entry.tags}
    assert set(TAGS) <= terms
    assert CATEGORY in terms


def test_category_feed_title_is_the_literal_text(hostile: Build) -> None:
    parsed = feedparser.parse(hostile.file("news/category/hostile/rss.xml"))
    assert parsed.feed.title == f"{SITE_NAME}: {CATEGORY}"


def shown_text(detail: feedparser.FeedParserDict) -> str:
    """What a feed reader shows: HTML text is rendered (entities decoded), plain text as is."""
    value = detail.value
    if detail.type == "text/html":
        assert "<" not in value, value  # no markup: the hostile text stays inert
        return html.unescape(value)
    return value


def test_category_feed_description_is_the_literal_text(hostile: Build) -> None:
    parsed = feedparser.parse(hostile.file("news/category/hostile/rss.xml"))
    assert shown_text(parsed.feed.subtitle_detail) == HOSTILE


@pytest.mark.parametrize("feed", FEEDS)
def test_feed_summaries_are_the_literal_text(hostile: Build, feed: str) -> None:
    assert shown_text(hostile_entry(hostile, feed).summary_detail) == HOSTILE


@pytest.mark.parametrize("feed", FEEDS)
def test_feed_content_carries_no_script(hostile: Build, feed: str) -> None:
    entry = hostile_entry(hostile, feed, sanitize=False)
    (content,) = entry.content
    soup = BeautifulSoup(content.value, "html.parser")
    assert "кнопка" in soup.get_text()
    assert executable_markup(soup) == []
    assert soup.find("svg") is None


def test_calendar_shows_the_literal_text(hostile: Build) -> None:
    calendar = icalendar.Calendar.from_ical(hostile.file("calendar.ics"))
    events = [event for event in calendar.walk("VEVENT") if f"2019-{ACTIVITY}" in str(event["UID"])]
    assert len(events) == 2  # the month and the dated event
    for event in events:
        assert str(event["SUMMARY"]) == HOSTILE
    (dated,) = [event for event in events if "LOCATION" in event]
    assert str(dated["LOCATION"]) == HOSTILE
    assert HOSTILE in str(dated["DESCRIPTION"])


def test_plan_json_holds_the_literal_text(hostile: Build) -> None:
    plan = json.loads(hostile.file("plan/2019/plan.json"))
    (activity,) = [a for s in plan["sections"] for a in s["activities"] if a["id"] == ACTIVITY]
    assert activity["title"] == HOSTILE
    (event,) = activity["events"]
    assert (event["title"], event["place"]) == (HOSTILE, HOSTILE)


def test_plan_csv_defuses_the_formula(hostile: Build) -> None:
    text = hostile.file("plan/2019/plan.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    (row,) = [row for row in rows if row[-1].endswith(f"/{ACTIVITY_URL}")]
    assert row[1] == "'" + HOSTILE
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@")), cell


def test_search_index_holds_titles_as_plain_text(hostile: Build) -> None:
    """The index stores what a reader saw on the page: the title as literal text, which the
    search script inserts as text (test_browser_search.py shows such a title), and excerpts
    that Pagefind escapes before marking the matched words."""
    pages = indexed_pages(hostile.site)
    assert pages[POST_URL]["meta"]["title"] == HOSTILE
    assert pages[ACTIVITY_URL]["meta"]["title"] == HOSTILE
    assert HOSTILE in pages[POST_URL]["content"]


# Nothing outside the project is read or published

MARKER = "PLANSITE-OUTSIDE-7b1e4d2c-MARKER"
"""The content of a file outside the project: it must never appear in the site."""


@dataclass(frozen=True)
class Escape:
    """A post that tries to use a file outside its folder."""

    front: str = ""
    body: str = ""
    links: dict[str, str] = field(default_factory=dict)
    """Symlinks to create in the post's folder: name → target (``{outside}`` filled in)."""

    def write(self, project: Path, name: str, outside: Path) -> str:
        folder = project / "news" / "2019" / f"escape-{name}"
        folder.mkdir(parents=True)
        for link, target in self.links.items():
            (folder / link).symlink_to(target.format(outside=outside))
        front = self.front.format(outside=outside)
        body = self.body.format(outside=outside)
        text = f"---\ntitle: Попытка\ndate: 2019-04-19\ncategory: branch\n{front}---\n\n"
        (folder / "index.md").write_text(text + f"Текст.\n\n{body}\n", encoding="utf-8")
        return f"news/2019/escape-{name}/index.md"


CLIMB = "../../../../outside/secret.png"  # from news/2019/escape-x/ up to tmp_path
ESCAPES = {
    "image-etc-hostname": Escape(front="image: ../../../../etc/hostname\n"),
    "image-climbs-out": Escape(front=f"image: {CLIMB}\n"),
    "image-absolute": Escape(front="image: {outside}/secret.png\n"),
    "image-etc-passwd": Escape(front="image: /etc/passwd\n"),
    "image-file-url": Escape(front="image: file://{outside}/secret.png\n"),
    "image-symlink": Escape(front="image: pic.png\n", links={"pic.png": "{outside}/secret.png"}),
    "picture-climbs-out": Escape(body=f"![x]({CLIMB})"),
    "picture-percent-encoded": Escape(body="![x](..%2F..%2F..%2F..%2Foutside%2Fsecret.png)"),
    "picture-reference": Escape(body=f"![x][s]\n\n[s]: {CLIMB}"),
    "picture-html": Escape(body=f'<img src="{CLIMB}">'),
    "picture-etc-passwd": Escape(body="![x](/etc/passwd)"),
    "picture-absolute": Escape(body="![x]({outside}/secret.png)"),
    "picture-file-url": Escape(body="![x](file:///etc/passwd) ![y](file://{outside}/secret.png)"),
    "picture-symlink": Escape(body="![x](pic.png)", links={"pic.png": "{outside}/secret.png"}),
    "picture-symlinked-folder": Escape(body="![x](img/secret.png)", links={"img": "{outside}"}),
    "link-climbs-out": Escape(body=f"[скачать]({CLIMB})"),
    "link-symlink": Escape(body="[скачать](doc.pdf)", links={"doc.pdf": "{outside}/secret.png"}),
    "link-to-outside-post": Escape(body="[запись](../../../../outside/secret.md)"),
}


def make_outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_text(MARKER, encoding="utf-8")
    (outside / "secret.md").write_text(
        f"---\ntitle: {MARKER}\ndate: 2019-04-19\ncategory: branch\n---\n\n{MARKER}\n",
        encoding="utf-8",
    )
    return outside


def load(project: Path) -> tuple[Sources | None, list[str]]:
    try:
        return load_sources(project, BUILD_TIME), []
    except ProblemsFound as found:
        return None, [str(problem) for problem in found.problems]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_escape_is_refused_or_not_published(name: str, tmp_path: Path) -> None:
    """Each attempt either stops the build with a clear message or publishes nothing of
    the outside file."""
    project = copy_project(tmp_path / "project")
    source = ESCAPES[name].write(project, name, make_outside(tmp_path))
    sources, problems = load(project)
    if problems:
        for problem in problems:
            assert problem.startswith(f"{source}:"), problem
            line, field_name, message = problem.removeprefix(f"{source}:").split(": ", 2)
            assert int(line) >= 5
            assert field_name in {"image", "текст"}
            assert "«" in message
            assert MARKER not in message
        return
    (post,) = [post for post in sources.news.posts if post.source == source]
    news_root = (project / "news").resolve()
    for relpath in post.files:
        assert (project / source).parent.joinpath(relpath).resolve().is_relative_to(news_root)


def site_files(site: Path) -> Iterator[Path]:
    return (path for path in sorted(site.rglob("*")) if path.is_file())


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_escapes_publish_nothing_from_outside(tmp_path: Path) -> None:
    """The attempts the loader lets through build, and no built file holds the outside
    file's content; with all attempts the build stops and names every refused one."""
    outside = make_outside(tmp_path)
    project = copy_project(tmp_path / "project")
    refused = {}
    for name, escape in sorted(ESCAPES.items()):
        source = escape.write(project, name, outside)
        _, problems = load(project)
        if problems:
            refused[source] = problems
            shutil.rmtree((project / source).parent)
    assert refused, "every attempt passed"
    build = run_mkdocs(project, epoch=BUILD_EPOCH)
    assert build.returncode == 0, build.output
    for path in site_files(build.site):
        assert MARKER.encode() not in path.read_bytes(), path.relative_to(build.site)
        assert not path.resolve().is_relative_to(outside)

    # All attempts together: the build stops, every refused one is named, nothing is written.
    for name, escape in sorted(ESCAPES.items()):
        if f"news/2019/escape-{name}/index.md" in refused:
            escape.write(project, name, outside)
    shutil.rmtree(build.site)
    failed = run_mkdocs(project, epoch=BUILD_EPOCH)
    assert failed.returncode == 1, failed.output
    assert "Traceback" not in failed.output
    assert "Сайт не собран" in failed.output
    for problems in refused.values():
        for problem in problems:
            assert problem in failed.output
    assert not failed.site.exists() or MARKER.encode() not in b"".join(
        path.read_bytes() for path in site_files(failed.site)
    )


# Every post is accounted for

GENERATED = 300


@dataclass
class Generated:
    path: str
    status: str
    """published | draft | scheduled | broken."""
    url_path: str = ""
    control_chars: int = 0


def moscow_moment(day: date, clock: time | None) -> datetime:
    return datetime.combine(day, clock or time(), MOSCOW)


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


BROKEN = {
    "no title": lambda front: front.replace("title:", "titel:"),
    "impossible date": lambda front: re.sub(r"date: .*", "date: 2019-02-30", front),
    "date in words": lambda front: re.sub(r"date: .*", "date: вчера", front),
    "unknown category": lambda front: front.replace("category: branch", "category: Новости"),
    "unknown municipality": lambda front: front + "municipality: [Вяземскй]\n",
    "unknown activity": lambda front: front + "plan: [no-such-activity]\n",
    "draft in Russian": lambda front: front + "draft: да\n",
    "tab": lambda front: front + "tags:\n\t- школы\n",
    "unclosed quote": lambda front: front.replace("title: ", 'title: "', 1),
    "missing image": lambda front: front + "image: photo.jpg\n",
    "image outside": lambda front: front + "image: ../../../data/plan.yaml\n",
}
BROKEN_FILES = ("cp1251", "utf-16", "empty", "no front matter", "no body")
LAYOUTS = ("flat", "cyrillic", "folder", "nested", "upper", "spaces")


def generate_posts(news: Path, rng: random.Random) -> list[Generated]:
    """``GENERATED`` post files: a seeded mix of published, draft, scheduled and broken."""
    posts: list[Generated] = []
    flat_published: list[Generated] = []
    for number in range(GENERATED):
        status = rng.choices(["published", "draft", "scheduled", "broken"], [55, 12, 13, 20])[0]
        intended = rng.choice(["published", "draft", "scheduled"]) if status == "broken" else status
        clock = time(rng.randrange(24), rng.choice([0, 15, 30, 45])) if rng.random() < 0.5 else None
        if intended == "scheduled":
            day = random_day(rng, date(2020, 1, 1), date(2020, 12, 31))
            if rng.random() < 0.1:  # 03:01 in Moscow is 00:01 UTC: one minute after the build
                day, clock = date(2019, 12, 31), time(3, 1)
        else:
            day = random_day(rng, date(2019, 1, 1), date(2019, 12, 31))
            if day == date(2019, 12, 31) and clock is not None and clock >= time(3):
                clock = time(2, 59)  # still before the build time
        layout = rng.choice(LAYOUTS)
        slug = f"zapis-{number}"
        stamp = day.isoformat()
        path, url_slug = {
            "flat": (f"{day.year}/{stamp}-zapis-{number}.md", slug),
            "cyrillic": (f"{day.year}/{stamp}-запись-{number}.md", slug),
            "folder": (f"{day.year}/post-{number}/index.md", f"post-{number}"),
            "nested": (f"{day.year}/{day:%m}/deep/zapis-{number}.md", slug),
            "upper": (f"{day.year}/Zapis-{number}.MD", slug),
            "spaces": (f"{day.year}/запись номер {number}.md", f"zapis-nomer-{number}"),
        }[layout]
        written = f'"{stamp} {clock:%H:%M}"' if clock else stamp
        title = f"Запись номер {number}"
        control = 0
        if status != "broken" and rng.random() < 0.1:
            title, control = f"Запись\x0bномер\x07 {number}", 2
        front = f"title: {title}\ndate: {written}\ncategory: branch\n"
        if intended == "draft":
            front += "draft: true\n"
        if day.year == 2019 and rng.random() < 0.3:
            front += "plan: [thematic-lessons]\nmunicipality: [Вяземский район, smolensk]\n"
        body = f"Текст записи номер {number}.\n"
        data: bytes
        if status == "broken" and rng.random() < 0.3:
            kind = rng.choice(BROKEN_FILES)
            text = f"---\n{front}---\n\n{body}"
            data = {
                "cp1251": text.encode("cp1251"),
                "utf-16": text.encode("utf-16"),
                "empty": b"",
                "no front matter": body.encode(),
                "no body": f"---\n{front}---\n".encode(),
            }[kind]
        elif status == "broken" and flat_published and rng.random() < 0.1:
            # The same month and name as an earlier published post, in a later folder.
            original = flat_published.pop(rng.randrange(len(flat_published)))
            path = "zz-copy/" + original.path.removeprefix("news/")
            month = original.url_path.split("/")[2]
            data = f"---\ntitle: Копия\ndate: 2019-{month}-01\ncategory: branch\n---\n\n{body}"
            data = data.encode()
        else:
            if status == "broken":
                front = rng.choice(list(BROKEN.values()))(front)
            data = f"---\n{front}---\n\n{body}".encode()
        target = news / path
        assert not target.exists(), path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        url_path = f"news/{day.year}/{day:%m}/{url_slug}/"
        post = Generated(f"news/{path}", status, url_path, control)
        if status == "published" and layout == "flat":
            flat_published.append(post)
        posts.append(post)
    return posts


def count_of(posts: list[Generated], status: str) -> int:
    return sum(post.status == status for post in posts)


def test_every_post_is_accounted_for(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "news")
    posts = generate_posts(project / "news", random.Random(1))
    files = sorted(path for path in (project / "news").rglob("*") if path.is_file())
    assert len(files) == GENERATED == len(posts)
    broken = {post.path for post in posts if post.status == "broken"}
    assert 30 < len(broken) < 100

    sources, problems = load(project)
    assert sources is None
    flagged = {problem.split(":", 1)[0] for problem in problems}
    assert flagged == broken  # every broken file is named, no good file is

    for path in broken:
        (project / path).unlink()
    sources, problems = load(project)
    assert problems == []
    news = sources.news
    counts = {status: count_of(posts, status) for status in ("published", "draft", "scheduled")}
    assert len(news.published) == counts["published"]
    assert len(news.drafts) == counts["draft"]
    assert len(news.scheduled) == counts["scheduled"]
    total = len(news.published) + len(news.drafts) + len(news.scheduled) + len(flagged)
    assert total == GENERATED
    published = {post.url_path for post in posts if post.status == "published"}
    assert {post.url_path for post in news.published} == published

    build = run_mkdocs(project, epoch=BUILD_EPOCH)
    assert build.returncode == 0, build.output
    pages = sorted(build.site.glob("news/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
    assert len(pages) == len(published)
    assert {page.parent.relative_to(build.site).as_posix() + "/" for page in pages} == published
    removed = sum(post.control_chars for post in posts if post.status != "broken")
    assert removed > 0
    # The seeded mix, counted above from the generated files, as the editor reads it.
    assert (counts["published"], counts["draft"], counts["scheduled"], removed) == (159, 42, 35, 38)
    assert (
        "Новости: опубликовано 159 записей, черновиков 42, запланировано 35. "
        "Удалено управляющих 38 символов (вставлены из офисных документов)."
    ) in build.output, build.output
