"""The site's public URL scheme, in one place.

Every generated page has a source path (``plan/2019/thematic-lessons.md``) that the engine
turns into a directory URL (``plan/2019/thematic-lessons/``). URLs are built from ids and
dates only, never from titles, so fixing a typo never breaks a link or a feed GUID.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from datetime import date
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from slugify import slugify

_NAME_DATE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{8})[-_]")


def page_url(src: str) -> str:
    """The site-relative directory URL of a page source path (``a/b.md`` → ``a/b/``)."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def absolute(site_url: str, path: str) -> str:
    """Join a site-relative path onto the site URL."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def relative_url(from_url: str, to_path: str) -> str:
    """A link from the page at directory URL ``from_url`` to a site path: a page's directory
    URL (``news/2019/04/uroki/``) or a file (``news/2019/04/uroki/pic.png``)."""
    relative = _relative_path(to_path, from_url)
    return relative + "/" if to_path.endswith("/") or not to_path else relative


def relative_link(from_src: str, to_src: str) -> str:
    """A link from one source file to another, as written in a generated Markdown page."""
    return _relative_path(to_src, posixpath.dirname(from_src))


def _relative_path(target: str, start: str) -> str:
    """``posixpath.relpath(target or ".", start or ".")`` for the site's own paths.

    Those are relative and already normal, so comparing their parts gives the same answer
    without ``relpath``'s work on the current directory, the build's costliest step once
    thousands of links are written. Anything else goes to ``relpath`` itself.
    """
    target_parts = [part for part in target.split("/") if part]
    start_parts = [part for part in start.split("/") if part]
    if (
        target.startswith("/")
        or start.startswith("/")
        or _UNUSUAL.intersection(target_parts + start_parts)
    ):
        return posixpath.relpath(target or ".", start or ".")
    common = 0
    for ours, theirs in zip(target_parts, start_parts, strict=False):
        if ours != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


_UNUSUAL = frozenset({".", ".."})


def home_src() -> str:
    return "index.md"


def plan_src(year: int) -> str:
    return f"plan/{year}/index.md"


def activity_src(year: int, activity_id: str) -> str:
    return f"plan/{year}/{activity_id}.md"


def year_calendar_src(year: int) -> str:
    return f"calendar/{year}/index.md"


def month_src(year: int, month: int) -> str:
    return f"calendar/{year}/{month:02d}.md"


def plan_json_path(year: int) -> str:
    return f"plan/{year}/plan.json"


def plan_csv_path(year: int) -> str:
    return f"plan/{year}/plan.csv"


ICS_PATH = "calendar.ics"
"""The full plan: dated events, deadlines and the months-long activities."""
ICS_DATES_PATH = "calendar-dates.ics"
"""Dated events and deadlines only: what a journalist adds to their own calendar."""
GLOSSARY_SRC = "glossary.md"


def report_src(year: int) -> str:
    return f"plan/{year}/report.md"


def post_slug(source: str) -> str:
    """The slug of a post file: leading date stripped, transliterated; ``index.md`` → folder.

    ``news/2019/2019-04-19-тематические-уроки.md`` → ``tematicheskie-uroki``; empty when the
    name holds no letters or digits.
    """
    path = PurePosixPath(source)
    stem = path.parent.name if path.name.lower() == "index.md" else path.stem
    return slugify(_NAME_DATE.sub("", stem), lowercase=True)


def post_url(published: date, slug: str) -> str:
    """A post page's site-relative URL, ``news/2019/04/uroki/``: from its date and slug only.

    ``published`` is the post's own date (a datetime in the post's zone, or a day).
    """
    return f"{NEWS_BASE}/{published:%Y}/{published:%m}/{slug}/"


def post_file_path(post_url_path: str, relpath: str) -> str:
    """Where a file beside a post (``img/a.png``) is published: under the post's URL."""
    return post_url_path + posixpath.normpath(relpath)


def post_src(url_path: str) -> str:
    """A post page's source path from its URL path (``news/2019/04/uroki/``)."""
    return f"{url_path}index.md"


def listing_src(base: str, page: int) -> str:
    """Page ``page`` of a paginated listing rooted at ``base`` (``news/category/branch``)."""
    return f"{base}/index.md" if page == 1 else f"{base}/page/{page}.md"


