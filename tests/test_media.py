"""What journalists and aggregators get, on a real build of the shipped project: the Dzen and
Yandex feeds checked against the services' rules, per-listing feeds and their autodiscovery,
the OPML list, both calendars read back by two iCalendar libraries, the press page and
plan links across years."""

from __future__ import annotations

import re
import struct
import zlib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import ics
import imagesize
import lxml.etree
import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup

from aggregator_rules import check_feed
from conftest import ROOT, Build, copy_project, run_mkdocs
from plansite import urls
from plansite.site import BuildSettings, generate_site

EPOCH = "1580515200"  # 2020-02-01 00:00 UTC: every shipped post is out, the January one too
SITE_URL = "https://press.example.org/smolensk/"
MOSCOW = ZoneInfo("Europe/Moscow")
CROSS_YEAR_POST = "news/2020/01/resheniya-regionalnogo-soveta/"
NARROW_POST = "news/2019/06/uzkaya/"
EVENTS = (
    "            events:\n"
    "              - date: 2019-04-19\n"
    '                time: "10:00"\n'
    "                title: Урок в средней школе № 1\n"
    "                place: г. Смоленск\n"
    "              - date: 2019-04-23\n"
    "                title: Урок в гимназии\n"
)
LESSONS_ACTIVITY = "            when: апрель\n            responsible:\n              - РО ВСМС\n"
DEADLINE_FROM, DEADLINE_TO = "            when: октябрь\n", "            when: до 15 октября\n"


