"""Markdown for posts inside listings: one short entry per post, never its body."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from plansite import urls
from plansite.images import size_attributes
from plansite.markup import link, text
from plansite.model import Post, PostStatus
from plansite.post_render import RenderedPost
from plansite.russian import long_date, plural

DRAFT_MARK = "Черновик"


def posts_count(count: int) -> str:
    return plural(count, "запись", "записи", "записей")


def post_link(src: str, post: Post) -> str:
    return link(post.title, src, urls.post_src(post.url_path))


def post_byline(src: str, post: Post) -> str:
    """«19 апреля 2019 г. · Деятельность отделения», with the draft mark if it is one."""
    category = urls.listing_src(urls.category_base(post.category.id), 1)
    parts = [long_date(post.published.date()), link(post.category.name, src, category)]
    if post.status is PostStatus.DRAFT:
        parts.insert(0, f"**{DRAFT_MARK}**")
    return " · ".join(parts)


def post_entry(src: str, rendered: RenderedPost, with_picture: bool = True) -> str:
    post = rendered.post
    lines = [f"- **{post_link(src, post)}**  ", f"  {post_byline(src, post)}  "]
    picture = rendered.lead_picture
    if with_picture and picture:
        target = quote(urls.relative_link(src, picture.path))
        size = size_attributes(picture.content)
        lines.append(f"  ![]({target}){{ .post-thumb loading=lazy{size} }}  ")
    if rendered.summary:
        lines.append(f"  {text(rendered.summary)}")
    return "\n".join(lines) + "\n\n"


def post_list(src: str, posts: Sequence[RenderedPost], with_picture: bool = True) -> str:
    return "".join(post_entry(src, rendered, with_picture) for rendered in posts)
