"""Posts inside listings: one short entry per post, never its body."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from plansite import urls
from plansite.derive.posts import RenderedPost
from plansite.load.images import picture_size
from plansite.model import Post, PostStatus
from plansite.render.markup import link
from plansite.russian import plural
from plansite.typography import site_date

DRAFT_MARK = "Черновик"


def posts_count(count: int) -> str:
    return plural(count, "запись", "записи", "записей")


def post_link(src: str, post: Post) -> str:
    return link(post.title, src, urls.post_src(post.url_path))


def post_byline(src: str, post: Post) -> str:
    """«19 апреля 2019 г. · Деятельность отделения», with the draft mark if it is one."""
    category = urls.listing_src(urls.category_base(post.category.id), 1)
    parts = [site_date(post.published.date()), link(post.category.name, src, category)]
    if post.status is PostStatus.DRAFT:
        parts.insert(0, f"**{DRAFT_MARK}**")
    return " · ".join(parts)


def post_list(src: str, posts: Sequence[RenderedPost], with_picture: bool = True) -> str:
    """Posts as a ready HTML list: listings are the most numerous pages, and HTML written
    here costs the engine nothing to convert (an empty string when there are no posts)."""
    if not posts:
        return ""
    here = urls.page_url(src)
    items = "".join(_entry(here, rendered, with_picture) for rendered in posts)
    return f'<ul class="post-list">\n{items}</ul>\n\n'


def compact_list(src: str, posts: Sequence[RenderedPost]) -> str:
    """Title and date of each post, for archives that list every post on one page."""
    here = urls.page_url(src)
    items = "".join(
        f'<li><strong><a href="{urls.relative_url(here, r.post.url_path)}">'
        f"{escape(r.post.title)}</a></strong> · {escape(site_date(r.post.published.date()))}</li>\n"
        for r in posts
    )
    return f'<ul class="post-archive">\n{items}</ul>\n\n' if posts else ""


def _entry(here: str, rendered: RenderedPost, with_picture: bool) -> str:
    post = rendered.post
    link_to = functools.partial(urls.relative_url, here)
    category = urls.page_url(urls.listing_src(urls.category_base(post.category.id), 1))
    byline = [
        escape(site_date(post.published.date())),
        f'<a href="{link_to(category)}">{escape(post.category.name)}</a>',
    ]
    if post.status is PostStatus.DRAFT:
        byline.insert(0, f"<strong>{DRAFT_MARK}</strong>")
    parts = [
        f'<strong><a href="{link_to(post.url_path)}">{escape(post.title)}</a></strong>',
        " · ".join(byline),
    ]
    picture = rendered.lead_picture
    if with_picture and picture:
        size = picture_size(picture.content)
        dimensions = f' width="{size[0]}" height="{size[1]}"' if size else ""
        source = escape(quote(link_to(picture.path)))
        parts.append(f'<img class="post-thumb" src="{source}" alt="" loading="lazy"{dimensions}>')
    if rendered.summary:
        parts.append(escape(rendered.summary))
    return "<li>" + "<br>\n".join(parts) + "</li>\n"
