"""Page weight: the home page, a month page and a post page each transfer at most 150 KB.

A page is loaded in headless Chromium, on a phone and on a desktop, from a fresh profile (an
empty cache), and everything it fetches until it is loaded and the network is idle counts:
the document, CSS, JavaScript, pictures, the favicon, and what the theme fetches on its own
at start-up (sitemap.xml; the search downloads nothing until a reader searches). Each text
body counts as gzip at level 9, what a host that compresses its responses sends; pictures
other than SVG are already compressed and count as they are.

Pictures in posts and listings carry width, height and loading="lazy", and the site's own
logo and favicon are small SVG files.
"""

from __future__ import annotations

import contextlib
import gzip
import re
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Response

from browser_support import (  # noqa: F401  (pytest finds the fixtures by their names)
    PHONE,
    browser_fixture,
    site_server_fixture,
)

if TYPE_CHECKING:
    from conftest import Build

BUDGET = 150 * 1024  # bytes on the wire
DESKTOP = {
    "viewport": {"width": 1280, "height": 900},
    "device_scale_factor": 1,
    "locale": "ru-RU",
    "timezone_id": "Europe/Moscow",
}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
# Content types sent as they are: compressed formats gain nothing from gzip.
PRECOMPRESSED = re.compile(r"^(image/(?!svg)|font/woff2?|video/|audio/|application/(zip|gzip))")
ICON_LIMIT = 2 * 1024
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Transfer:
    url: str
    kind: str  # the request's resource type: document, stylesheet, script, image, xhr, ...
    content_type: str
    raw: int
    wire: int  # what a gzip-serving host sends


def post_path(site: Path) -> str:
    """The heaviest published post: the one with the largest lead picture, else the first."""
    posts = sorted(site.glob("news/[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html"))
    assert posts, f"the build published no post under {site / 'news'}"

    def lead_bytes(post: Path) -> int:
        soup = BeautifulSoup(post.read_text(encoding="utf-8"), "html.parser")
        return sum(
            local_file(post, img["src"]).stat().st_size
            for img in soup.select("img.post-lead")
            if local_file(post, img["src"]).is_file()
        )

    chosen = max(posts, key=lambda post: (lead_bytes(post), -posts.index(post)))
    return chosen.parent.relative_to(site).as_posix() + "/"


def local_file(page: Path, src: str) -> Path:
    return (page.parent / unquote(urlsplit(src).path)).resolve()


def wire_size(body: bytes, content_type: str) -> int:
    if PRECOMPRESSED.match(content_type):
        return len(body)
    return len(gzip.compress(body, 9))


def measure(browser: Browser, viewport: str, url: str) -> list[Transfer]:
    """Everything a first visit to ``url`` fetches until the page is loaded and quiet."""
    context = browser.new_context(**VIEWPORTS[viewport])
    context.set_default_timeout(15_000)
    responses: list[Response] = []
    # The context, not the tab: it also sees what the search worker fetches.
    context.on("response", lambda answer: responses.append(answer))
    try:
        tab = context.new_page()
        response = tab.goto(url)
        assert response is not None, url
        assert response.ok, f"{url}: HTTP {response.status}"
        tab.wait_for_load_state("load")
        tab.wait_for_load_state("networkidle")
        transfers = []
        for answer in responses:
            if urlsplit(answer.url).scheme in {"data", "blob"}:
                continue
            if 300 <= answer.status < 400:  # a redirect has no body; its target is counted
                continue
            body = answer.body()
            content_type = answer.headers.get("content-type", "").split(";")[0].strip()
            transfers.append(
                Transfer(
                    url=answer.url,
                    kind=answer.request.resource_type,
                    content_type=content_type,
                    raw=len(body),
                    wire=wire_size(body, content_type),
                )
            )
        return transfers
    finally:
        with contextlib.suppress(Exception):
            context.close()


def breakdown(transfers: list[Transfer], base_url: str) -> str:
    lines = [f"{'gzip KB':>8} {'raw KB':>8}  {'kind':<10} URL"]
    for item in sorted(transfers, key=lambda t: -t.wire):
        path = item.url.removeprefix(base_url) or "/"
        lines.append(f"{item.wire / 1024:8.1f} {item.raw / 1024:8.1f}  {item.kind:<10} {path}")
    total_wire = sum(t.wire for t in transfers)
    total_raw = sum(t.raw for t in transfers)
    lines.append(
        f"{total_wire / 1024:8.1f} {total_raw / 1024:8.1f}  total      {len(transfers)} responses"
    )
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("name", ["home", "month", "post"])
def test_page_transfers_at_most_150_kb(
    name: str, viewport: str, browser: Browser, site_server: str, shipped_build: Build
) -> None:
    path = {"home": "", "month": "calendar/2019/04/", "post": post_path(shipped_build.site)}[name]
    transfers = measure(browser, viewport, site_server + path)
    assert any(t.kind == "document" for t in transfers), "the page itself was not recorded"
    assert any(t.kind == "stylesheet" for t in transfers), "no stylesheet was recorded"
    assert any(t.kind == "script" for t in transfers), "no script was recorded"
    if name == "post" and "post-lead" in shipped_build.page(path):
        assert any(t.kind == "image" and not t.url.endswith(".svg") for t in transfers), (
            "the post's lead picture was not fetched: the page weight would leave it out"
        )
    report = breakdown(transfers, site_server)
    print(f"\n{name} page /{path} on a {viewport}:\n{report}")
    total = sum(t.wire for t in transfers)
    assert total <= BUDGET, (
        f"/{path} on a {viewport} transfers {total / 1024:.1f} KB gzip, over the "
        f"{BUDGET / 1024:.0f} KB budget:\n{report}"
    )


