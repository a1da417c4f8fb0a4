"""Link previews and structured data in the built HTML: Open Graph, Twitter cards, JSON-LD.

When a page is shared in VK, Telegram or Odnoklassniki, or found by a search engine, the
preview comes from ``<meta property="og:…">``, ``<meta name="twitter:…">`` and the JSON-LD
in ``<script type="application/ld+json">``. The project is built with the real
``mkdocs build --strict`` at 2020-01-01, when every shipped post is published, with a dated
event added to the thematic lessons and a post whose title is full of markup and quotes.
The same project is built a second time for another public address (``PLANSITE_SITE_URL``):
nothing but absolute URLs may differ between the two builds.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import Build, copy_project, run_mkdocs

EPOCH = "1577836800"  # 2020-01-01 00:00 UTC: every shipped post is published
SITE_URL = "https://vsms-smolensk.test/"
MIRROR_URL = "https://mirror.example.org"  # given without the final slash on purpose
MIRROR_SITE_URL = MIRROR_URL + "/"
SITE_NAME = "Смоленское РО ВСМС"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CARD = "assets/card.png"

SEMINAR = "news/2019/09/seminar/"
SEMINAR_TITLE = "Семинар-совещание Смоленского регионального отделения ВСМС"
SEMINAR_PICTURE = SEMINAR + "seminar.png"
BRANCH = "Деятельность отделения"
LESSONS = "plan/2019/thematic-lessons/"
LESSONS_TITLE = (
    "Проведение тематических уроков посвященных Дню местного самоуправления "
    "в общеобразовательных учреждениях Смоленской области"
)
EVENT_TITLE = "Тематический урок в Вяземской школе № 1"
EVENT_PLACE = "Вязьма, средняя школа № 1"
EVENT_PLAN_LINES = (
    "            events:\n"
    "              - date: 2019-04-19\n"
    '                time: "10:00"\n'
    f"                title: {EVENT_TITLE}\n"
    f"                place: {EVENT_PLACE}\n"
)

# A post whose title and summary would break the page if anything printed them unescaped.
MARKUP_TITLE = '<script>alert("og")</script> «Кавычки» & "двойные" \'одинарные\' </script><b>жирный'
MARKUP_SUMMARY = 'Описание с "кавычками", <script>alert(1)</script> & амперсандом.'
MARKUP_POST = "news/2019/06/proverka-ekranirovaniya/"
MARKUP_SOURCE = f"""---
title: '{MARKUP_TITLE.replace("'", "''")}'
date: 2019-06-01
category: branch
summary: '{MARKUP_SUMMARY}'
---

Запись для проверки экранирования заголовка в карточках ссылок.
"""

# A hand-written page of the editors (docs/), with quotes and markup in its description.
HANDWRITTEN = "kontakty/"
HANDWRITTEN_DESCRIPTION = 'Как связаться с отделением: «Приёмная» и "горячая линия" <b>8-800</b>'
HANDWRITTEN_SOURCE = f"""---
title: Контакты
description: '{HANDWRITTEN_DESCRIPTION}'
---

# Контакты

