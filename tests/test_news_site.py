"""News on the real site, built by `mkdocs build --strict`: post pages, listings, taxonomy
pages, the plan's reports, the home and press pages, feeds, drafts and scheduled posts.

One rich project (the shipped posts plus the posts written below: a Cyrillic file name, a
post with pictures and a document, a post on two activities, a draft, a scheduled post,
a post with markup and control characters in it, and enough old posts to page the lists and
cap the feeds) is built once. Expectations come from the posts' own front matter, read here
without the product's code, so the tests follow the shipped posts when editors change them.
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import lxml.etree
import pytest
import yaml
from bs4 import BeautifulSoup, SoupStrainer, Tag

from conftest import Build, copy_project, run_mkdocs
from pagefind_index import indexed_pages
from plansite.output import BODY_PLACEHOLDER
from plansite.site import BuildSettings, generate_site

MOSCOW = ZoneInfo("Europe/Moscow")
SITE = "https://press.example.org/smolensk/"
"""Served under a sub-path, so absolute URLs that forget it point at nothing."""
EPOCH = "1577836800"  # 2020-01-01 00:00 UTC = 03:00 in Moscow
EPOCH_LATER_SAME_POSTS = "1581724800"  # 2020-02-15 00:00 UTC: the same posts are published
EPOCH_SCHEDULED_DUE = "1590969600"  # 2020-06-01 00:00 UTC: the scheduled post is due
BUILD_TIME = datetime.fromtimestamp(int(EPOCH), tz=timezone.utc)
YEAR = 2019
PAGE_SIZE = 10
FEED_LIMIT = 30
MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
SCHEMA_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)
"""Another tiny picture: a file published under the wrong name would not match."""
PDF = b"%PDF-1.4\n% plansite test document\n%%EOF\n"

# --------------------------------------------------------------------------- the extra posts

MEETING_SRC = "news/2019/2019-06-05-встреча-с-главами.md"
MEETING_URL = "news/2019/06/vstrecha-s-glavami/"
MEETING_TITLE = "Встреча с главами поселений Вяземского района"
MEETING = f"""---
title: {MEETING_TITLE}
date: 2019-06-05
category: ЛУЧШИЕ ПРАКТИКИ муниципального управления
municipality: [Вяземский, Ельнинский район]
tags: [Встреча с главами, главы поселений]
summary: Главы поселений обсудили опыт соседей.
---

Главы поселений Вяземского района встретились с представителями отделения.

![Зал заседаний](vstrecha-zal.png)

Встреча прошла в районной администрации.
"""

MEMO_SRC = "news/2019/pamyatka/index.md"
MEMO_URL = "news/2019/06/pamyatka/"
MEMO_TITLE = "Памятка для глав поселений"
MEMO_FILES = {"foto.png": PNG, "img/schema.png": SCHEMA_PNG, "pamyatka.pdf": PDF}
MEMO = f"""---
title: {MEMO_TITLE}
date: "2019-06-10 18:30"
category: branch
municipality: Десногорск
plan: [public-events]
tags: [памятка, Встреча с главами]
summary: Отделение подготовило памятку для глав поселений.
image: foto.png
---

Отделение подготовило [памятку](pamyatka.pdf) для глав поселений; итоги — [ниже](#itogi).

![Схема работы](img/schema.png)

Памятку раздавали на [встрече с главами](../2019-06-05-встреча-с-главами.md).

## Итоги {{#itogi}}

Памятку получили все участники.
"""

TWO_SRC = "news/2019/2019-11-20-prezidium-i-uroki.md"
TWO_URL = "news/2019/11/prezidium-i-uroki/"
TWO_TITLE = "Заседание Президиума и уроки в Гагарине"
TWO_ACTIVITIES = ("presidium-meetings", "thematic-lessons")
TWO_FIRST_PARAGRAPH = "Первый абзац без поля summary: он и станет кратким содержанием записи."
TWO = f"""---
title: {TWO_TITLE}
date: 2019-11-20
category: branch
municipality: Гагаринский район
plan: [{", ".join(TWO_ACTIVITIES)}]
tags: [Президиум]
---

{TWO_FIRST_PARAGRAPH}

Второй абзац.
"""

DRAFT_SRC = "news/2019/2019-08-01-chernovik-poisk.md"
DRAFT_URL = "news/2019/08/chernovik-poisk/"
DRAFT_TITLE = "Заметка о поисковом отряде"
DRAFT = f"""---
title: {DRAFT_TITLE}
date: 2019-08-01
category: branch
municipality: Глинковский район
plan: [dolg-search-events]
tags: [черновая метка]
draft: true
---

Текст черновика, который никто не должен увидеть.
"""

SCHEDULED_SRC = "news/2020/2020-03-01-zaplanirovano.md"
SCHEDULED_URL = "news/2020/03/zaplanirovano/"
SCHEDULED_TITLE = "Запланированная новость о весне"
SCHEDULED = f"""---
title: {SCHEDULED_TITLE}
date: 2020-03-01
category: municipalities
municipality: Кардымовский
tags: [будущее]
---

Эта запись появится первого марта.
"""

NEW_YEAR_SRC = "news/2020/2020-01-01-novyj-god.md"
NEW_YEAR_URL = "news/2020/01/novyj-god/"
NEW_YEAR_TITLE = "С Новым годом!"
NEW_YEAR = f"""---
title: {NEW_YEAR_TITLE}
date: "2020-01-01 02:30"
category: branch
summary: Поздравление отделения.
---

Дата — 02:30 по Москве, раньше времени сборки (03:00 по Москве): запись опубликована.
"""

NASTY_SRC = "news/2019/2019-12-30-nasty.md"
NASTY_URL = "news/2019/12/nasty/"
NASTY_TITLE = "<script>alert(\"x\")</script> & «Q» 'один' <b>жирный</b>"
NASTY_SUMMARY = "Итоги & планы <i>года</i>."
NASTY_CONTROL_CHARS = 3
NASTY = (
    "---\n"
    "title: '<script>alert(\"x\")</script> & «Q» ''один''\x07 <b>жирный</b>'\n"
    "date: 2019-12-30\n"
    "category: municipalities\n"
    "summary: 'Итоги & планы <i>года</i>\x08.'\n"
    "---\n\n"
    "Текст с амперсандом & и <script>alert(1)</script> скриптом\x1b, "
    '"кавычками" и [ссылкой](https://example.org/?a=1&b=2).\n'
)

FILLER_COUNT = 21
"""Old posts: with them the lists run to several pages and the feeds are capped."""


def filler(number: int) -> str:
    municipalities = ["Дорогобужский"]
    if number <= 11:
        municipalities.append("Духовщинский район")
    if number <= 2:
        municipalities.append("Ельнинский")
    return f"""---
title: Архивная запись № {number}
date: 2018-01-{number:02d}
category: municipalities
municipality: [{", ".join(municipalities)}]
tags: [архив]
summary: Архивная заметка номер {number}.
---

Текст архивной записи номер {number}.
"""


EXTRA_POSTS = {
    MEETING_SRC: MEETING,
    MEMO_SRC: MEMO,
    TWO_SRC: TWO,
    DRAFT_SRC: DRAFT,
    SCHEDULED_SRC: SCHEDULED,
    NEW_YEAR_SRC: NEW_YEAR,
    NASTY_SRC: NASTY,
    **{f"news/2018/2018-01-{n:02d}-arhiv-{n}.md": filler(n) for n in range(1, FILLER_COUNT + 1)},
}
EXTRA_FILES = {
    "news/2019/vstrecha-zal.png": PNG,
    **{f"news/2019/pamyatka/{name}": content for name, content in MEMO_FILES.items()},
}


def add_extra_posts(project: Path) -> Path:
    for path, text in EXTRA_POSTS.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    for path, content in EXTRA_FILES.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_bytes(content)
    return project


def build(project: Path, epoch: str = EPOCH) -> Build:
    return run_mkdocs(project, epoch=epoch, PLANSITE_SITE_URL=SITE)


def copy_sources(project: Path, target: Path) -> Path:
    """Another copy of a project's sources (without its built site)."""
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("site", "__pycache__"))
    return target


