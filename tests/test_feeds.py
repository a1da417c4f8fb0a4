"""The news feeds: limits, order, GUIDs, dates, absolute URLs, enclosures, escaping, bytes."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import feedgen.entry
import feedgen.feed
import feedparser
import lxml.etree
import lxml.html
import pytest

from plansite.derive.feed_catalog import FEED_LIMIT, feed_catalog
from plansite.derive.news_index import build_index
from plansite.derive.posts import RenderedPost
from plansite.model import Category, Organization, Post, PostStatus
from plansite.output import Asset
from plansite.render.feed_html import absolutize_links, mime_type, xml_safe
from plansite.render.feeds import EMPTY_FEED_DATE, build_feeds

SITE = "https://example.org/sub/"
MOSCOW = ZoneInfo("Europe/Moscow")
NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
ORGANIZATION = Organization(
    name="Смоленское региональное отделение Всероссийского Совета местного самоуправления",
    short_name="СРО ВСМС",
    about="Объединяем муниципальных служащих Смоленской области.",
    press_contact="press@example.org",
)
EVENTS = Category("events", "События", "Заседания и встречи")
LESSONS = Category("lessons", "Уроки")
EMPTY = Category("empty", "Пустая рубрика")
CATEGORIES = (EVENTS, LESSONS, EMPTY)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
NASTY_TITLE = '<script>alert(1)</script> & "Q"\x0b\x1f'
CLEAN_NASTY_TITLE = '<script>alert(1)</script> & "Q"'

UROKI_URL = SITE + "news/2019/04/uroki/"
UROKI_HTML = (
    "<p>Итоги <a href='lessons.png'>таблица</a>, <a href='../../03/plan/'>план</a>, "
    "<a href='/about/'>о нас</a>, <a href='https://example.com/x?a=1&amp;b=2'>внешняя</a>, "
    "<a href='mailto:press@example.org'>почта</a>, <a href='#itogi'>итоги</a>.</p>"
    "<p><img src='lead.png' alt='Урок' srcset='lead.png 1x, big/lead@2x.png 2x'></p>"
    "<picture><source srcset='pics/a.webp'><img src='./pics/a.png' alt=''></picture>"
)
EXPECTED_URLS = [
    ("img", "src", UROKI_URL + "lead.png"),  # the lead picture, first in every item
    ("a", "href", UROKI_URL + "lessons.png"),
    ("a", "href", SITE + "news/2019/03/plan/"),
    ("a", "href", "https://example.org/about/"),
    ("a", "href", "https://example.com/x?a=1&b=2"),
    ("a", "href", "mailto:press@example.org"),
    ("a", "href", UROKI_URL + "#itogi"),
    ("img", "src", UROKI_URL + "lead.png"),
    ("img", "srcset", f"{UROKI_URL}lead.png 1x, {UROKI_URL}big/lead@2x.png 2x"),
    ("source", "srcset", UROKI_URL + "pics/a.webp"),
    ("img", "src", UROKI_URL + "pics/a.png"),
]


def make_post(
    slug: str,
    published: datetime,
    *,
    title: str = "Новость",
    category: Category = EVENTS,
    date_only: bool = False,
    tags: tuple[str, ...] = (),
    image: str | None = None,
    status: PostStatus = PostStatus.PUBLISHED,
) -> Post:
    return Post(
        source=f"news/{published:%Y}/{published:%Y-%m-%d}-{slug}.md",
        slug=slug,
        title=title,
        published=published,
        date_only=date_only,
        category=category,
        body="Текст.",
        body_line=5,
        tags=tags,
        image=image,
        files=(image,) if image else (),
        status=status,
    )


def uroki(title: str = "Тематические уроки в школах") -> RenderedPost:
    """A date-only post with a lead picture, tags and a body full of relative URLs."""
    post = make_post(
        "uroki",
        datetime.combine(date(2019, 4, 19), time(0, 0), MOSCOW),
        title=title,
        category=LESSONS,
        date_only=True,
        tags=("школы", "молодёжь"),
        image="lead.png",
    )
    files = (
        Asset(post.url_path + "lead.png", PNG),
        Asset(post.url_path + "lessons.png", b"other"),
    )
    return RenderedPost(post, UROKI_HTML, "В школах области прошли уроки.", files)


def many_posts(count: int = 35) -> list[RenderedPost]:
    """``count`` timed posts, one a day from 2019-01-01 at 10:00 Moscow, newest first.

    Posts 3 and 20 are lessons, all others events.
    """
    posts = []
    for index in range(count):
        published = datetime(2019, 1, 1, 10, 0, tzinfo=MOSCOW) + timedelta(days=index)
        category = LESSONS if index in (3, 20) else EVENTS
        post = make_post(
            f"post-{index:02d}", published, title=f"Новость {index}", category=category
        )
        posts.append(RenderedPost(post, f"<p>Текст {index}</p>", f"Кратко {index}", ()))
    return posts[::-1]


def build(posts: list[RenderedPost]) -> dict[str, bytes]:
    catalog = feed_catalog(build_index(posts), CATEGORIES, (), ORGANIZATION)
    return {asset.path: asset.content for asset in build_feeds(catalog, ORGANIZATION, SITE)}


def xml(content: bytes) -> lxml.etree._Element:
    return lxml.etree.fromstring(content)


def only_item(content: bytes) -> lxml.etree._Element:
    (item,) = xml(content).findall("channel/item")
    return item


def only_entry(content: bytes) -> lxml.etree._Element:
    (entry,) = xml(content).findall("atom:entry", NS)
    return entry


def url_attributes(html: str) -> list[tuple[str, str, str]]:
    wrapper = lxml.html.fragment_fromstring(html, create_parent="div")
    return [
        (element.tag, name, element.get(name))
        for element in wrapper.iter()
        for name in ("href", "src", "srcset")
        if element.get(name) is not None
    ]


@pytest.fixture(scope="module")
def feeds() -> dict[str, bytes]:
    """35 ordinary posts plus «uroki», which is the newest."""
    return build([uroki(), *many_posts()])


def test_output_paths(feeds):
    assert list(feeds) == [
        "rss.xml",
        "atom.xml",
        "news/category/events/rss.xml",
        "news/category/events/atom.xml",
        "news/category/lessons/rss.xml",
        "news/category/lessons/atom.xml",
        "news/category/empty/rss.xml",
        "news/category/empty/atom.xml",
        "news/tag/molodezh/rss.xml",
        "news/tag/shkoly/rss.xml",
    ]


@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("rss.xml", "rss20"),
        ("atom.xml", "atom10"),
        ("news/category/events/rss.xml", "rss20"),
        ("news/category/lessons/rss.xml", "rss20"),
        ("news/category/empty/rss.xml", "rss20"),
    ],
)
def test_feedparser_reads_every_feed_cleanly(feeds, path, version):
    parsed = feedparser.parse(feeds[path])
    assert parsed.bozo == 0
    assert parsed.version == version
    assert parsed.feed.language == "ru"


def test_pretty_utf8_with_declaration(feeds):
    for content in feeds.values():
        assert content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
        assert b"\n  " in content
        content.decode("utf-8")
    assert "СРО ВСМС — новости".encode() in feeds["rss.xml"]


def test_items_capped_and_newest_first(feeds):
    newest = [UROKI_URL] + [
        f"{SITE}news/2019/{(date(2019, 1, 1) + timedelta(days=i)):%m}/post-{i:02d}/"
        for i in range(34, 34 - (FEED_LIMIT - 1), -1)
    ]
    rss_links = [link.text for link in xml(feeds["rss.xml"]).findall("channel/item/link")]
    atom_ids = [
        entry_id.text for entry_id in xml(feeds["atom.xml"]).findall("atom:entry/atom:id", NS)
    ]
    assert FEED_LIMIT == 30
    assert rss_links == newest
    assert atom_ids == newest


def test_order_does_not_depend_on_the_input_order(feeds):
    assert build([*many_posts()[::-1], uroki()]) == feeds


def test_channel_metadata(feeds):
    channel = xml(feeds["rss.xml"]).find("channel")
    assert channel.findtext("title") == "СРО ВСМС — новости"
    assert channel.findtext("link") == SITE + "news/"
    assert channel.findtext("description") == f"Новости: {ORGANIZATION.name}"
    assert channel.findtext("language") == "ru"
    assert channel.findtext("generator") == "plansite"
    assert channel.find("docs") is None
    (self_link,) = channel.findall("atom:link", NS)
    assert self_link.attrib == {"href": SITE + "rss.xml", "rel": "self"}


def test_atom_feed_metadata(feeds):
    root = xml(feeds["atom.xml"])
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert root.findtext("atom:id", namespaces=NS) == SITE + "atom.xml"
    assert root.findtext("atom:title", namespaces=NS) == "СРО ВСМС — новости"
    assert root.findtext("atom:author/atom:name", namespaces=NS) == "СРО ВСМС"
    generator = root.find("atom:generator", NS)
    assert generator.text == "plansite"
    assert generator.attrib == {}
    links = {link.get("rel"): link.get("href") for link in root.findall("atom:link", NS)}
    assert links == {"self": SITE + "atom.xml", "alternate": SITE + "news/"}


def test_category_feed_metadata(feeds):
    channel = xml(feeds["news/category/events/rss.xml"]).find("channel")
    assert channel.findtext("title") == "СРО ВСМС: События"
    assert channel.findtext("link") == SITE + "news/category/events/"
    assert channel.findtext("description") == "Заседания и встречи"
    assert channel.find("atom:link", NS).get("href") == SITE + "news/category/events/rss.xml"


def test_last_build_date_is_the_newest_post(feeds):
    assert xml(feeds["rss.xml"]).findtext("channel/lastBuildDate") == (
        "Fri, 19 Apr 2019 00:00:00 +0300"
    )
    assert xml(feeds["atom.xml"]).findtext("atom:updated", namespaces=NS) == (
        "2019-04-19T00:00:00+03:00"
    )
    events = xml(feeds["news/category/events/rss.xml"])
    assert events.findtext("channel/lastBuildDate") == "Mon, 04 Feb 2019 10:00:00 +0300"


def test_builds_are_byte_identical_and_ignore_the_clock(feeds, monkeypatch):
    class AnyDatetime(type):
        def __instancecheck__(cls, instance):
            return isinstance(instance, datetime)

    class FrozenClock(datetime, metaclass=AnyDatetime):
        """feedgen's ``datetime``: its clock says 2099, its isinstance checks still work."""

        @classmethod
        def now(cls, tz=None):
            return datetime(2099, 12, 31, 23, 59, 59, 123456, tzinfo=timezone.utc)

    monkeypatch.setattr(feedgen.feed, "datetime", FrozenClock)
    monkeypatch.setattr(feedgen.entry, "datetime", FrozenClock)
    again = build([uroki(), *many_posts()])
    assert again == feeds
    assert all(b"2099" not in content for content in again.values())