Приёмная отделения.
"""

# (page, site-relative path, og:type, the picture the preview must show)
PAGES = {
    "home": ("", "website", CARD),
    "plan": ("plan/2019/", "website", CARD),
    "post": (SEMINAR, "article", SEMINAR_PICTURE),
    "activity": (LESSONS, "website", CARD),
    "press": ("press/", "website", CARD),
}
SHARE_TARGETS = {
    "ВКонтакте": ("vk.com", "/share.php"),
    "Telegram": ("t.me", "/share/url"),
    "Одноклассники": ("connect.ok.ru", "/offer"),
}
SOCIAL_HOSTS = (
    "vk.com",
    "vk.ru",
    "vkontakte.ru",
    "t.me",
    "telegram.org",
    "ok.ru",
    "odnoklassniki.ru",
)
FRONT_MATTER_DATE = re.compile(r"^date: \"?(\d{4}-\d{2}-\d{2})", re.MULTILINE)
DRAFT = re.compile(r"^draft:\s*true\s*$", re.MULTILINE | re.IGNORECASE)
MOSCOW_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+03:00$")


@dataclass(frozen=True)
class Builds:
    main: Build
    mirror: Build


def prepare_project(target: Path) -> Path:
    project = copy_project(target)
    plan = project / "data" / "plan.yaml"
    source = plan.read_text(encoding="utf-8")
    anchor = f"            title: {LESSONS_TITLE}\n            when: апрель\n"
    assert source.count(anchor) == 1, "the thematic lessons moved in data/plan.yaml"
    plan.write_text(source.replace(anchor, anchor + EVENT_PLAN_LINES), encoding="utf-8")
    post = project / "news" / "2019" / "2019-06-01-proverka-ekranirovaniya.md"
    post.write_text(MARKUP_SOURCE, encoding="utf-8")
    (project / "docs" / "kontakty.md").write_text(HANDWRITTEN_SOURCE, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    main = run_mkdocs(
        prepare_project(tmp_path_factory.mktemp("previews")),
        epoch=EPOCH,
        PLANSITE_SITE_URL=SITE_URL,
    )
    assert main.returncode == 0, main.output
    mirror = run_mkdocs(
        prepare_project(tmp_path_factory.mktemp("previews-mirror")),
        epoch=EPOCH,
        PLANSITE_SITE_URL=MIRROR_URL,
    )
    assert mirror.returncode == 0, mirror.output
    return Builds(main, mirror)


@pytest.fixture(scope="module")
def site(builds: Builds) -> Build:
    return builds.main


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(path), "html.parser")


def meta(document: BeautifulSoup, key: str) -> str:
    """The one ``<meta property=…>`` (Open Graph) or ``<meta name=…>`` (Twitter) content."""
    attribute = "name" if key.startswith("twitter:") else "property"
    tags = document.head.find_all("meta", attrs={attribute: key})
    assert len(tags) == 1, f"expected one <meta {attribute}={key!r}>, found {len(tags)}"
    content = tags[0].get("content")
    assert isinstance(content, str), f"<meta {attribute}={key!r}> has no content"
    return content


def json_ld(document: BeautifulSoup) -> list[dict]:
    """Every JSON-LD object of the page, lists flattened."""
    objects: list[dict] = []
    for script in document.find_all("script", attrs={"type": "application/ld+json"}):
        data = json.loads(script.string or "")
        objects += data if isinstance(data, list) else [data]
    return objects


def of_type(document: BeautifulSoup, kind: str) -> list[dict]:
    return [item for item in json_ld(document) if item.get("@type") == kind]


def local_file(build: Build, url: str, site_url: str = SITE_URL) -> Path:
    """The built file an absolute URL under the site URL points to."""
    assert url.startswith(site_url), f"{url} is not under {site_url}"
    path = build.site / url.removeprefix(site_url)
    return path / "index.html" if url.endswith("/") else path


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE), "not a PNG file"
    return struct.unpack(">II", data[16:24])


def page_title(document: BeautifulSoup) -> str:
    """The ``<title>`` without the « — site name» the site appends."""
    title = document.title.get_text()
    return title.removesuffix(f" — {SITE_NAME}")


def all_html(build: Build) -> list[Path]:
    pages = sorted(build.site.rglob("*.html"))
    assert len(pages) > 50, "the build made suspiciously few pages"
    return pages


@pytest.mark.parametrize("name", list(PAGES))
def test_open_graph_and_twitter_card(site: Build, name: str) -> None:
    path, og_type, picture = PAGES[name]
    document = soup(site, path)
    canonical = document.head.find("link", rel="canonical")
    assert canonical is not None
    url = SITE_URL + path

    assert canonical["href"] == url
    assert meta(document, "og:url") == url
    assert meta(document, "og:type") == og_type
    assert meta(document, "og:locale") == "ru_RU"
    assert meta(document, "og:site_name") == SITE_NAME
    title = meta(document, "og:title")
    assert title.strip()
    assert title == page_title(document)
    assert meta(document, "og:description").strip()

    image = meta(document, "og:image")
    assert image == SITE_URL + picture
    assert local_file(site, image).is_file(), f"og:image {image} is not in the build"

    assert meta(document, "twitter:card") == "summary_large_image"
    assert meta(document, "twitter:title") == title
    assert meta(document, "twitter:image") == image
    assert meta(document, "twitter:description") == meta(document, "og:description")


def test_titles_of_the_previews(site: Build) -> None:
    assert meta(soup(site, ""), "og:title") == SITE_NAME
    assert meta(soup(site, SEMINAR), "og:title") == SEMINAR_TITLE
    assert meta(soup(site, LESSONS), "og:title") == LESSONS_TITLE
    assert meta(soup(site, "press/"), "og:title") == "Для СМИ"


def test_default_card_is_a_1200_by_630_png(site: Build) -> None:
    assert png_size(site.file(CARD)) == (1200, 630)
    document = soup(site, "press/")
    assert meta(document, "og:image:width") == "1200"
    assert meta(document, "og:image:height") == "630"


def test_post_without_a_picture_shows_the_card(site: Build) -> None:
    document = soup(site, MARKUP_POST)
    assert meta(document, "og:type") == "article"
    assert meta(document, "og:image") == SITE_URL + CARD
    assert meta(document, "twitter:image") == SITE_URL + CARD
    (article,) = of_type(document, "NewsArticle")
    assert article["image"] == [SITE_URL + CARD]


def test_post_has_article_time_and_section(site: Build) -> None:
    document = soup(site, SEMINAR)
    assert meta(document, "article:published_time") == "2019-09-26T10:30:00+03:00"
    assert meta(document, "article:section") == BRANCH


def test_every_post_is_an_article_with_a_moscow_time(site: Build) -> None:
    posts = sorted(site.site.glob("news/2019/[0-9][0-9]/*/index.html"))
    texts = [p.read_text(encoding="utf-8") for p in (site.project / "news").rglob("*.md")]
    dates = [FRONT_MATTER_DATE.search(text) for text in texts if not DRAFT.search(text)]
    assert all(dates), "a post without a date"
    expected = sum(1 for d in dates if d and d.group(1) < "2020-01-01")
    assert len(posts) == expected, [p.parent.name for p in posts]
    for post in posts:
        document = BeautifulSoup(post.read_text(encoding="utf-8"), "html.parser")
        where = post.parent.relative_to(site.site).as_posix()
        assert meta(document, "og:type") == "article", where
        published = meta(document, "article:published_time")
        assert MOSCOW_ISO.match(published), f"{where}: {published}"
        assert published[5:7] == where.split("/")[2], f"{where}: {published}"
        assert meta(document, "article:section").strip(), where


@pytest.mark.parametrize("path", ["", "plan/2019/", LESSONS, "press/", "news/", "calendar/2019/"])
def test_other_pages_are_no_articles(site: Build, path: str) -> None:
    document = soup(site, path)
    assert meta(document, "og:type") == "website"
    assert document.head.find("meta", attrs={"property": "article:published_time"}) is None
    assert document.head.find("meta", attrs={"property": "article:section"}) is None


def test_home_page_describes_the_organization(site: Build) -> None:
    document = soup(site, "")
    (organization,) = of_type(document, "Organization")
    assert organization["@context"] == "https://schema.org"
    assert "Всероссийский Совет местного самоуправления" in organization["name"]
    assert organization["url"] == SITE_URL
    assert organization["alternateName"] == SITE_NAME
    assert local_file(site, organization["logo"]).is_file()


def test_post_is_a_news_article(site: Build) -> None:
    document = soup(site, SEMINAR)
    (article,) = of_type(document, "NewsArticle")
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == SEMINAR_TITLE
    assert article["datePublished"] == meta(document, "article:published_time")
    assert article["image"] == [SITE_URL + SEMINAR_PICTURE]
    assert article["url"] == SITE_URL + SEMINAR
    assert article["articleSection"] == BRANCH
    publisher = article["publisher"]
    assert publisher["@type"] == "Organization"
    assert "Всероссийский Совет местного самоуправления" in publisher["name"]
    assert publisher["url"] == SITE_URL
    assert not of_type(document, "Organization"), "the organisation belongs to the home page"


def test_activity_with_a_dated_event_has_an_event(site: Build) -> None:
    document = soup(site, LESSONS)
    (event,) = of_type(document, "Event")
    assert event["@context"] == "https://schema.org"
    assert event["name"] == EVENT_TITLE
    assert event["startDate"] == "2019-04-19T10:00:00+03:00"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == EVENT_PLACE
    assert event["url"] == SITE_URL + LESSONS
    assert not of_type(soup(site, "plan/2019/seminar-meeting/"), "Event")


def test_share_links_are_plain_links_with_the_post_address(site: Build) -> None:
    document = soup(site, SEMINAR)
    post_url = SITE_URL + SEMINAR
    for name, (host, path) in SHARE_TARGETS.items():
        links = document.find_all("a", string=name)
        assert len(links) == 1, name
        href = links[0]["href"]
        parts = urlsplit(href)
        assert (parts.scheme, parts.hostname, parts.path) == ("https", host, path), href
        assert quote(post_url, safe="") in href, href
        assert parse_qs(parts.query)["url"] == [post_url], href


def test_no_page_loads_anything_from_social_networks(site: Build) -> None:
    for page in all_html(site):
        document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        where = page.relative_to(site.site).as_posix()
        assert not document.find_all("iframe"), where
        for element in document.find_all(["script", "img", "link"], src=True) + document.find_all(
            "link", href=True
        ):
            address = element.get("src") or element.get("href")
            host = urlsplit(address).hostname or ""
            social = any(host == s or host.endswith("." + s) for s in SOCIAL_HOSTS)
            assert not social, f"{where}: {element}"


def test_markup_in_a_title_is_escaped_in_previews(site: Build) -> None:
    raw = site.page(MARKUP_POST)
    document = BeautifulSoup(raw, "html.parser")
    assert meta(document, "og:title") == MARKUP_TITLE
    assert meta(document, "twitter:title") == MARKUP_TITLE
    assert meta(document, "og:description") == MARKUP_SUMMARY
    assert meta(document, "twitter:description") == MARKUP_SUMMARY
    assert page_title(document) == MARKUP_TITLE
    (article,) = of_type(document, "NewsArticle")
    assert article["headline"] == MARKUP_TITLE
    assert article["description"] == MARKUP_SUMMARY
    # Only the theme's and the project's own scripts: the title opened none.
    for script in document.find_all("script"):
        if script.get("type") != "application/ld+json":
            assert "alert(" not in (script.string or ""), script


def test_no_page_carries_the_markup_unescaped(site: Build) -> None:
    for page in all_html(site):
        raw = page.read_text(encoding="utf-8")
        where = page.relative_to(site.site).as_posix()
        assert "<script>alert(" not in raw, where
        assert "<b>жирный" not in raw, where
        document = BeautifulSoup(raw, "html.parser")
        for script in document.find_all("script", attrs={"type": "application/ld+json"}):
            text = script.string or ""
            assert "</script" not in text.lower(), where
            assert "<" not in text, where
            json.loads(text)


def test_og_url_and_image_follow_the_site_url(builds: Builds) -> None:
    for path, _, picture in PAGES.values():
        document = soup(builds.mirror, path)
        assert meta(document, "og:url") == MIRROR_SITE_URL + path
        assert meta(document, "og:image") == MIRROR_SITE_URL + picture
        assert local_file(builds.mirror, meta(document, "og:image"), MIRROR_SITE_URL).is_file()
        canonical = document.head.find("link", rel="canonical")
        assert canonical["href"] == MIRROR_SITE_URL + path


def test_site_url_changes_nothing_but_absolute_urls(builds: Builds) -> None:
    """The two builds differ only in the site URL: raw, percent-encoded (share links) or as a
    ``webcal://`` calendar address."""

    def webcal(url: str) -> str:
        return "webcal://" + url.split("://", 1)[1]

    replacements = (
        (SITE_URL, MIRROR_SITE_URL),
        (quote(SITE_URL, safe=""), quote(MIRROR_SITE_URL, safe="")),
        (webcal(SITE_URL), webcal(MIRROR_SITE_URL)),  # calendar subscriptions
    )
    main_pages = all_html(builds.main)
    mirror_pages = sorted(builds.mirror.site.rglob("*.html"))
    relative = [p.relative_to(builds.main.site) for p in main_pages]
    assert relative == [p.relative_to(builds.mirror.site) for p in mirror_pages]
    different = []
    for path in relative:
        text = (builds.main.site / path).read_text(encoding="utf-8")
        for old, new in replacements:
            text = text.replace(old, new)
        if text != (builds.mirror.site / path).read_text(encoding="utf-8"):
            different.append(path.as_posix())
    assert not different, "pages differ beyond their absolute URLs: " + ", ".join(different)
    seminar = builds.mirror.page(SEMINAR)
    assert SITE_URL not in seminar
    assert "vsms-smolensk.test" not in seminar


def test_russian_not_found_page(site: Build) -> None:
    page = site.site / "404.html"
    assert page.is_file()
    document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert document.html["lang"] == "ru"
    heading = document.find("h1")
    assert heading is not None
    assert heading.get_text(strip=True) == "Страница не найдена"
    home_links = [a for a in document.find_all("a") if a.get_text(strip=True) == "главной страницы"]
    assert len(home_links) == 1
    assert home_links[0]["href"] in (SITE_URL, "/")
    assert isinstance(document.find("article"), Tag)


def test_description_of_a_hand_written_page_is_escaped(site: Build) -> None:
    document = soup(site, HANDWRITTEN)
    assert meta(document, "og:title") == "Контакты"
    assert meta(document, "og:description") == HANDWRITTEN_DESCRIPTION
    assert meta(document, "twitter:description") == HANDWRITTEN_DESCRIPTION
