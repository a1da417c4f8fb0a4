"""What is kept of a page between builds, and the keys it is kept under.

A page is built in two steps, and each is reused on its own: its Markdown becomes HTML
(depends on the Markdown, the page's place and the site), then the theme wraps that HTML
into the page file (depends also on the navigation, the page's final HTML, title, metadata
and table of contents). Changing a navigation title re-wraps every page without converting
any Markdown again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from plansite.cache.fingerprint import digest, json_digest


@dataclass(frozen=True)
class Heading:
    """An entry of a page's table of contents."""

    title: str
    id: str
    level: int
    children: tuple[Heading, ...] = ()


@dataclass(frozen=True)
class RenderedMarkdown:
    """The result of converting one page's Markdown, as the engine keeps it on the page."""

    html: str
    title: str | None
    """The first ``<h1>`` found while converting, or None."""
    toc: tuple[Heading, ...]
    anchors: tuple[str, ...]
    """Ids present in the page, sorted: other pages' links to them are checked."""
    links_to_anchors: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """Links to anchors of other pages, by the source path of the page linked to."""

    def to_bytes(self) -> bytes:
        value = {
            "html": self.html,
            "title": self.title,
            "toc": [_heading_value(heading) for heading in self.toc],
            "anchors": list(self.anchors),
            "links": [
                [source, [list(link) for link in links]] for source, links in self.links_to_anchors
            ],
        }
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> RenderedMarkdown:
        """Raises ValueError (or KeyError, TypeError) for bytes not written by ``to_bytes``."""
        value = json.loads(data)
        title = value["title"]
        if not isinstance(value["html"], str) or not (title is None or isinstance(title, str)):
            raise ValueError("not a rendered page")
        return cls(
            html=value["html"],
            title=title,
            toc=tuple(_heading(item) for item in value["toc"]),
            anchors=tuple(str(anchor) for anchor in value["anchors"]),
            links_to_anchors=tuple(
                (str(source), tuple((str(anchor), str(url)) for anchor, url in links))
                for source, links in value["links"]
            ),
        )


def _heading_value(heading: Heading) -> dict[str, object]:
    return {
        "title": heading.title,
        "id": heading.id,
        "level": heading.level,
        "children": [_heading_value(child) for child in heading.children],
    }


def _heading(value: dict[str, object]) -> Heading:
    children = value["children"]
    if not isinstance(children, list):
        raise ValueError("not a heading")
    return Heading(
        title=str(value["title"]),
        id=str(value["id"]),
        level=int(str(value["level"])),
        children=tuple(_heading(child) for child in children),
    )


def markdown_key(site: str, source: str, url: str, markdown: str) -> str:
    """Key of a page's converted Markdown: ``site`` is the site fingerprint (see
    :func:`site_fingerprint`), which also covers every file links can point to."""
    return digest("markdown", site, source, url, markdown)


def page_key(
    purpose: str,
    site: str,
    navigation: str,
    source: str,
    url: str,
    html: str,
    title: str,
    meta: object,
    toc: tuple[Heading, ...],
) -> str:
    """Key of what is made from a converted page: its file (the theme sees the page, the
    navigation and the site) or its search entries; ``purpose`` tells them apart."""
    toc_value = [_heading_value(heading) for heading in toc]
    return digest(
        purpose, site, navigation, source, url, html, title, json_digest([meta, toc_value])
    )


def site_fingerprint(
    software: str, config: object, theme: str, files: list[tuple[str, str]]
) -> str:
    """One digest of what every page depends on.

    ``software``: :func:`~plansite.cache.fingerprint.software_digest`; ``config``: the
    engine's configuration as JSON-able data; ``theme``: a digest of the theme's templates
    and overrides; ``files``: every file of the site as ``(source, url)``, since a link in
    any page converts differently once the file it names appears or goes.
    """
    return digest(software, json_digest(config), theme, json_digest(sorted(files)))
