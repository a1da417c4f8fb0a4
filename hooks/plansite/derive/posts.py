"""Posts as safe HTML with their summaries and the files they publish.

Each body is rendered once (see :mod:`plansite.load.postbody` for the Markdown extensions and the
sanitising rules). Headings keep the levels the editor wrote, except that a body ``#``
heading becomes ``<h2>``: the post's title is the page's ``<h1>``.

Links to other posts' ``.md`` files become relative links to those posts' pages. A link to a
post that is not being rendered (a draft, or one scheduled for later) is turned into plain
text, so the site never links to a missing page; it becomes a link again once that post is
published. Links to files beside the post stay as written: the files are published under
the post's address, at the same relative paths.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from plansite import urls
from plansite.load.postbody import Reference, body_html, glossary_definitions
from plansite.model import Post, Term
from plansite.output import Asset
from plansite.urls import post_file_path, site_path

SUMMARY_CHARS = 300
"""A summary taken from the body is cut near this length, at a word boundary."""

_LINK = re.compile(r'<a((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*="[^"]*")*)>(.*?)</a>', re.DOTALL)
_HREF = re.compile(r'\shref="([^"]*)"')
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_FOOTNOTE_REF = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class RenderedPost:
    post: Post
    html: str
    """The sanitised body; ``<h1>`` is left to the page (the post's title)."""
    summary: str
    """The post's ``summary``, or the start of its first paragraph, as plain text."""
    files: tuple[Asset, ...]
    """The files the post uses, at ``post.url_path`` + their path beside the post."""

    @property
    def lead_picture(self) -> Asset | None:
        """The published file of the post's ``image``, if it has one."""
        if not self.post.image:
            return None
        path = post_file_path(self.post.url_path, self.post.image)
        return next((asset for asset in self.files if asset.path == path), None)


def render_posts(
    posts: Sequence[Post],
    glossary: tuple[Term, ...],
    project_dir: Path,
    bodies: Mapping[str, str] | None = None,
    hidden: frozenset[str] = frozenset(),
) -> tuple[RenderedPost, ...]:
    """Render ``posts`` in the given order; links between them are resolved among ``posts``.

    ``bodies`` holds bodies the loader already rendered (by source path): they are reused,
    so no post is converted from Markdown twice. ``hidden`` are the addresses of posts not
    rendered (drafts, scheduled): site-path links to them are shown as text.
    """
    by_source = {post.source: post for post in posts}
    abbreviations = glossary_definitions(glossary)
    bodies = bodies or {}
    return tuple(
        _render(post, by_source, bodies.get(post.source), abbreviations, project_dir, hidden)
        for post in posts
    )


def _render(
    post: Post,
    by_source: dict[str, Post],
    body: str | None,
    abbreviations: str,
    project_dir: Path,
    hidden: frozenset[str],
) -> RenderedPost:
    if body is None:
        body = body_html(post.body, abbreviations)
    body = _rewrite_post_links(body, post, by_source, hidden)
    return RenderedPost(
        post=post,
        html=body,
        summary=post.summary or summary_from_html(body),
        files=post_files(post, project_dir),
    )


def post_files(post: Post, project_dir: Path) -> tuple[Asset, ...]:
    """The files beside ``post`` that it uses, read from disk, at their published paths."""
    folder = project_dir / posixpath.dirname(post.source)
    return tuple(
        Asset(post_file_path(post.url_path, relpath), (folder / relpath).read_bytes())
        for relpath in post.files
    )


def post_link(from_post: Post, to_post: Post) -> str:
    """A relative URL from one post's page to another's: ``../../05/other/``."""
    return posixpath.relpath(to_post.url_path, from_post.url_path) + "/"


def _rewrite_post_links(
    body: str, post: Post, by_source: dict[str, Post], hidden: frozenset[str]
) -> str:
    """Links to posts' files and site paths made relative to the post's page.

    A site path (``/plan/2019/``) is read from the site's root: made relative, it works on
    a site served under a path (``https://host/smolensk/``) and in feeds, where links are
    resolved against the post's absolute URL.
    """

    def rewrite(match: re.Match[str]) -> str:
        attributes, content = match.group(1), match.group(2)
        href = _HREF.search(attributes)
        reference = Reference(url=html.unescape(href.group(1)), picture=False) if href else None
        if reference is not None and reference.site_path:
            target = site_path(reference.url)
            if target in hidden or target + "/" in hidden:
                return content
            url = urls.relative_url(post.url_path, target) + _query_and_anchor(reference.url)
        elif reference is None or not reference.local or not reference.to_post:
            return match.group(0)
        else:
            source = posixpath.join(posixpath.dirname(post.source), reference.path)
            other = by_source.get(posixpath.normpath(source))
            if other is None:
                return content
            url = post_link(post, other) + reference.anchor
        url = html.escape(url, quote=True)
        attributes = _HREF.sub(lambda _: f' href="{url}"', attributes, count=1)
        return f"<a{attributes}>{content}</a>"

    return _LINK.sub(rewrite, body)


def _query_and_anchor(url: str) -> str:
    """``?a=1#part`` of a URL, as written."""
    found = re.search(r"[?#]", url)
    return url[found.start() :] if found else ""


def summary_from_html(body: str) -> str:
    """Plain text of the first paragraph that has text, cut at a word near SUMMARY_CHARS."""
    for match in _PARAGRAPH.finditer(body):
        text = " ".join(html.unescape(_TAG.sub("", _FOOTNOTE_REF.sub("", match.group(1)))).split())
        if text:
            return shorten(text)
    return ""


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    """``text`` cut at the last word boundary before ``limit``, with «…» when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + "…"