NEWS_BASE = "news"
MUNICIPALITIES_SRC = "municipalities/index.md"
TAGS_SRC = "news/tag/index.md"
PRESS_SRC = "press.md"
RSS_PATH = "rss.xml"
ATOM_PATH = "atom.xml"
LOGO_PATH = "assets/logo.svg"
CARD_IMAGE_PATH = "assets/card.png"
"""The 1200 × 630 picture social networks show for a page without one of its own; also the
Dzen cover of a post without a picture that wide."""
DZEN_PATH = "feeds/dzen.xml"
YANDEX_PATH = "feeds/yandex.xml"
OPML_PATH = "feeds.opml"
LOGO_PNG_PATH = "assets/logo.png"
"""The logo drawn from ``LOGO_PATH`` for the press kit (``scripts/logo_png.py``)."""


def category_base(category_id: str) -> str:
    return f"news/category/{category_id}"


def municipality_base(municipality_id: str) -> str:
    return f"municipalities/{municipality_id}"


def tag_base(slug: str) -> str:
    return f"news/tag/{slug}"


def year_archive_base(year: int) -> str:
    return f"news/{year}"


def listing_page(base: str) -> str:
    """The directory URL of a listing's first page (``news/category/branch/``)."""
    return page_url(listing_src(base, 1))


def listing_rss_path(base: str) -> str:
    """The RSS feed beside a listing: ``news/category/branch/rss.xml``."""
    return f"{base}/{RSS_PATH}"


def listing_atom_path(base: str) -> str:
    return f"{base}/{ATOM_PATH}"


def webcal(site_url: str, path: str) -> str:
    """The ``webcal://`` address of a calendar file: phones open it as a subscription."""
    parts = urlsplit(absolute(site_url, path))
    return f"webcal://{parts.netloc}{parts.path}"


def docs_link_target(from_src: str, url: str) -> str | None:
    """The file a link in a hand-written page points to, as a path inside ``docs/``; None
    when the site engine does not resolve it to a file (another site, an absolute path, an
    anchor, an e-mail, a path without an extension). Mirrors ``Page.path_to_url`` of
    MkDocs 1.6 (``mkdocs/structure/pages.py``)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("/", "\\")) or not parts.path:
        return None
    if "\x02amp\x03" in url:  # Markdown's stand-in for an obfuscated e-mail address
        return None
    path = unquote(parts.path)
    if not posixpath.splitext(path)[1]:
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path).lstrip("/"))


_PLAIN_TAG = re.compile(r"[^\W_]+(?:[ -][^\W_]+)*")
"""Words of letters and digits joined by single spaces or hyphens: transliterated as they are."""


def tag_key(tag: str) -> str:
    """When two tags are the same tag: letter case, «ё»/«е» and runs of spaces do not count."""
    return " ".join(tag.casefold().replace("ё", "е").split())


@functools.lru_cache(maxsize=4096)  # a few tags, written on thousands of posts
def tag_slug(tag: str) -> str:
    """The address part of a tag: «молодёжь» → ``molodezh``.

    Transliteration drops punctuation and emoji, so «C++», «C#» and «C» would share one
    page: a tag with anything but letters, digits, spaces and hyphens gets a short hash of
    its key appended (``c-3f2a9b1c``), the same in every build. Plain tags that still
    transliterate alike («мел», «мель») are refused by the loader.
    """
    key = tag_key(tag)
    slug = slugify(tag, lowercase=True)
    if slug and _PLAIN_TAG.fullmatch(key):
        return slug
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else f"tag-{digest}"


def site_path(url: str) -> str:
    """The site-relative path a site-path link leads to: ``/plan/2019/#x`` → ``plan/2019/``."""
    path = unquote(re.split(r"[?#]", url.strip(), maxsplit=1)[0])
    directory = path.endswith("/")
    path = posixpath.normpath("/" + path).lstrip("/")  # «..» cannot climb above the root
    if path == "index.html" or path.endswith("/index.html"):
        path, directory = path.removesuffix("index.html").rstrip("/"), True
    if not path:
        return ""
    return path + "/" if directory else path


ADMIN_DIR = "admin"
"""The browser editor: in the preview always, on the published site only when configured."""
ADMIN_PAGE_PATH = f"{ADMIN_DIR}/index.html"
CMS_CONFIG_PATH = f"{ADMIN_DIR}/config.yml"
PREVIEW_SCRIPT_PATH = "assets/plansite-preview.js"
"""Preview only: shows the notice listing a failed rebuild's problems on every page."""
PREVIEW_PROBLEMS_PATH = "assets/plansite-problems.json"
"""Preview only: the problems of the last rebuild, which the preview script polls."""