def test_category_feed_holds_only_its_posts(feeds):
    lessons = xml(feeds["news/category/lessons/rss.xml"])
    assert [link.text for link in lessons.findall("channel/item/link")] == [
        UROKI_URL,
        SITE + "news/2019/01/post-20/",
        SITE + "news/2019/01/post-03/",
    ]
    assert {cat.text for cat in lessons.findall("channel/item/category")} >= {"Уроки"}
    events = xml(feeds["news/category/events/rss.xml"])
    event_links = [link.text for link in events.findall("channel/item/link")]
    assert len(event_links) == FEED_LIMIT
    assert event_links[0] == SITE + "news/2019/02/post-34/"
    assert not {SITE + "news/2019/01/post-20/", UROKI_URL} & set(event_links)
    assert [item.findtext("category") for item in events.findall("channel/item")] == (
        ["События"] * FEED_LIMIT
    )


def test_empty_category_gets_a_valid_empty_feed(feeds):
    content = feeds["news/category/empty/rss.xml"]
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0
    assert parsed.entries == []
    channel = xml(content).find("channel")
    assert channel.findall("item") == []
    assert channel.findtext("title") == "СРО ВСМС: Пустая рубрика"
    assert channel.findtext("description") == "СРО ВСМС: Пустая рубрика"
    assert channel.findtext("lastBuildDate") == "Thu, 01 Jan 1970 00:00:00 +0000"
    assert datetime(1970, 1, 1, tzinfo=timezone.utc) == EMPTY_FEED_DATE