# --------------------------------------------------------------------------- the oracle


def plural(count: int, one: str, few: str, many: str) -> str:
    """Russian plural, written out here: 1, 21 запись; 2–4, 22 записи; 5–20, 11–14 записей."""
    if count % 10 == 1 and count % 100 != 11:
        word = one
    elif 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        word = few
    else:
        word = many
    return f"{count} {word}"


def posts_count(count: int) -> str:
    return plural(count, "запись", "записи", "записей")


def russian_date(day: date) -> str:
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year} г."


def name_key(text: str) -> str:
    text = " ".join(text.lower().replace("ё", "е").split())
    text = re.sub(r"^город\s+", "", text)
    return re.sub(r"\s+район$", "", text)


@dataclass(frozen=True)
class Taxa:
    categories: dict[str, str]
    """Category id → name, in file order."""
    municipalities: dict[str, str]
    """Municipality id → name, in file order."""

    def category_id(self, text: str) -> str:
        for key, name in self.categories.items():
            if text.strip().lower() in (key, name.lower()):
                return key
        raise AssertionError(f"unknown category {text!r}")

    def municipality_id(self, text: str) -> str:
        for key, name in self.municipalities.items():
            if text.strip() == key or name_key(text) == name_key(name):
                return key
        raise AssertionError(f"unknown municipality {text!r}")


def read_taxa(project: Path) -> Taxa:
    def load(name: str) -> list[dict]:
        return yaml.safe_load((project / "data" / name).read_text(encoding="utf-8"))

    return Taxa(
        {item["id"]: item["name"] for item in load("categories.yaml")},
        {item["id"]: item["name"] for item in load("municipalities.yaml")},
    )


@dataclass(frozen=True)
class Expected:
    """A post as its front matter describes it."""

    source: str
    title: str
    published: datetime
    category: str
    municipalities: tuple[str, ...]
    activities: tuple[str, ...]
    tags: tuple[str, ...]
    summary: str
    image: str
    draft: bool

    def published_at(self, moment: datetime) -> bool:
        return not self.draft and self.published <= moment


def as_list(value: object) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in (value if isinstance(value, list) else [value])]


def read_post(project: Path, path: Path, taxa: Taxa) -> Expected:
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", path.read_text(encoding="utf-8"))
    _, head, _ = text.split("---\n", 2)
    meta = yaml.safe_load(head)
    when = meta["date"]
    if isinstance(when, datetime):
        published = when.replace(tzinfo=MOSCOW) if when.tzinfo is None else when
    elif isinstance(when, date):
        published = datetime(when.year, when.month, when.day, tzinfo=MOSCOW)
    else:
        published = datetime.fromisoformat(str(when)).replace(tzinfo=MOSCOW)
    return Expected(
        source=path.relative_to(project).as_posix(),
        title=" ".join(str(meta["title"]).split()),
        published=published.astimezone(MOSCOW),
        category=taxa.category_id(str(meta["category"])),
        municipalities=tuple(
            dict.fromkeys(taxa.municipality_id(m) for m in as_list(meta.get("municipality")))
        ),
        activities=tuple(as_list(meta.get("plan"))),
        tags=tuple(dict.fromkeys(" ".join(t.split()) for t in as_list(meta.get("tags")))),
        summary=" ".join(str(meta.get("summary") or "").split()),
        image=str(meta.get("image") or ""),
        draft=bool(meta.get("draft", False)),
    )


def read_posts(project: Path) -> list[Expected]:
    """Every post of a project, newest first (as the site orders them)."""
    taxa = read_taxa(project)
    paths = [
        path
        for path in (project / "news").rglob("*.md")
        if not any(part.startswith(".") for part in path.relative_to(project).parts)
    ]
    posts = [read_post(project, path, taxa) for path in paths]
    return sorted(posts, key=lambda post: (post.published, post.source), reverse=True)


def read_plan(project: Path) -> dict:
    return yaml.safe_load((project / "data" / "plan.yaml").read_text(encoding="utf-8"))


def plan_of(plan_data: dict, year: int) -> dict:
    return next(plan for plan in plan_data["plans"] if plan["year"] == year)


def activities_of(plan: dict) -> list[dict]:
    return [activity for section in plan["sections"] for activity in section["activities"]]


# --------------------------------------------------------------------------- HTML helpers


def words(element: Tag | str) -> str:
    value = element if isinstance(element, str) else element.get_text()
    return " ".join(value.split())


def soup_of(site: Build, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url_path), "lxml")


def article_of(site: Build, url_path: str) -> Tag:
    article = soup_of(site, url_path).find("article")
    assert article is not None, url_path
    return article


def resolve(url_path: str, href: str) -> str:
    """The site path a link on the page at ``url_path`` points at (no fragment)."""
    joined = urljoin("https://host.invalid/" + url_path, href)
    return unquote(urlsplit(joined).path).lstrip("/")


def exists(site: Build, path: str) -> bool:
    target = site.site / path
    if path == "" or path.endswith("/"):
        target = target / "index.html"
    return target.is_file()


def from_absolute(url: str) -> str:
    """The site path of an absolute URL of the site."""
    assert url.startswith(SITE), url
    return unquote(urlsplit(url).path).removeprefix(urlsplit(SITE).path)


def entry_links(article: Tag) -> list[Tag]:
    """The post links of a listing: the bold link that opens each entry."""
    return [
        strong.a
        for strong in article.find_all("strong")
        if strong.a is not None and strong.find_parent("li") is not None
    ]


def section_after(article: Tag, anchor: str) -> Tag | None:
    """The element right after the heading with id ``anchor``."""
    heading = article.find(id=anchor)
    assert heading is not None, anchor
    return heading.find_next_sibling()


def section_titles(article: Tag, anchor: str) -> list[str]:
    following = section_after(article, anchor)
    if following is None or following.name != "ul":
        return []
    return [words(link) for link in entry_links(following)]