# --- Pictures --------------------------------------------------------------------------------


def picture_size(data: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF, JPEG or WebP picture; None for other formats."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        chunk = data[12:16]
        if chunk == b"VP8X":
            width = int.from_bytes(data[24:27], "little") + 1
            return width, int.from_bytes(data[27:30], "little") + 1
        if chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        if chunk == b"VP8 ":
            width, height = struct.unpack("<HH", data[26:30])
            return width & 0x3FFF, height & 0x3FFF
        return None
    if data.startswith(b"\xff\xd8"):
        position = 2
        while position + 9 < len(data):
            if data[position] != 0xFF:
                position += 1
                continue
            marker = data[position + 1]
            if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
                position += 2
                continue
            (length,) = struct.unpack(">H", data[position + 2 : position + 4])
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[position + 5 : position + 9])
                return width, height
            position += 2 + length
    return None


def content_pictures(site: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """Every <img> in the content of every page (the header's logo is not content)."""
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for img in soup.select(".md-content img"):
            yield (
                page,
                {
                    key: " ".join(value) if isinstance(value, list) else str(value)
                    for key, value in img.attrs.items()
                },
            )


def test_post_and_listing_pictures_have_size_and_lazy_loading(shipped_build: Build) -> None:
    site = shipped_build.site
    pictures = list(content_pictures(site))
    classes = {cls for _, attrs in pictures for cls in attrs.get("class", "").split()}
    assert {"post-lead", "post-thumb"} <= classes, (
        "the shipped build should show a lead picture on a post and a thumbnail in a listing; "
        f"picture classes found: {sorted(classes)}"
    )
    problems = []
    for page, attrs in pictures:
        where = f"{page.relative_to(site)}: <img src={attrs.get('src')!r}>"
        width, height = attrs.get("width", ""), attrs.get("height", "")
        if not (width.isdigit() and height.isdigit() and int(width) > 0 and int(height) > 0):
            problems.append(f"{where} has no width/height (width={width!r} height={height!r})")
        if attrs.get("loading") != "lazy":
            problems.append(f"{where} has loading={attrs.get('loading')!r}, not 'lazy'")
        file = local_file(page, attrs.get("src", ""))
        if not file.is_file():
            problems.append(f"{where}: the picture is not in the site")
            continue
        # The attributes reserve the picture's box: their ratio must be the picture's.
        actual = picture_size(file.read_bytes())
        declared = (int(width), int(height)) if width.isdigit() and height.isdigit() else None
        if actual and declared and declared[1] and not same_ratio(declared, actual):
            problems.append(f"{where} says {width}×{height}, the file is {actual[0]}×{actual[1]}")
    report = "\n".join(problems)
    assert not problems, f"pictures without a reserved size or lazy loading:\n{report}"


def same_ratio(declared: tuple[int, int], actual: tuple[int, int]) -> bool:
    return abs(declared[0] / declared[1] - actual[0] / actual[1]) <= 0.02


# --- Logo and favicon ------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !!python/name and !ENV tags plain YAML does not know."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


@pytest.mark.parametrize("setting", ["logo", "favicon"])
def test_logo_and_favicon_are_small_svgs_of_our_own(setting: str, shipped_build: Build) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    name = (config.get("theme") or {}).get(setting)
    assert isinstance(name, str), f"mkdocs.yml sets no theme.{setting}: the theme's own is used"
    assert name.endswith(".svg"), f"theme.{setting} is {name}, not an SVG file"
    file = shipped_build.site / name
    assert file.is_file(), f"{name} is not in the built site"
    data = file.read_bytes()
    assert len(data) < ICON_LIMIT, f"{name} is {len(data)} bytes, not under {ICON_LIMIT}"
    root = ET.fromstring(data)
    assert root.tag == f"{SVG_NAMESPACE}svg", f"{name} is not an SVG document: <{root.tag}>"
    assert root.get("viewBox"), f"{name} has no viewBox: it would not scale"
    embedded = [
        element.tag.removeprefix(SVG_NAMESPACE)
        for element in root.iter()
        if element.tag.removeprefix(SVG_NAMESPACE) in {"image", "script", "foreignObject"}
    ]
    assert not embedded, f"{name} is not drawn in vector shapes: it embeds {embedded}"

    home = BeautifulSoup(shipped_build.page(""), "html.parser")
    if setting == "favicon":
        icons = [link.get("href", "") for link in home.select("link[rel~=icon]")]
        assert icons == [name], f"the home page's icon links are {icons}, not [{name!r}]"
    else:
        logos = {img.get("src", "") for img in home.select(".md-logo img")}
        assert logos == {name}, f"the header shows {logos}, not {name}"