def test_no_posts_at_all():
    feeds = build([])
    assert feedparser.parse(feeds["rss.xml"]).bozo == 0
    assert feedparser.parse(feeds["atom.xml"]).bozo == 0
    assert xml(feeds["rss.xml"]).findall("channel/item") == []
    assert xml(feeds["atom.xml"]).findtext("atom:updated", namespaces=NS) == (
        "1970-01-01T00:00:00+00:00"
    )


def test_guid_is_the_permalink_and_survives_a_title_edit():
    before = only_item(build([uroki("Тематические уроки")])["rss.xml"])
    after_feeds = build([uroki("Тематические уроки в школах области (исправлено)")])
    after = only_item(after_feeds["rss.xml"])
    assert before.findtext("title") != after.findtext("title")
    for item in (before, after):
        guid = item.find("guid")
        assert guid.text == UROKI_URL
        assert guid.get("isPermaLink") == "true"
        assert item.findtext("link") == UROKI_URL
    assert only_entry(after_feeds["atom.xml"]).findtext("atom:id", namespaces=NS) == UROKI_URL


def test_date_only_post_keeps_its_moscow_day(feeds):
    item = xml(feeds["rss.xml"]).find("channel/item")
    assert item.findtext("pubDate") == "Fri, 19 Apr 2019 00:00:00 +0300"
    entry = xml(feeds["atom.xml"]).find("atom:entry", NS)
    assert entry.findtext("atom:published", namespaces=NS) == "2019-04-19T00:00:00+03:00"
    assert entry.findtext("atom:updated", namespaces=NS) == "2019-04-19T00:00:00+03:00"
    parsed = feedparser.parse(feeds["rss.xml"]).entries[0]
    assert parsed.published == "Fri, 19 Apr 2019 00:00:00 +0300"