@dataclass
class Listing:
    pages: list[str]
    titles: list[str]
    urls: dict[str, str]
    """Post title → site path of its page."""


def walk_listing(site: Build, base: str) -> Listing:
    """A paginated listing read from its first page, following «Раньше →»."""
    listing = Listing([], [], {})
    url: str | None = base
    while url is not None:
        assert url not in listing.pages, f"pager loops back to {url}"
        listing.pages.append(url)
        article = article_of(site, url)
        for link in entry_links(article):
            listing.titles.append(words(link))
            listing.urls[words(link)] = resolve(url, link["href"])
        older = [a for a in article.select("p.pager a") if "Раньше" in a.get_text()]
        url = resolve(url, older[0]["href"]) if older else None
    return listing


# --------------------------------------------------------------------------- fixtures


@dataclass(frozen=True)
class Rich:
    build: Build
    posts: list[Expected]
    """Every post, drafts and scheduled included, newest first."""
    published: list[Expected]
    taxa: Taxa
    plan: dict
    plan_data: dict
    urls: dict[str, str]
    """Title of every published post → the site path of its page (read from /news/)."""

    def post(self, source: str) -> Expected:
        return next(post for post in self.posts if post.source == source)

    def titles(self, posts: list[Expected] | Iterator[Expected]) -> list[str]:
        return [post.title for post in posts]


@pytest.fixture(scope="module")
def rich(tmp_path_factory: pytest.TempPathFactory) -> Rich:
    project = add_extra_posts(copy_project(tmp_path_factory.mktemp("rich") / "project"))
    result = build(project)
    assert result.returncode == 0, result.output
    posts = read_posts(project)
    published = [post for post in posts if post.published_at(BUILD_TIME)]
    plan_data = read_plan(project)
    urls = walk_listing(result, "news/").urls
    return Rich(
        result, posts, published, read_taxa(project), plan_of(plan_data, YEAR), plan_data, urls
    )


def rss_items(content: bytes) -> list[lxml.etree._Element]:
    return lxml.etree.fromstring(content).findall("channel/item")


def rss_item(content: bytes, url_path: str) -> lxml.etree._Element:
    items = [item for item in rss_items(content) if item.findtext("link") == SITE + url_path]
    assert len(items) == 1, url_path
    return items[0]


def atom_entries(content: bytes) -> list[lxml.etree._Element]:
    return lxml.etree.fromstring(content).findall("atom:entry", NS)


# =========================================================================== the build


def test_the_extra_posts_are_as_intended(rich):
    """Guards the oracle: the posts written here are read as the tests expect."""
    meeting = rich.post(MEETING_SRC)
    assert meeting.category == "best-practices"
    assert meeting.municipalities == ("vyazemsky", "yelninsky")
    assert rich.post(MEMO_SRC).published == datetime(2019, 6, 10, 18, 30, tzinfo=MOSCOW)
    assert rich.post(NASTY_SRC).title == NASTY_TITLE
    assert rich.post(NASTY_SRC).summary == NASTY_SUMMARY
    statuses = {post.source: post.published_at(BUILD_TIME) for post in rich.posts}
    assert statuses[NEW_YEAR_SRC] and not statuses[SCHEDULED_SRC] and not statuses[DRAFT_SRC]
    assert len(rich.published) > FEED_LIMIT > 2 * PAGE_SIZE


def test_build_prints_how_many_posts_were_published_held_and_scheduled(rich):
    drafts = sum(post.draft for post in rich.posts)
    scheduled = sum(not post.draft and post.published > BUILD_TIME for post in rich.posts)
    assert (drafts, scheduled) == (1, 1)
    assert (len(rich.published), NASTY_CONTROL_CHARS) == (38, 3)
    expected = (
        "Новости: опубликовано 38 записей, черновиков 1, запланировано 1. "
        "Удалено управляющих 3 символа (вставлены из офисных документов)."
    )
    lines = [line for line in rich.build.output.splitlines() if "Новости: опубликовано" in line]
    assert len(lines) == 1, rich.build.output
    news, pages = lines[0].split(" -  ", 1)[-1].strip().split(" Страниц собрано: ")
    assert news == expected
    rendered, reused = pages.removesuffix(".").split(", взято из кэша: ")
    assert int(rendered) > 0 and int(reused) >= 0  # a fresh project: its first build


# =========================================================================== addresses


@pytest.mark.parametrize(
    ("source", "url"),
    [
        (MEETING_SRC, MEETING_URL),  # Cyrillic file name, date stripped
        (MEMO_SRC, MEMO_URL),  # index.md: the folder's name
        (TWO_SRC, TWO_URL),
        (NEW_YEAR_SRC, NEW_YEAR_URL),  # title «С Новым годом!» plays no part
        (NASTY_SRC, NASTY_URL),
    ],
)
def test_post_address_comes_from_date_and_file_name(rich, source, url):
    post = rich.post(source)
    assert rich.urls[post.title] == url
    assert words(article_of(rich.build, url).find("h1")) == post.title


def test_every_post_page_is_at_news_year_month_slug(rich):
    for post in rich.published:
        url = rich.urls[post.title]
        assert re.fullmatch(rf"news/{post.published:%Y/%m}/[a-z0-9]+(?:-[a-z0-9]+)*/", url), url
        assert exists(rich.build, url)


