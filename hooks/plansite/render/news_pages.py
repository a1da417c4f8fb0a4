"""Markdown for the news pages: posts, the news list, categories, municipalities, tags, years."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from urllib.parse import quote

from plansite import urls
from plansite.derive.feed_catalog import FeedInfo, feeds_of_page
from plansite.derive.news_index import NewsIndex
from plansite.derive.posts import RenderedPost
from plansite.load.images import size_attributes
from plansite.load.taxonomy import Taxonomy
from plansite.model import PlanData, Post, PostStatus
from plansite.output import BODY_PLACEHOLDER, Page
from plansite.render.listing_feeds import feed_links, feed_meta
from plansite.render.markup import front_matter, heading, link, text
from plansite.render.municipality_pages import municipality_pages
from plansite.render.news_listing import (
    DRAFT_MARK,
    compact_list,
    post_byline,
    post_link,
    post_list,
    posts_count,
)
from plansite.render.search import NOT_INDEXED, SearchMeta, search_meta
from plansite.render.structured import news_article_ld, post_social
from plansite.typography import typeset
from plansite.urls import tag_slug

PAGE_SIZE = 10


def news_pages(
    index: NewsIndex,
    data: PlanData,
    taxonomy: Taxonomy,
    site_url: str,
    feeds: Sequence[FeedInfo] = (),
) -> list[Page]:
    """Every news page; each listing advertises its own feeds from ``feeds``."""
    categories, municipalities = taxonomy.categories, taxonomy.municipalities
    own = functools.partial(_own_feeds, feeds)
    pages = [post_page(index, position, data, site_url) for position in range(len(index.posts))]
    base = urls.NEWS_BASE
    pages += paginated(base, "Новости", index.posts, "Все новости отделения.", own(base))
    for category in categories:
        posts = index.by_category.get(category.id, ())
        base = urls.category_base(category.id)
        pages += paginated(base, category.name, posts, category.description, own(base))
    pages += municipality_pages(
        index, data, municipalities, lambda m: own(urls.municipality_base(m.id))
    )
    pages.append(tags_page(index))
    for slug, posts in sorted(index.by_tag.items()):
        name = index.tag_names[slug]
        description = f"Новости с меткой «{name}»."
        base = urls.tag_base(slug)
        pages.append(archive_page(base, f"Метка «{name}»", posts, description, own(base)))
    for year, posts in sorted(index.by_year.items()):
        title, description = f"Новости {year} года", f"Архив новостей за {year} год."
        pages.append(archive_page(urls.year_archive_base(year), title, posts, description))
    return pages


def _own_feeds(catalog: Sequence[FeedInfo], base: str) -> tuple[FeedInfo, ...]:
    return feeds_of_page(catalog, urls.listing_page(base))


def archive_page(
    base: str,
    title: str,
    posts: Sequence[RenderedPost],
    description: str,
    feeds: Sequence[FeedInfo] = (),
    search: SearchMeta | None = None,
) -> Page:
    """Every post of a municipality, tag or year on one page, by title and date.

    Only the news list and categories are paginated with summaries: archives stay one
    page each, which keeps the number of pages, and the build time, close to the posts'.
    With ``search`` the page is found by its name, never by the titles it lists.
    """
    src = urls.listing_src(base, 1)
    parts = [
        front_matter(title, description, **(search or {}), **feed_meta(feeds)),
        heading(1, title),
        f"{text(description)} {posts_count(len(posts))}.\n\n",
        feed_links(src, feeds),
        f"{BODY_PLACEHOLDER}\n\n",
    ]
    body = compact_list(src, posts) or "<p>Записей пока нет.</p>"
    if search:
        body = f"<div {NOT_INDEXED}>\n{body}</div>\n"
    return Page(src, "".join(parts), body_html=body, tooltips=False)


def post_page(index: NewsIndex, position: int, data: PlanData, site_url: str) -> Page:
    rendered = index.posts[position]
    post = rendered.post
    src = urls.post_src(post.url_path)
    organization = data.organization
    parts = [
        front_matter(
            post.title,
            rendered.summary,
            social=post_social(post, site_url),
            jsonld=news_article_ld(post, rendered.summary, organization, site_url),
            **search_meta(
                "post",
                day=post.published.date(),
                year=post.published.year,
                category=post.category.name,
                municipalities=[m.name for m in post.municipalities],
            ),
        ),
        heading(1, post.title),
        _draft_notice(post),
        f"{post_byline(src, post)}{_municipality_links(src, post)}\n{{ .post-byline }}\n\n",
        _lead_picture(rendered),
        f'<div class="post-body" markdown="0">\n{BODY_PLACEHOLDER}\n</div>\n\n',
        _activity_links(src, post, data),
        _tag_links(src, post),
        share_links(post.title, urls.absolute(site_url, post.url_path)),
        _neighbours(src, index.posts, position),
    ]
    return Page(src, "".join(parts), body_html=rendered.html)


SHARE_TARGETS = (
    ("ВКонтакте", "https://vk.com/share.php?url={url}&title={title}"),
    ("Telegram", "https://t.me/share/url?url={url}&text={title}"),
    ("Одноклассники", "https://connect.ok.ru/offer?url={url}&title={title}"),
)


def share_links(title: str, url: str) -> str:
    """Plain share links: nothing loads from those sites until a reader clicks."""
    values = {"url": quote(url, safe=""), "title": quote(title, safe="")}
    links = [f"[{name}]({pattern.format(**values)})" for name, pattern in SHARE_TARGETS]
    return "Поделиться: " + " · ".join(links) + f"\n{{ .share-links {NOT_INDEXED} }}\n\n"


def _draft_notice(post: Post) -> str:
    if post.status is not PostStatus.DRAFT:
        return ""
    return (
        f'!!! warning "{DRAFT_MARK}"\n'
        "    "
        + typeset(
            "Эта запись — черновик: она видна только при предварительном просмотре "
            "и не будет опубликована, пока в ней указано «draft: true»."
        )
        + "\n\n"
    )


def _municipality_links(src: str, post: Post) -> str:
    links = [
        link(m.name, src, urls.listing_src(urls.municipality_base(m.id), 1))
        for m in post.municipalities
    ]
    return " · " + ", ".join(links) if links else ""


def _lead_picture(rendered: RenderedPost) -> str:
    picture = rendered.lead_picture
    if picture is None or rendered.post.image is None:
        return ""
    size = size_attributes(picture.content)
    alt = text(rendered.post.title)
    target = quote(rendered.post.image)  # «Семинар #2.png» is a file name, not an anchor
    return f"![{alt}]({target}){{ .post-lead loading=lazy{size} }}\n\n"


def _activity_links(src: str, post: Post, data: PlanData) -> str:
    """The plan activities the post reports on, under one heading per plan year."""
    parts = []
    for year in sorted({ref.year for ref in post.plan_refs}):
        plan = data.plan_for(year)
        if plan is None:
            continue
        titles = {activity.id: activity.title for activity in plan.activities}
        lines = [
            f"- {link(titles[ref.activity_id], src, urls.activity_src(year, ref.activity_id))}\n"
            for ref in post.plan_refs
            if ref.year == year and ref.activity_id in titles
        ]
        anchor = "plan" if year == post.plan_year else f"plan-{year}"
        parts.append(heading(2, f"Выполнение плана на {year} год", anchor) + "".join(lines) + "\n")
    return "".join(parts)


def _tag_links(src: str, post: Post) -> str:
    if not post.tags:
        return ""
    links = [link(tag, src, urls.listing_src(urls.tag_base(tag_slug(tag)), 1)) for tag in post.tags]
    return f"Метки: {', '.join(links)}\n{{ .post-tags }}\n\n"


def _neighbours(src: str, posts: Sequence[RenderedPost], position: int) -> str:
    """Links to the newer and the older post."""
    items = []
    if position > 0:
        items.append(f"Новее: {post_link(src, posts[position - 1].post)}")
    if position + 1 < len(posts):
        items.append(f"Раньше: {post_link(src, posts[position + 1].post)}")
    return " · ".join(items) + f"\n{{ .post-neighbours {NOT_INDEXED} }}\n\n" if items else ""


def paginated(
    base: str,
    title: str,
    posts: Sequence[RenderedPost],
    description: str = "",
    feeds: Sequence[FeedInfo] = (),
) -> list[Page]:
    """A listing split into pages of PAGE_SIZE posts with numbered page links."""
    count = max(1, -(-len(posts) // PAGE_SIZE))
    pages = []
    for number in range(1, count + 1):
        src = urls.listing_src(base, number)
        chunk = posts[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        page_title = title if number == 1 else f"{title} — страница {number}"
        parts = [
            front_matter(page_title, description, **feed_meta(feeds)),
            heading(1, page_title),
            f"{text(description)} {posts_count(len(posts))}.\n\n" if description else "",
            feed_links(src, feeds) if number == 1 else "",
            f"{BODY_PLACEHOLDER}\n\n",
            _pager(src, base, number, count),
        ]
        body = post_list(src, chunk) or "<p>Записей пока нет.</p>"
        pages.append(Page(src, "".join(parts), body_html=body, tooltips=False))
    return pages


PAGER_REACH = 2
"""Page links shown either side of the current one: a pager of constant size, so a listing
of N pages costs O(N) links, not O(N²)."""


def pager_numbers(number: int, count: int) -> list[int | None]:
    """Page numbers to link: first, last and a window around ``number``; None marks a gap."""
    shown = {1, count, *range(number - PAGER_REACH, number + PAGER_REACH + 1)}
    numbers: list[int | None] = []
    for n in sorted(n for n in shown if 1 <= n <= count):
        if numbers and n - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(n)
    return numbers


def _pager(src: str, base: str, number: int, count: int) -> str:
    if count == 1:
        return ""
    target: Callable[[int], str] = lambda n: urls.listing_src(base, n)  # noqa: E731
    items = [
        "…" if n is None else f"**{n}**" if n == number else link(str(n), src, target(n))
        for n in pager_numbers(number, count)
    ]
    if number > 1:
        items.insert(0, link("← Новее", src, target(number - 1)))
    if number < count:
        items.append(link("Раньше →", src, target(number + 1)))
    return "Страницы: " + " ".join(items) + "\n{ .pager }\n\n"


def tags_page(index: NewsIndex) -> Page:
    src = urls.TAGS_SRC
    title = "Метки"
    entries = sorted(index.tag_names.items(), key=lambda item: item[1].lower())
    lines = [
        f"- {link(name, src, urls.listing_src(urls.tag_base(slug), 1))} — "
        f"{posts_count(len(index.by_tag[slug]))}\n"
        for slug, name in entries
    ]
    body = "".join(lines) or "Меток пока нет.\n"
    return Page(
        src,
        front_matter(title, "Все метки новостей.") + heading(1, title) + body,
    )