def test_summary_is_the_description_and_body_is_the_content(feeds):
    item = xml(feeds["rss.xml"]).find("channel/item")
    assert item.findtext("description") == "В школах области прошли уроки."
    lead = f'<figure><img src="{UROKI_URL}lead.png" alt="Тематические уроки в школах"></figure>'
    assert item.findtext("content:encoded", namespaces=NS).startswith(lead + "<p>Итоги <a href=")
    parsed = feedparser.parse(feeds["rss.xml"]).entries[0]
    assert parsed.summary == "В школах области прошли уроки."
    assert parsed.content[0].value.startswith("<figure><img")


def test_post_without_summary_uses_the_title():
    post = dataclasses.replace(uroki(), summary="")
    assert only_item(build([post])["rss.xml"]).findtext("description") == (
        "Тематические уроки в школах"
    )


@pytest.mark.parametrize("path", ["rss.xml", "news/category/lessons/rss.xml"])
def test_rss_content_urls_are_absolute(feeds, path):
    html = xml(feeds[path]).find("channel/item").findtext("content:encoded", namespaces=NS)
    urls = url_attributes(html)
    assert urls == EXPECTED_URLS
    for _tag, name, value in urls:
        for url in value.split(", ") if name == "srcset" else [value]:
            assert url.startswith(("https://", "mailto:")), url
            assert not url.startswith("/")


def test_atom_content_is_html_with_absolute_urls_and_entries_have_ids(feeds):
    entries = xml(feeds["atom.xml"]).findall("atom:entry", NS)
    assert len(entries) == FEED_LIMIT
    assert all(entry.findtext("atom:id", namespaces=NS).startswith(SITE) for entry in entries)
    assert len({entry.findtext("atom:id", namespaces=NS) for entry in entries}) == FEED_LIMIT
    content = entries[0].find("atom:content", NS)
    assert content.get("type") == "html"
    assert url_attributes(content.text) == EXPECTED_URLS
    assert entries[0].findtext("atom:summary", namespaces=NS) == "В школах области прошли уроки."
    assert entries[0].findtext("atom:author/atom:name", namespaces=NS) == "СРО ВСМС"
    parsed = feedparser.parse(feeds["atom.xml"]).entries[0]
    assert parsed.id == UROKI_URL
    assert parsed.content[0].type == "text/html"


def test_enclosure_is_the_lead_picture(feeds):
    item = xml(feeds["rss.xml"]).find("channel/item")
    (enclosure,) = item.findall("enclosure")
    assert enclosure.attrib == {
        "url": UROKI_URL + "lead.png",
        "length": str(len(PNG)),
        "type": "image/png",
    }
    assert all(
        other.find("enclosure") is None
        for other in xml(feeds["rss.xml"]).findall("channel/item")[1:]
    )


def test_atom_links_keep_rel_type_and_length(feeds):
    entry = xml(feeds["atom.xml"]).find("atom:entry", NS)
    assert [link.attrib for link in entry.findall("atom:link", NS)] == [
        {"href": UROKI_URL, "rel": "alternate"},
        {
            "href": UROKI_URL + "lead.png",
            "rel": "enclosure",
            "type": "image/png",
            "length": str(len(PNG)),
        },
    ]
    parsed = feedparser.parse(feeds["atom.xml"]).entries[0]
    assert parsed.link == UROKI_URL
    assert parsed.enclosures[0].href == UROKI_URL + "lead.png"


def test_missing_image_asset_gives_no_enclosure():
    post = dataclasses.replace(uroki(), files=())
    feeds = build([post])
    assert only_item(feeds["rss.xml"]).find("enclosure") is None
    assert [link.get("rel") for link in only_entry(feeds["atom.xml"]).findall("atom:link", NS)] == [
        "alternate"
    ]


def test_categories_and_tags(feeds):
    item = xml(feeds["rss.xml"]).find("channel/item")
    assert [cat.text for cat in item.findall("category")] == ["Уроки", "школы", "молодёжь"]
    entry = xml(feeds["atom.xml"]).find("atom:entry", NS)
    assert [cat.attrib for cat in entry.findall("atom:category", NS)] == [
        {"term": "lessons", "label": "Уроки"},
        {"term": "школы"},
        {"term": "молодёжь"},
    ]