def png(width: int, height: int) -> bytes:
    """A valid grey PNG of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def media_project(target: Path) -> Path:
    """The shipped project with dated events, a deadline, a post with a narrow picture and
    a January 2020 post reporting on the 2019 plan (``tests/cross_year_post.md``)."""
    project = copy_project(target)
    (project / "news" / "2020").mkdir(exist_ok=True)
    post = Path(__file__).with_name("cross_year_post.md").read_text(encoding="utf-8")
    (project / "news" / "2020" / "2020-01-23-resheniya-regionalnogo-soveta.md").write_text(
        post, encoding="utf-8"
    )
    plan_file = project / "data" / "plan.yaml"
    plan = plan_file.read_text(encoding="utf-8")
    assert plan.count(LESSONS_ACTIVITY) == 1 and plan.count(DEADLINE_FROM) == 1
    plan = plan.replace(LESSONS_ACTIVITY, LESSONS_ACTIVITY + EVENTS)
    plan_file.write_text(plan.replace(DEADLINE_FROM, DEADLINE_TO), encoding="utf-8")
    folder = project / "news" / "2019" / "uzkaya"
    folder.mkdir()
    (folder / "narrow.png").write_bytes(png(300, 200))
    (folder / "index.md").write_text(
        "---\ntitle: Узкая картинка\ndate: 2019-06-05\ncategory: branch\n"
        "municipality: Вяземский район\nimage: narrow.png\n---\n\nТекст записи.\n",
        encoding="utf-8",
    )
    return project


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = media_project(tmp_path_factory.mktemp("media") / "project")
    build = run_mkdocs(project, epoch=EPOCH, PLANSITE_SITE_URL=SITE_URL)
    assert build.returncode == 0, build.output
    return build


def site_path(url: str) -> str:
    assert url.startswith(SITE_URL), url
    return unquote(url.removeprefix(SITE_URL))


def width_in(build: Build):
    def width_of(url: str) -> int | None:
        path = build.site / site_path(url)
        return imagesize.get(path)[0] if path.is_file() else None

    return width_of


def soup(build: Build, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(build.page(url_path), "html.parser")


def opml_feeds(build: Build) -> list[dict[str, str]]:
    root = lxml.etree.fromstring(build.file(urls.OPML_PATH))
    return [dict(outline.attrib) for outline in root.iter("outline") if outline.get("xmlUrl")]


def feed_files(build: Build) -> set[str]:
    names = {"rss.xml", "atom.xml"}
    found = {p for p in build.site.rglob("*.xml") if p.name in names or p.parent.name == "feeds"}
    return {p.relative_to(build.site).as_posix() for p in found}


# Feeds


@pytest.mark.parametrize(
    ("path", "service"), [(urls.DZEN_PATH, "dzen"), (urls.YANDEX_PATH, "yandex")]
)
def test_aggregator_feeds_follow_the_rules(media: Build, path: str, service: str) -> None:
    content = media.file(path)
    assert check_feed(content, service, width_in(media)) == []
    parsed = feedparser.parse(content)
    assert parsed.bozo == 0
    assert len(parsed.entries) == 14  # 12 shipped posts of 2019, the January one, the narrow one


def test_a_narrow_lead_picture_is_shown_but_the_cover_is_the_site_card(media: Build) -> None:
    root = lxml.etree.fromstring(media.file(urls.DZEN_PATH))
    (item,) = [i for i in root.iter("item") if i.findtext("link") == SITE_URL + NARROW_POST]
    enclosures = [e.get("url") for e in item.findall("enclosure")]
    narrow = SITE_URL + NARROW_POST + "narrow.png"
    assert enclosures == [SITE_URL + urls.CARD_IMAGE_PATH, narrow]
    content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert content.startswith(f'<figure><img src="{narrow}" alt="Узкая картинка"')


def test_every_feed_parses_and_every_item_starts_with_its_lead_picture(media: Build) -> None:
    pictures = {SITE_URL + NARROW_POST: "narrow.png"}
    for post in ("news/2019/04/tematicheskie-uroki/", "news/2019/09/seminar/"):
        picture = soup(media, post).select_one("img.post-lead")["src"]
        pictures[SITE_URL + post] = picture
    seen = 0
    for path in sorted(feed_files(media)):
        parsed = feedparser.parse(media.file(path))
        assert parsed.bozo == 0, path
        for entry in parsed.entries:
            if entry.link in pictures:
                image = urljoin(entry.link, pictures[entry.link])
                wrapper = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
                assert not (wrapper.text or "").strip(), path
                figure = wrapper[0]
                assert figure.tag == "figure" and figure[0].tag == "img", path
                assert (figure[0].get("src"), figure[0].get("alt")) == (image, entry.title)
                seen += 1
    assert seen > 10


def test_opml_lists_every_feed_and_nothing_else(media: Build) -> None:
    outlines = opml_feeds(media)
    assert {site_path(o["xmlUrl"]) for o in outlines} == feed_files(media)
    for outline in outlines:
        assert outline["type"] == "rss" and outline["text"]
        assert (media.site / site_path(outline["htmlUrl"]) / "index.html").is_file()
    assert len(outlines) == len(feed_files(media))


def test_municipality_feed_holds_that_municipality_only(media: Build) -> None:
    parsed = feedparser.parse(media.file("municipalities/vyazemsky/rss.xml"))
    links = {entry.link for entry in parsed.entries}
    page = soup(media, "municipalities/vyazemsky/")
    listed = {
        urljoin(SITE_URL + "municipalities/vyazemsky/", a["href"])
        for a in page.select(".post-archive a")
    }
    assert SITE_URL + NARROW_POST in links
    assert links == listed


@pytest.mark.parametrize(
    ("page", "feeds"),
    [
        (
            "news/category/branch/",
            ["news/category/branch/rss.xml", "news/category/branch/atom.xml"],
        ),
        ("municipalities/vyazemsky/", ["municipalities/vyazemsky/rss.xml"]),
        ("news/tag/zasedanie/", ["news/tag/zasedanie/rss.xml"]),
        ("", ["rss.xml", "atom.xml"]),
    ],
)
def test_each_listing_advertises_its_own_feeds(media: Build, page: str, feeds: list[str]) -> None:
    links = soup(media, page).select('link[rel="alternate"][type$="+xml"]')
    base = SITE_URL + page
    assert [site_path(urljoin(base, link["href"])) for link in links] == feeds
    for feed in feeds:
        assert (media.site / feed).is_file()


def test_a_guid_survives_editing_the_post(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    settings = BuildSettings(project, SITE_URL, datetime(2020, 2, 1, tzinfo=timezone.utc))

    def items() -> dict[str, str]:
        assets = {a.path: a.content for a in generate_site(settings).assets}
        root = lxml.etree.fromstring(assets[urls.DZEN_PATH])
        return {i.findtext("guid"): i.findtext("title") for i in root.iter("item")}

    before = items()
    post = project / "news" / "2019" / "2019-05-16-olimpiada.md"
    text = post.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.MULTILINE)[1]
    post.write_text(
        text.replace(title, "Олимпиада, исправленный заголовок") + "\nДобавка.\n", encoding="utf-8"
    )
    after = items()
    assert before.keys() == after.keys()
    assert after[SITE_URL + "news/2019/05/olimpiada/"] == "Олимпиада, исправленный заголовок"


# Calendars


def both_libraries(build: Build, path: str) -> tuple[icalendar.Calendar, ics.Calendar]:
    text = build.file(path).decode("utf-8")
    return icalendar.Calendar.from_ical(text), ics.Calendar(text)


def test_dates_calendar_holds_dated_events_and_deadlines_only(media: Build) -> None:
    first, second = both_libraries(media, urls.ICS_DATES_PATH)
    events = first.walk("VEVENT")
    kinds = {str(cat) for event in events for cat in event["categories"].cats} - {"План 2019"}
    assert kinds == {"Событие", "Срок"}
    assert {str(e["summary"]) for e in events} >= {"Урок в средней школе № 1", "Урок в гимназии"}
    assert len(events) == 3 == len(second.events)
    full, _ = both_libraries(media, urls.ICS_PATH)
    full_events = {str(e["uid"]): e for e in full.walk("VEVENT")}
    assert {str(e["uid"]) for e in events} < set(full_events)
    assert any(
        (e.decoded("dtend") - e.decoded("dtstart")) > timedelta(days=27)
        for e in full_events.values()
    )


def test_events_fall_on_their_moscow_days_in_both_libraries(media: Build) -> None:
    first, second = both_libraries(media, urls.ICS_DATES_PATH)
    timed = next(e for e in first.walk("VEVENT") if str(e["summary"]) == "Урок в средней школе № 1")
    start = timed.decoded("dtstart")
    assert start == datetime(2019, 4, 19, 10, 0, tzinfo=MOSCOW)
    other = next(e for e in second.events if e.name == "Урок в средней школе № 1")
    assert other.begin.datetime.astimezone(timezone.utc) == datetime(
        2019, 4, 19, 7, 0, tzinfo=timezone.utc
    )
    day = next(e for e in second.events if e.name == "Урок в гимназии")
    assert day.all_day and day.begin.date() == date(2019, 4, 23)
    deadline = next(e for e in second.events if e.name.startswith("Срок: "))
    assert deadline.all_day and deadline.begin.date() == date(2019, 10, 15)


@pytest.mark.parametrize("path", [urls.ICS_PATH, urls.ICS_DATES_PATH])
def test_calendar_read_back_by_two_libraries(media: Build, path: str) -> None:
    first, second = both_libraries(media, path)
    by_uid = {str(e["uid"]): e for e in first.walk("VEVENT")}
    assert {e.uid for e in second.events} == set(by_uid)
    plan_years = {
        p["year"]
        for p in yaml.safe_load((media.project / "data/plan.yaml").read_text("utf-8"))["plans"]
    }
    (zone,) = first.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Moscow"
    earliest = min(part.decoded("dtstart") for part in zone.subcomponents)
    assert earliest.date() <= date(min(plan_years), 1, 1)
    for event in second.events:
        vevent = by_uid[event.uid]
        written = [str(cat) for cat in vevent["categories"].cats]
        assert set(written) == set(event.categories)
        assert not any("\\" in cat for cat in written + list(event.categories))
        assert written[0] == f"План {event.begin.year}"
        description = str(vevent["description"])
        assert description == event.description
        assert re.search(r"^Когда: \S", description, re.MULTILINE), description
        assert "\nОтветственные: " in description
        assert event.url and description.endswith(f"Подробнее: {event.url}")
        assert (media.site / site_path(event.url) / "index.html").is_file()


@pytest.mark.parametrize("page", ["calendar/2019/", "calendar/2019/04/", "press/"])
def test_calendar_pages_offer_webcal_links_and_plain_addresses(media: Build, page: str) -> None:
    html = soup(media, page)
    webcal = {a["href"] for a in html.select('a[href^="webcal:"]')}
    assert webcal == {
        "webcal://press.example.org/smolensk/calendar.ics",
        "webcal://press.example.org/smolensk/calendar-dates.ics",
    }
    codes = {code.get_text() for code in html.select("code")}
    assert {SITE_URL + urls.ICS_PATH, SITE_URL + urls.ICS_DATES_PATH} <= codes
    text = html.get_text(" ")
    for app in ("Google Календарь", "Apple", "Яндекс Календарь"):
        assert app in text


# The press page


def test_press_page_lists_every_feed_with_its_address(media: Build) -> None:
    html = soup(media, "press/")
    base = SITE_URL + "press/"
    linked = {
        site_path(urljoin(base, a["href"]))
        for a in html.select("article a[href]")
        if not a["href"].startswith(("webcal:", "#", "http", "mailto:", "tel:"))
    }
    codes = {code.get_text() for code in html.select("code")}
    for path in feed_files(media) | {urls.OPML_PATH}:
        assert path in linked, path
        assert SITE_URL + path in codes, path
    contact = yaml.safe_load((media.project / "data/plan.yaml").read_text("utf-8"))["organization"]
    # The e-mail address is a mailto: link, so get_text(" ") puts a space before the period.
    text = " ".join(html.get_text(" ").split()).replace(" .", ".")
    assert " ".join(contact["press_contact"].split()) in text
    for path in (
        urls.LOGO_PATH,
        urls.LOGO_PNG_PATH,
        "plan/2019/plan.json",
        "plan/2019/plan.csv",
    ):
        assert path in linked and (media.site / path).is_file(), path
    assert "plan/2019/" in linked
    cite = html.find(id="cite").find_next("blockquote").get_text(" ")
    assert contact["name"] in " ".join(cite.split()) and SITE_URL + "plan/2019/" in cite


def test_logo_png_is_the_svg_at_scale() -> None:
    svg = lxml.etree.fromstring((ROOT / "docs" / urls.LOGO_PATH).read_bytes())
    _, _, view_width, view_height = (float(n) for n in svg.get("viewBox").split())
    width, height = imagesize.get(ROOT / "docs" / urls.LOGO_PNG_PATH)
    assert width >= 512
    assert width / height == pytest.approx(view_width / view_height)


# Plan links across years


def test_a_post_links_to_another_years_activity_and_is_counted(media: Build) -> None:
    post = soup(media, CROSS_YEAR_POST)
    heading = post.find(id="plan-2019")
    assert heading.get_text() == "Выполнение плана на 2019 год"
    target = urljoin(SITE_URL + CROSS_YEAR_POST, heading.find_next("a")["href"])
    assert target == SITE_URL + "plan/2019/regional-council-meetings/"
    activity = soup(media, "plan/2019/regional-council-meetings/")
    reports = {urljoin(target, a["href"]) for a in activity.select("#reports ~ ul a")}
    assert SITE_URL + CROSS_YEAR_POST in reports
    report = soup(media, "plan/2019/report/").get_text(" ")
    assert "Записей о выполнении плана на 2019 год, опубликованных в другие годы: 1." in report
    assert urlsplit(target).query == ""
