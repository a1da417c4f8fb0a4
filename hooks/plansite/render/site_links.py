"""Links in post bodies to pages of the site, written as site paths (``/plan/2019/``).

Such a path is read from the site's root, wherever the site is served: on a site at
``https://host/smolensk/`` the link ``/plan/2019/`` leads to ``https://host/smolensk/plan/2019/``
(the post page's link is made relative, see :mod:`plansite.derive.posts`). Every such link
is checked once all pages and files of the build are known: a link to a page that does not
exist stops the build with the post's file and line.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path

from plansite import urls
from plansite.load.docs_pages import DOCS_DIR
from plansite.model import Post
from plansite.output import Asset, Page
from plansite.problems import Problem
from plansite.urls import site_path

ENGINE_OUTPUTS = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html"})
"""Files MkDocs writes itself, beside the pages and files plansite generates."""


def known_paths(
    pages: Iterable[Page], assets: Iterable[Asset], posts: Iterable[Post], project_dir: Path
) -> frozenset[str]:
    """Every site path a link may lead to: generated pages and files, every post (a draft's
    link is shown as text until it is published), hand-written pages and their files."""
    known = {urls.page_url(page.src) for page in pages} | {asset.path for asset in assets}
    known |= {post.url_path for post in posts} | ENGINE_OUTPUTS
    docs = project_dir / DOCS_DIR
    for path in docs.rglob("*") if docs.is_dir() else ():
        relpath = path.relative_to(docs).as_posix()
        if not any(part.startswith(".") for part in path.relative_to(docs).parts):
            known.add(urls.page_url(relpath) if relpath.endswith(".md") else relpath)
    return frozenset(known)


def exists(path: str, known: frozenset[str]) -> bool:
    """A page is found with or without its final ``/`` (``/plan/2019`` is ``/plan/2019/``)."""
    return path in known or (path.rstrip("/") + "/") in known


def dead_link_problems(posts: Sequence[Post], known: frozenset[str]) -> list[Problem]:
    problems = []
    pages = sorted(path for path in known if path.endswith("/") or not path)
    for post in posts:
        for link in post.site_links:
            target = site_path(link.path)
            if exists(target, known):
                continue
            near = difflib.get_close_matches(target, pages, n=1, cutoff=0.7)
            hint = f" Возможно, имелось в виду «/{near[0]}»." if near else ""
            problems.append(
                Problem(
                    post.source,
                    link.line,
                    "текст",
                    f"ссылка «{link.path}» ведёт на страницу сайта, которой нет: проверьте "
                    f"адрес (он пишется от начала сайта, например «/plan/2019/»).{hint}",
                )
            )
    return problems