def test_author_is_the_organization(feeds):
    item = xml(feeds["rss.xml"]).find("channel/item")
    assert item.find("author") is None
    assert item.findtext("dc:creator", namespaces=NS) == "СРО ВСМС"
    assert feedparser.parse(feeds["rss.xml"]).entries[0].author == "СРО ВСМС"


def test_markup_and_control_characters_in_texts():
    base = uroki(NASTY_TITLE)
    post = dataclasses.replace(base.post, tags=("a\x00b", "\ud800", "\ufffe\uffff"))
    nasty = RenderedPost(
        post,
        "<p>Текст\x07 с <b>жирным</b>\ufffe</p>",
        "Кратко\x1b & <i>не разметка</i>",
        base.files,
    )
    feeds = build([nasty])
    for content in feeds.values():
        assert feedparser.parse(content).bozo == 0
    item = only_item(feeds["rss.xml"])
    assert item.findtext("title") == CLEAN_NASTY_TITLE
    assert list(item.find("title")) == []
    assert item.find(".//script") is None
    # RSS readers render <description> as HTML: the text is escaped once more for them.
    assert item.findtext("description") == "Кратко &amp; &lt;i&gt;не разметка&lt;/i&gt;"
    assert item.findtext("content:encoded", namespaces=NS) == (
        f'<figure><img src="{UROKI_URL}lead.png" alt="&lt;script&gt;alert(1)&lt;/script&gt; '
        '&amp; &quot;Q&quot;"></figure><p>Текст с <b>жирным</b></p>'
    )
    assert [cat.text for cat in item.findall("category")] == ["Уроки", "ab"]
    entry = only_entry(feeds["atom.xml"])
    assert entry.findtext("atom:title", namespaces=NS) == CLEAN_NASTY_TITLE
    assert feedparser.parse(feeds["rss.xml"]).entries[0].title == CLEAN_NASTY_TITLE


def test_only_published_posts_are_listed():
    draft = make_post("draft", datetime(2019, 5, 1, 9, 0, tzinfo=MOSCOW), status=PostStatus.DRAFT)
    feeds = build([RenderedPost(draft, "<p>x</p>", "x", ()), uroki()])
    assert only_item(feeds["rss.xml"]).findtext("link") == UROKI_URL


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("tab\tnew\nline\rcr", "tab\tnew\nline\rcr"),
        ("\x00\x01\x08\x0b\x0c\x0e\x1f", ""),
        ("a\ufffeb\uffffc", "abc"),
        ("lone \ud800\udfff surrogates", "lone  surrogates"),
        ("ok \x7f é 😀 \ufdd0", "ok \x7f é 😀 \ufdd0"),
    ],
)
def test_xml_safe(text, expected):
    assert xml_safe(text) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("", ""),
        ("<a href='x/'>x</a>", '<a href="https://s.org/news/p/x/">x</a>'),
        ("lead <a href='#f'>f</a> tail", 'lead <a href="https://s.org/news/p/#f">f</a> tail'),
        ("<a href='http://a.org/'>a</a>", '<a href="http://a.org/">a</a>'),
        ("<a href='tel:+74812'>t</a>", '<a href="tel:+74812">t</a>'),
        ("<a href='//cdn.org/x'>c</a>", '<a href="https://cdn.org/x">c</a>'),
        ("<video poster='p.jpg'></video>", '<video poster="https://s.org/news/p/p.jpg"></video>'),
        ("<!-- c --><p>x</p>", "<!-- c --><p>x</p>"),
    ],
)
def test_absolutize_links(html, expected):
    assert absolutize_links(html, "https://s.org/news/p/") == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a/lead.png", "image/png"),
        ("a/LEAD.JPG", "image/jpeg"),
        ("a/scheme.svg", "image/svg+xml"),
        ("a/photo.webp", "image/webp"),
        ("a/report.pdf", "application/pdf"),
        ("a/unknown.zzz", "application/octet-stream"),
    ],
)
def test_mime_type(path, expected):
    assert mime_type(path) == expected


def test_svg_enclosure_type():
    base = uroki()
    post = dataclasses.replace(base.post, image="scheme.svg")
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    rendered = RenderedPost(post, "", "s", (Asset(post.url_path + "scheme.svg", svg),))
    enclosure = only_item(build([rendered])["rss.xml"]).find("enclosure")
    assert enclosure.get("type") == "image/svg+xml"
    assert enclosure.get("length") == str(len(svg))