@pytest.fixture(scope="module")
def retitled(rich: Rich, tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_sources(rich.build.project, tmp_path_factory.mktemp("retitled") / "project")
    source = project / MEETING_SRC
    source.write_text(
        source.read_text(encoding="utf-8").replace(MEETING_TITLE, RETITLED), encoding="utf-8"
    )
    result = build(project)
    assert result.returncode == 0, result.output
    return result


RETITLED = "Встреча с главами поселений (исправленный заголовок)"


def test_editing_a_title_changes_neither_the_address_nor_the_guid(rich, retitled):
    assert words(article_of(retitled, MEETING_URL).find("h1")) == RETITLED
    before = {
        item.findtext("guid"): item.findtext("title")
        for item in rss_items(rich.build.file("rss.xml"))
    }
    after = {
        item.findtext("guid"): item.findtext("title")
        for item in rss_items(retitled.file("rss.xml"))
    }
    assert before.keys() == after.keys()
    guid = SITE + MEETING_URL
    assert (before[guid], after[guid]) == (MEETING_TITLE, RETITLED)
    atom_ids = [
        [entry.findtext("atom:id", namespaces=NS) for entry in atom_entries(b.file("atom.xml"))]
        for b in (rich.build, retitled)
    ]
    assert atom_ids[0] == atom_ids[1]
    assert guid in atom_ids[1]
    before_pages, after_pages = (
        sorted(p.relative_to(b.site).as_posix() for p in (b.site / "news").rglob("index.html"))
        for b in (rich.build, retitled)
    )
    assert before_pages == after_pages


# =========================================================================== files of a post


def test_files_beside_a_post_are_published_with_it(rich):
    for name, content in MEMO_FILES.items():
        assert rich.build.file(MEMO_URL + name) == content, name
    assert rich.build.file(MEETING_URL + "vstrecha-zal.png") == PNG


@pytest.mark.parametrize("url", [MEMO_URL, MEETING_URL])
def test_links_and_pictures_of_a_post_work_on_its_page(rich, url):
    article = article_of(rich.build, url)
    local = [
        (element, element.get("href") or element.get("src"))
        for element in article.select(".post-body a[href], .post-body img[src], img.post-lead")
    ]
    assert local
    for element, reference in local:
        if reference.startswith(("http:", "https:", "mailto:")):
            continue
        if reference.startswith("#"):
            assert article.find(id=reference[1:]) is not None, reference
            continue
        assert exists(rich.build, resolve(url, reference)), (element, reference)


def test_memo_page_links_resolve_to_the_intended_files(rich):
    article = article_of(rich.build, MEMO_URL)
    body = article.select_one(".post-body")
    hrefs = {words(a): resolve(MEMO_URL, a["href"]) for a in body.find_all("a")}
    assert hrefs["памятку"] == MEMO_URL + "pamyatka.pdf"
    assert hrefs["встрече с главами"] == MEETING_URL
    assert [resolve(MEMO_URL, img["src"]) for img in body.find_all("img")] == [
        MEMO_URL + "img/schema.png"
    ]
    lead = article.select_one("img.post-lead")
    assert resolve(MEMO_URL, lead["src"]) == MEMO_URL + "foto.png"


def content_urls(html: str) -> list[str]:
    fragment = BeautifulSoup(html, "lxml")
    return [
        element.get(name)
        for element in fragment.find_all(True)
        for name in ("href", "src")
        if element.get(name)
    ]


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_feed_links_and_pictures_are_absolute_and_exist(rich, feed):
    parsed = feedparser.parse(rich.build.file(feed))
    checked = 0
    for entry in parsed.entries:
        for url in content_urls(entry.content[0].value):
            assert urlsplit(url).scheme in ("http", "https", "mailto"), (entry.link, url)
            if url.startswith(SITE):
                assert exists(rich.build, from_absolute(url.split("#")[0])), url
                checked += 1
    assert checked >= 5
    memo = next(entry for entry in parsed.entries if entry.link == SITE + MEMO_URL)
    urls = content_urls(memo.content[0].value)
    assert SITE + MEMO_URL + "img/schema.png" in urls
    assert SITE + MEMO_URL + "pamyatka.pdf" in urls
    assert SITE + MEETING_URL in urls
    assert SITE + MEMO_URL + "#itogi" in urls


# =========================================================================== drafts


def test_draft_is_left_out_of_the_build(rich):
    site = rich.build
    assert not (site.site / DRAFT_URL).exists()
    assert DRAFT_TITLE not in rich.urls
    for url in ("news/", "news/category/branch/", "news/2019/", "calendar/2019/08/", ""):
        assert DRAFT_TITLE not in site.page(url), url
    assert "Новостей о выполнении" in " ".join(site.page("plan/2019/dolg-search-events/").split())
    assert not exists(site, "news/tag/chernovaia-metka/")
    assert "черновая метка" not in site.page("news/tag/")
    for feed in ("rss.xml", "atom.xml", "news/category/branch/rss.xml"):
        assert DRAFT_TITLE.encode() not in site.file(feed), feed
    assert all(DRAFT_TITLE not in page["content"] for page in indexed_pages(site.site).values())
    assert "chernovik-poisk" not in site.file("sitemap.xml").decode()


@pytest.fixture(scope="module")
def preview(rich: Rich):
    return generate_site(BuildSettings(rich.build.project, SITE, BUILD_TIME, include_drafts=True))


def shown_text(page) -> str:
    """A generated page's Markdown with its ready-made HTML put in place, as the engine does."""
    return page.markdown.replace(BODY_PLACEHOLDER, page.body_html or "")


def test_draft_is_shown_in_preview_marked_as_a_draft(rich, preview):
    pages = {page.src: shown_text(page) for page in preview.pages}
    draft_page = pages[DRAFT_URL + "index.md"]
    assert DRAFT_TITLE in draft_page
    assert "Черновик" in draft_page
    listing = pages["news/index.md"]
    assert DRAFT_TITLE in listing
    entry = listing[listing.index(DRAFT_TITLE) :].split("</li>", 1)[0]
    assert "Черновик" in entry
    assert "Черновик" not in pages[MEMO_URL + "index.md"]
    assets = {asset.path: asset.content for asset in preview.assets}
    assert DRAFT_TITLE.encode() not in assets["rss.xml"]
    assert SCHEDULED_URL + "index.md" not in pages


def test_without_preview_the_draft_has_no_page(rich):
    content = generate_site(BuildSettings(rich.build.project, SITE, BUILD_TIME))
    sources = {page.src for page in content.pages}
    assert DRAFT_URL + "index.md" not in sources
    assert MEMO_URL + "index.md" in sources


# =========================================================================== scheduled posts


def test_scheduled_post_is_left_out_until_its_date(rich):
    site = rich.build
    assert not (site.site / SCHEDULED_URL).exists()
    assert SCHEDULED_TITLE not in rich.urls
    assert SCHEDULED_TITLE.encode() not in site.file("rss.xml")
    assert SCHEDULED_TITLE not in site.page("municipalities/kardymovsky/")
    assert not exists(site, "news/2020/03/")
    # 02:30 in Moscow is 23:30 UTC the day before: before the build time, so published.
    assert rich.urls[NEW_YEAR_TITLE] == NEW_YEAR_URL


@pytest.fixture(scope="module")
def later(rich: Rich, tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_sources(rich.build.project, tmp_path_factory.mktemp("later") / "project")
    result = build(project, EPOCH_SCHEDULED_DUE)
    assert result.returncode == 0, result.output
    return result


def test_a_later_build_publishes_the_scheduled_post(rich, later):
    assert words(article_of(later, SCHEDULED_URL).find("h1")) == SCHEDULED_TITLE
    assert walk_listing(later, "news/").titles[0] == SCHEDULED_TITLE
    assert rss_item(later.file("rss.xml"), SCHEDULED_URL).findtext("title") == SCHEDULED_TITLE
    assert SCHEDULED_TITLE in later.page("municipalities/kardymovsky/")
    assert len(rich.published) == 38
    assert "Новости: опубликовано 39 записей, черновиков 1, запланировано 0." in later.output


# =========================================================================== the post page


def byline(article: Tag) -> Tag:
    found = article.select_one(".post-byline")
    assert found is not None
    return found


def test_post_page_shows_title_russian_date_and_municipalities(rich):
    for post in rich.published:
        url = rich.urls[post.title]
        article = article_of(rich.build, url)
        assert words(article.find("h1")) == post.title, url
        line = words(byline(article))
        assert line.startswith(russian_date(post.published.date())), (url, line)
        assert rich.taxa.categories[post.category] in line, url
        municipality_links = {
            resolve(url, a["href"]): words(a)
            for a in byline(article).find_all("a")
            if resolve(url, a["href"]).startswith("municipalities/")
        }
        assert municipality_links == {
            f"municipalities/{m}/": rich.taxa.municipalities[m] for m in post.municipalities
        }, url
        for path in municipality_links:
            assert exists(rich.build, path)


def test_post_date_is_written_in_russian(rich):
    assert words(byline(article_of(rich.build, MEETING_URL))).startswith("5 июня 2019 г.")
    assert words(byline(article_of(rich.build, NEW_YEAR_URL))).startswith("1 января 2020 г.")
    assert words(byline(article_of(rich.build, TWO_URL))).startswith("20 ноября 2019 г.")


def test_post_page_links_its_category(rich):
    for post in (rich.post(MEMO_SRC), rich.post(MEETING_SRC)):
        url = rich.urls[post.title]
        links = [resolve(url, a["href"]) for a in byline(article_of(rich.build, url)).find_all("a")]
        assert f"news/category/{post.category}/" in links, url


def test_post_page_links_the_activities_it_reports_on(rich):
    activities = {a["id"]: a["title"] for a in activities_of(rich.plan)}
    for post in rich.published:
        if post.published.year != YEAR:
            continue
        url = rich.urls[post.title]
        article = article_of(rich.build, url)
        if not post.activities:
            assert article.find(id="plan") is None, url
            continue
        links = section_after(article, "plan").find_all("a")
        assert [resolve(url, a["href"]) for a in links] == [
            f"plan/{YEAR}/{activity}/" for activity in post.activities
        ], url
        assert [words(a) for a in links] == [activities[a] for a in post.activities]
    two = section_after(article_of(rich.build, TWO_URL), "plan").find_all("a")
    assert [resolve(TWO_URL, a["href"]) for a in two] == [
        f"plan/{YEAR}/{activity}/" for activity in TWO_ACTIVITIES
    ]


def test_post_page_links_its_tags(rich):
    for post in rich.published:
        url = rich.urls[post.title]
        tags = article_of(rich.build, url).select_one(".post-tags")
        if not post.tags:
            assert tags is None, url
            continue
        links = tags.find_all("a")
        assert [words(a) for a in links] == list(post.tags), url
        for link in links:
            target = resolve(url, link["href"])
            assert re.fullmatch(r"news/tag/[a-z0-9-]+/", target), target
            assert exists(rich.build, target)
    memo_tags = article_of(rich.build, MEMO_URL).select_one(".post-tags").find_all("a")
    assert resolve(MEMO_URL, memo_tags[1]["href"]) == "news/tag/vstrecha-s-glavami/"


def test_post_page_shows_the_lead_picture(rich):
    for post in rich.published:
        url = rich.urls[post.title]
        lead = article_of(rich.build, url).select_one("img.post-lead")
        if not post.image:
            assert lead is None, url
            continue
        assert resolve(url, lead["src"]) == url + post.image
        source = rich.build.project / Path(post.source).parent / post.image
        assert rich.build.file(url + post.image) == source.read_bytes()


def test_post_page_links_the_newer_and_the_older_post(rich):
    order = rich.published
    for position, post in enumerate(order):
        url = rich.urls[post.title]
        neighbours = article_of(rich.build, url).select_one(".post-neighbours")
        links = {words(a.previous_sibling or "").rstrip(":"): a for a in neighbours.find_all("a")}
        expected = {}
        if position > 0:
            expected["Новее"] = order[position - 1]
        if position + 1 < len(order):
            expected["Раньше"] = order[position + 1]
        assert {key.split()[-1] for key in links} == set(expected), url
        for key, link in links.items():
            other = expected[key.split()[-1]]
            assert words(link) == other.title
            assert resolve(url, link["href"]) == rich.urls[other.title]


# =========================================================================== /news/


def test_news_is_newest_first_across_its_pages(rich):
    listing = walk_listing(rich.build, "news/")
    assert listing.titles == rich.titles(rich.published)
    pages = -(-len(rich.published) // PAGE_SIZE)
    assert pages >= 4
    assert listing.pages == ["news/"] + [f"news/page/{n}/" for n in range(2, pages + 1)]
    assert not exists(rich.build, f"news/page/{pages + 1}/")
    for url in listing.pages[:-1]:
        assert len(entry_links(article_of(rich.build, url))) == PAGE_SIZE


def test_news_pages_link_to_each_other(rich):
    pages = walk_listing(rich.build, "news/").pages
    for url in pages:
        pager = article_of(rich.build, url).select_one("p.pager")
        targets = {resolve(url, a["href"]) for a in pager.find_all("a")}
        assert targets == set(pages) - {url}, url


def test_news_entries_have_dates_summaries_and_pictures(rich):
    listing = walk_listing(rich.build, "news/")
    checked_pictures = 0
    for url in listing.pages:
        for link in entry_links(article_of(rich.build, url)):
            post = next(p for p in rich.published if p.title == words(link))
            entry = link.find_parent("li")
            text = words(entry)
            assert russian_date(post.published.date()) in text
            assert rich.taxa.categories[post.category] in text
            assert (post.summary or TWO_FIRST_PARAGRAPH) in text, post.source
            thumb = entry.select_one("img.post-thumb")
            if post.image:
                picture = resolve(url, thumb["src"])
                assert picture.startswith(rich.urls[post.title]), picture
                assert exists(rich.build, picture)
                checked_pictures += 1
            else:
                assert thumb is None
    assert checked_pictures >= 2


# =========================================================================== taxonomy pages


def test_category_pages_list_their_posts(rich):
    for category, name in rich.taxa.categories.items():
        base = f"news/category/{category}/"
        listing = walk_listing(rich.build, base)
        expected = [post for post in rich.published if post.category == category]
        assert listing.titles == rich.titles(expected), category
        article = article_of(rich.build, base)
        assert words(article.find("h1")) == name
        assert posts_count(len(expected)) in words(article)
    assert MEETING_TITLE in walk_listing(rich.build, "news/category/best-practices/").titles


def test_municipalities_page_lists_all_27_with_counts(rich):
    article = article_of(rich.build, "municipalities/")
    rows = article.select("tbody tr")
    assert len(rows) == len(rich.taxa.municipalities) == 27
    counts = []
    # «город Смоленск» first, the other urban districts next, then the municipal districts.
    listed = sorted(
        rich.taxa.municipalities.items(),
        key=lambda item: (item[0] != "smolensk", not item[1].startswith("город ")),
    )
    assert listed[0] == ("smolensk", "город Смоленск")
    for row, (key, name) in zip(rows, listed, strict=True):
        link, kind, count = row.find_all("td")
        assert words(link) == name
        urban = name.startswith("город ")
        assert words(kind) == ("городской округ" if urban else "муниципальный район"), name
        assert resolve("municipalities/", link.a["href"]) == f"municipalities/{key}/"
        assert exists(rich.build, f"municipalities/{key}/")
        expected = sum(key in post.municipalities for post in rich.published)
        assert words(count) == posts_count(expected), name
        counts.append(expected)
    # The fillers make every plural form appear, including the tricky 11 and 21.
    assert {0, 1, 3, 11, 21} <= set(counts)
    cells = {words(row.find_all("td")[0]): words(row.find_all("td")[2]) for row in rows}
    assert cells["Дорогобужский район"] == "21 запись"
    assert cells["Духовщинский район"] == "11 записей"
    assert cells["Ельнинский район"] == "3 записи"
    assert cells["Глинковский район"] == "0 записей"  # only the draft names it


def test_municipality_pages_list_their_posts(rich):
    for key, name in rich.taxa.municipalities.items():
        listing = walk_listing(rich.build, f"municipalities/{key}/")
        expected = [post for post in rich.published if key in post.municipalities]
        assert listing.titles == rich.titles(expected), key
        assert words(article_of(rich.build, f"municipalities/{key}/").find("h1")) == name
    assert len(walk_listing(rich.build, "municipalities/dorogobuzhsky/").pages) == 1  # archive


def test_tag_pages_list_their_posts(rich):
    tags: dict[str, list[Expected]] = {}
    for post in rich.published:
        for tag in post.tags:
            tags.setdefault(tag, []).append(post)
    index = article_of(rich.build, "news/tag/")
    index_links = {words(a): resolve("news/tag/", a["href"]) for a in index.find_all("a")}
    assert set(index_links) == set(tags)
    for tag, posts in tags.items():
        base = index_links[tag]
        listing = walk_listing(rich.build, base)
        assert listing.titles == rich.titles(posts), tag
        assert words(article_of(rich.build, base).find("h1")) == f"Метка «{tag}»"
    assert walk_listing(rich.build, "news/tag/vstrecha-s-glavami/").titles == [
        MEMO_TITLE,
        MEETING_TITLE,
    ]


def test_year_archives_list_the_years_posts(rich):
    years = sorted({post.published.year for post in rich.published})
    assert years == [2018, 2019, 2020]
    for year in years:
        listing = walk_listing(rich.build, f"news/{year}/")
        expected = [post for post in rich.published if post.published.year == year]
        assert listing.titles == rich.titles(expected), year
    assert not exists(rich.build, "news/2021/")


# =========================================================================== the plan


def reports_of(rich: Rich, activity: str) -> list[Expected]:
    return [
        post
        for post in rich.published
        if post.published.year == YEAR and activity in post.activities
    ]


def test_activity_pages_list_the_posts_reporting_on_them(rich):
    for activity in activities_of(rich.plan):
        url = f"plan/{YEAR}/{activity['id']}/"
        article = article_of(rich.build, url)
        expected = reports_of(rich, activity["id"])
        assert section_titles(article, "reports") == rich.titles(expected), activity["id"]
        for link in entry_links(section_after(article, "reports")):
            assert resolve(url, link["href"]) == rich.urls[words(link)]
    for activity in TWO_ACTIVITIES:
        article = article_of(rich.build, f"plan/{YEAR}/{activity}/")
        assert TWO_TITLE in section_titles(article, "reports")


def test_month_pages_list_the_months_posts(rich):
    for month in range(1, 13):
        url = f"calendar/{YEAR}/{month:02d}/"
        expected = [
            post
            for post in rich.published
            if (post.published.year, post.published.month) == (YEAR, month)
        ]
        assert section_titles(article_of(rich.build, url), "news") == rich.titles(expected), url
    assert MEMO_TITLE in section_titles(article_of(rich.build, "calendar/2019/06/"), "news")


def report_entries(article: Tag) -> dict[str, Tag]:
    """Activity path → its entry (``li``) on the report page."""
    entries = {}
    for item in article.find_all("li"):
        first = item.find("a")
        if first is not None and first.find_parent("strong") is not None:
            entries[resolve(f"plan/{YEAR}/report/", first["href"])] = item
    return entries


def test_report_lists_every_activity_with_its_period_and_reports(rich):
    url = f"plan/{YEAR}/report/"
    article = article_of(rich.build, url)
    entries = report_entries(article)
    assert list(entries) == [f"plan/{YEAR}/{a['id']}/" for a in activities_of(rich.plan)]
    for activity in activities_of(rich.plan):
        item = entries[f"plan/{YEAR}/{activity['id']}/"]
        text = words(item)
        assert text.startswith(f"{words(activity['title'])} Срок: {activity['when']}"), text
        reports = reports_of(rich, activity["id"])
        if not reports:
            assert text.endswith("Отчётов нет"), text
            continue
        assert "Отчётов нет" not in text
        count = plural(len(reports), "отчёт", "отчёта", "отчётов")
        latest = russian_date(reports[0].published.date())
        assert f"{count}, последний — {latest}" in text, text
        links = item.find_all("a")[1:]
        assert [words(a) for a in links] == rich.titles(reports)
        assert [resolve(url, a["href"]) for a in links] == [rich.urls[p.title] for p in reports]
    two = words(entries[f"plan/{YEAR}/thematic-lessons/"])
    assert "2 отчёта, последний — 20 ноября 2019 г." in two
    assert "1 отчёт, последний — 20 ноября 2019 г." in words(
        entries[f"plan/{YEAR}/presidium-meetings/"]
    )
    assert words(entries[f"plan/{YEAR}/dolg-search-events/"]).endswith("Отчётов нет")


def test_report_sections_follow_the_plan(rich):
    article = article_of(rich.build, f"plan/{YEAR}/report/")
    assert [h.get("id") for h in article.find_all("h2")] == [
        section["id"] for section in rich.plan["sections"]
    ]


def reported_count(rich: Rich) -> tuple[int, int]:
    activities = [a["id"] for a in activities_of(rich.plan)]
    reported = {
        a for post in rich.published if post.published.year == YEAR for a in post.activities
    }
    return len(reported & set(activities)), len(activities)


def test_report_summary_counts_the_reported_activities(rich):
    reported, total = reported_count(rich)
    summary = words(article_of(rich.build, f"plan/{YEAR}/report/").select_one(".report-summary"))
    assert re.match(rf"Есть отчёты по {reported} из {total}\b", summary), summary


def test_report_summary_is_grammatical(rich):
    reported, total = reported_count(rich)
    noun = "мероприятия" if total % 10 == 1 and total % 100 != 11 else "мероприятий"
    summary = words(article_of(rich.build, f"plan/{YEAR}/report/").select_one(".report-summary"))
    assert summary.startswith(f"Есть отчёты по {reported} из {total} {noun} плана")


# =========================================================================== home page


def test_home_page_shows_the_latest_posts(rich):
    article = article_of(rich.build, "")
    titles = section_titles(article, "news")
    assert len(titles) >= 3
    assert titles == rich.titles(rich.published[: len(titles)])
    for link in entry_links(section_after(article, "news")):
        assert resolve("", link["href"]) == rich.urls[words(link)]
    all_news = [a for a in article.find_all("a") if words(a) == "Все новости"]
    assert [resolve("", a["href"]) for a in all_news] == ["news/"]


# =========================================================================== feeds


def all_feeds(rich: Rich) -> list[str]:
    return ["rss.xml", "atom.xml"] + [
        f"news/category/{category}/rss.xml" for category in rich.taxa.categories
    ]


def test_every_feed_parses_cleanly(rich):
    for feed in all_feeds(rich):
        content = rich.build.file(feed)
        lxml.etree.fromstring(content)  # well-formed XML
        parsed = feedparser.parse(content)
        assert parsed.bozo == 0, (feed, parsed.get("bozo_exception"))
        assert parsed.entries, feed
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", content), feed


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml"])
def test_feeds_hold_the_newest_30_posts(rich, feed):
    parsed = feedparser.parse(rich.build.file(feed))
    newest = rich.published[:FEED_LIMIT]
    assert [entry.title for entry in parsed.entries] == rich.titles(newest)
    assert [entry.link for entry in parsed.entries] == [SITE + rich.urls[p.title] for p in newest]


def test_rss_items_carry_summary_full_content_category_and_guid(rich):
    content = rich.build.file("rss.xml")
    for item, post in zip(rss_items(content), rich.published, strict=False):
        url = SITE + rich.urls[post.title]
        guid = item.find("guid")
        assert (guid.text, guid.get("isPermaLink")) == (url, "true")
        expected = html.escape(post.summary or TWO_FIRST_PARAGRAPH)  # RSS description is HTML
        assert item.findtext("description") == expected
        categories = [element.text for element in item.findall("category")]
        assert categories[0] == rich.taxa.categories[post.category]
        assert categories[1:] == list(post.tags)
        body = BeautifulSoup(item.findtext("content:encoded", namespaces=NS), "lxml")
        page_body = article_of(rich.build, rich.urls[post.title]).select_one(".post-body")
        assert words(body) == words(page_body), post.source


def test_rss_dates_are_rfc822_in_moscow_time(rich):
    content = rich.build.file("rss.xml")
    for item, post in zip(rss_items(content), rich.published, strict=False):
        expected = post.published.strftime("%a, %d %b %Y %H:%M:%S +0300")
        assert item.findtext("pubDate") == expected
    # A date-only post stays on its own day, at Moscow midnight.
    meeting = rss_item(content, MEETING_URL).findtext("pubDate")
    assert meeting == "Wed, 05 Jun 2019 00:00:00 +0300"
    assert rss_item(content, MEMO_URL).findtext("pubDate") == "Mon, 10 Jun 2019 18:30:00 +0300"
    published = {
        entry.findtext("atom:id", namespaces=NS): entry.findtext("atom:updated", namespaces=NS)
        for entry in atom_entries(rich.build.file("atom.xml"))
    }
    assert published[SITE + MEETING_URL] == "2019-06-05T00:00:00+03:00"
    assert published[SITE + MEMO_URL] == "2019-06-10T18:30:00+03:00"


def test_feed_channels_describe_themselves(rich):
    rss = lxml.etree.fromstring(rich.build.file("rss.xml")).find("channel")
    assert rss.findtext("language") == "ru"
    self_links = rss.findall("atom:link[@rel='self']", NS)
    assert [link.get("href") for link in self_links] == [SITE + "rss.xml"]
    assert rss.findtext("link") == SITE + "news/"
    newest = rich.published[0]
    assert newest.source == NEW_YEAR_SRC
    assert rss.findtext("lastBuildDate") == "Wed, 01 Jan 2020 02:30:00 +0300"
    atom = lxml.etree.fromstring(rich.build.file("atom.xml"))
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert atom.findtext("atom:updated", namespaces=NS) == "2020-01-01T02:30:00+03:00"
    links = {link.get("rel"): link.get("href") for link in atom.findall("atom:link", NS)}
    assert links["self"] == SITE + "atom.xml"


def test_enclosure_is_the_lead_picture_with_its_real_length_and_type(rich):
    content = rich.build.file("rss.xml")
    with_image = [post for post in rich.published[:FEED_LIMIT] if post.image]
    assert rich.post(MEMO_SRC) in with_image
    for post in with_image:
        enclosure = rss_item(content, rich.urls[post.title]).find("enclosure")
        url = SITE + rich.urls[post.title] + post.image
        assert enclosure.get("url") == url
        built = rich.build.file(from_absolute(url))
        assert int(enclosure.get("length")) == len(built)
        assert enclosure.get("type") == "image/png"
    memo = rss_item(content, MEMO_URL).find("enclosure")
    assert int(memo.get("length")) == len(PNG)
    for post in rich.published[:FEED_LIMIT]:
        if not post.image:
            assert rss_item(content, rich.urls[post.title]).find("enclosure") is None
    entry = next(
        e
        for e in atom_entries(rich.build.file("atom.xml"))
        if e.findtext("atom:id", namespaces=NS) == SITE + MEMO_URL
    )
    enclosures = entry.findall("atom:link[@rel='enclosure']", NS)
    assert [(e.get("href"), e.get("type"), e.get("length")) for e in enclosures] == [
        (SITE + MEMO_URL + "foto.png", "image/png", str(len(PNG)))
    ]


def test_category_feeds_hold_only_their_posts(rich):
    for category, name in rich.taxa.categories.items():
        path = f"news/category/{category}/rss.xml"
        parsed = feedparser.parse(rich.build.file(path))
        expected = [post for post in rich.published if post.category == category][:FEED_LIMIT]
        assert [entry.title for entry in parsed.entries] == rich.titles(expected), category
        for entry in parsed.entries:
            assert entry.tags[0].term == name
        channel = lxml.etree.fromstring(rich.build.file(path)).find("channel")
        assert channel.findtext("link") == SITE + f"news/category/{category}/"
        assert channel.find("atom:link[@rel='self']", NS).get("href") == SITE + path
        assert channel.findtext("language") == "ru"


@pytest.fixture(scope="module")
def same_posts_later(rich: Rich, tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_sources(rich.build.project, tmp_path_factory.mktemp("same") / "project")
    result = build(project, EPOCH_LATER_SAME_POSTS)
    assert result.returncode == 0, result.output
    return result


def test_feeds_do_not_depend_on_the_build_time(rich, same_posts_later):
    for feed in all_feeds(rich):
        assert same_posts_later.file(feed) == rich.build.file(feed), feed


# =========================================================================== discovery, press


HEAD_LINKS = SoupStrainer("link")


OWN_FEEDS = (
    (re.compile(r"^(news/category/[^/]+/)(page/\d+/)?$"), ("rss.xml", "atom.xml")),
    (re.compile(r"^(municipalities/[^/]+/)$"), ("rss.xml",)),
    (re.compile(r"^(news/tag/[^/]+/)$"), ("rss.xml",)),
)
"""Listings that announce their own feeds, and which; every other page the site's."""


def announced_feeds(url: str) -> list[str]:
    for pattern, names in OWN_FEEDS:
        match = pattern.match(url)
        if match:
            return [match[1] + name for name in names]
    return ["rss.xml", "atom.xml"]


def test_every_page_announces_its_feeds(rich):
    pages = sorted(rich.build.site.rglob("*.html"))
    assert len(pages) > 100
    own = 0
    for page in pages:
        url = page.relative_to(rich.build.site).as_posix().removesuffix("index.html")
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml", parse_only=HEAD_LINKS)
        links = [
            link["href"]
            for link in head.find_all("link", rel="alternate")
            if link.get("type") in ("application/rss+xml", "application/atom+xml")
        ]
        if page.name == "404.html":
            assert len(links) == 2  # served at any depth: its links are written for the root
            continue
        expected = announced_feeds(url)
        assert [resolve(url, href) for href in links] == expected, url
        own += expected[0] != "rss.xml"
        for path in expected:
            assert (rich.build.site / path).is_file(), path
    assert own > 10


def test_press_page_lists_the_feeds_the_calendar_and_the_contact(rich):
    url = "press/"
    article = article_of(rich.build, url)
    targets = {resolve(url, a["href"]): words(a) for a in article.find_all("a", href=True)}
    expected = {"rss.xml", "atom.xml", "calendar.ics"} | {
        f"news/category/{category}/rss.xml" for category in rich.taxa.categories
    }
    assert expected <= set(targets)
    for path in expected:
        assert (rich.build.site / path).is_file(), path
    text = words(article)
    for name in rich.taxa.categories.values():
        assert name in text
    assert words(rich.plan_data["organization"]["press_contact"]) in text
    assert "Подписаться" in text and "Добавить по URL" in text
    assert any(a["href"].startswith("webcal://") for a in article.find_all("a", href=True))
    assert "адрес ленты" in text
    home = soup_of(rich.build, "")
    assert "press/" in {resolve("", a["href"]) for a in home.find_all("a") if words(a) == "Для СМИ"}


# =========================================================================== pasted markup


def executable_scripts(soup: BeautifulSoup) -> list[Tag]:
    """Scripts a browser runs (JSON-LD and other data blocks are not run)."""
    return [
        script
        for script in soup.find_all("script")
        if script.get("type", "text/javascript") in ("text/javascript", "module")
    ]


def test_a_title_with_markup_is_text_on_its_page(rich):
    soup = soup_of(rich.build, NASTY_URL)
    assert words(soup.find("article").find("h1")) == NASTY_TITLE
    assert soup.title.get_text().startswith(NASTY_TITLE + " — ")
    assert soup.find("b", string="жирный") is None
    assert all("alert" not in script.get_text() for script in executable_scripts(soup))
    for name in ("og:title", "twitter:title"):
        meta = soup.find("meta", attrs={"property": name}) or soup.find(
            "meta", attrs={"name": name}
        )
        if meta is not None:
            assert meta["content"] == NASTY_TITLE, name
    for data in soup.find_all("script", type="application/ld+json"):
        assert "</" not in data.string
        assert json.loads(data.string)["headline"] == NASTY_TITLE
    body = soup.select_one(".post-body")
    assert "Текст с амперсандом & и" in words(body)
    assert words(body).count('скриптом, "кавычками"') == 1


@pytest.mark.parametrize(
    "url", ["news/", "news/2019/", "news/category/municipalities/", "", "calendar/2019/12/"]
)
def test_a_title_with_markup_is_text_in_listings(rich, url):
    soup = soup_of(rich.build, url)
    article = soup.find("article")
    titles = [words(link) for link in entry_links(article)]
    assert NASTY_TITLE in titles, url
    assert all("alert" not in script.get_text() for script in executable_scripts(soup))
    assert article.find("b", string="жирный") is None
    if url != "news/2019/":  # year archives list titles and dates only
        assert NASTY_SUMMARY in words(article)
    assert article.find("i", string="года") is None


def test_a_title_with_markup_is_text_in_the_neighbours_links(rich):
    position = rich.titles(rich.published).index(NASTY_TITLE)
    for other in (rich.published[position - 1], rich.published[position + 1]):
        neighbours = article_of(rich.build, rich.urls[other.title]).select_one(".post-neighbours")
        assert NASTY_TITLE in [words(a) for a in neighbours.find_all("a")]


def test_a_title_with_markup_is_text_in_every_feed(rich):
    for feed in ("rss.xml", "atom.xml", "news/category/municipalities/rss.xml"):
        parsed = feedparser.parse(rich.build.file(feed))
        entry = next(e for e in parsed.entries if e.link == SITE + NASTY_URL)
        assert entry.title == NASTY_TITLE, feed
        assert entry.title_detail.type == "text/plain", feed
        summary = entry.summary_detail
        # RSS descriptions are HTML (escaped text); Atom summaries are plain text.
        if summary.type == "text/html":
            assert "<" not in summary.value, feed  # no markup a reader would render
            assert html.unescape(summary.value) == NASTY_SUMMARY, feed
        else:
            assert summary.value == NASTY_SUMMARY, feed
        content = BeautifulSoup(entry.content[0].value, "lxml")
        assert content.find("script") is None
        assert "Текст с амперсандом & и" in words(content)
    item = rss_item(rich.build.file("rss.xml"), NASTY_URL)
    assert item.findtext("title") == NASTY_TITLE


def test_a_title_with_markup_is_text_in_the_search_index(rich):
    (page,) = [page for url, page in indexed_pages(rich.build.site).items() if url == NASTY_URL]
    assert page["meta"]["title"] == NASTY_TITLE  # the text a reader saw, shown as text


# =========================================================================== broken posts


BAD_POSTS = [
    pytest.param(
        "---\ntitle: Урок\ndate: 2019-04-19\ncategory: Деятельность отдела\n---\n\nТекст.\n",
        4,
        "category",
        "неизвестная категория «Деятельность отдела»",
        id="unknown-category",
    ),
    pytest.param(
        "---\ntitle: Урок\ndate: 2019-04-31\ncategory: branch\n---\n\nТекст.\n",
        3,
        "date",
        "такой даты нет: 2019-04-31",
        id="impossible-date",
    ),
    pytest.param(
        "---\ntitle: Урок\ndate: 2019-04-19\ncategory: branch\nplan:\n  - thematic-lessons\n"
        "  - thematic-lesson\n---\n\nТекст.\n",
        7,
        "plan[1]",
        "нет мероприятия «thematic-lesson»",
        id="unknown-activity",
    ),
    pytest.param(
        "---\ntitle: Урок\ndate: 2019-04-19\ncategory: branch\nimage: photo.png\n---\n\nТекст.\n",
        5,
        "image",
        "файл «photo.png» не найден",
        id="missing-image",
    ),
]


@pytest.mark.parametrize(("text", "line", "field", "message"), BAD_POSTS)
def test_a_broken_post_stops_the_build_with_a_russian_message(project, text, line, field, message):
    (project / "news" / "2019" / "2019-04-20-bad.md").write_text(text, encoding="utf-8")
    result = build(project)
    assert result.returncode == 1, result.output
    assert "Traceback" not in result.output
    expected = f"news/2019/2019-04-20-bad.md:{line}: {field}: "
    lines = [text for text in result.output.splitlines() if expected in text]
    assert len(lines) == 1, result.output
    assert message in lines[0], lines[0]
    assert "Сайт не собран: 1 ошибка" in result.output
    assert not (project / "site" / "news").exists()
