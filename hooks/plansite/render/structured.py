"""Structured data for link previews and search engines: JSON-LD and Open Graph fields.

The JSON is made safe to print raw inside ``<script type="application/ld+json">``: ``<``,
``>`` and ``&`` are written as ``\\u`` escapes, so no text can close the script element.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from plansite import urls
from plansite.model import Activity, Event, Organization, Post

SCHEMA = "https://schema.org"
"""The branch's default link-preview picture, 1200×630."""


def script_json(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def organization_ld(organization: Organization, site_url: str) -> str:
    return script_json(_organization(organization, site_url))


def _organization(organization: Organization, site_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": organization.name,
        "alternateName": organization.short_name,
        "url": urls.absolute(site_url, ""),
        "logo": urls.absolute(site_url, urls.LOGO_PATH),
        "description": organization.about,
        "areaServed": "Смоленская область",
    }
    if organization.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": organization.address}
    if organization.email:
        data["email"] = organization.email
    if organization.phone:
        data["telephone"] = organization.phone
    data["contactPoint"] = {
        "@type": "ContactPoint",
        "contactType": "press",
        "description": organization.press_contact,
        "url": urls.absolute(site_url, urls.page_url(urls.PRESS_SRC)),
    }
    return data


def news_article_ld(post: Post, summary: str, organization: Organization, site_url: str) -> str:
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": post.title[:110],
        "description": summary,
        "datePublished": post.published.isoformat(),
        "url": urls.absolute(site_url, post.url_path),
        "mainEntityOfPage": urls.absolute(site_url, post.url_path),
        "image": [post_image_url(post, site_url)],
        "articleSection": post.category.name,
        "inLanguage": "ru",
        "author": {"@type": "Organization", "name": organization.short_name},
        "publisher": _organization(organization, site_url),
    }
    if post.tags:
        data["keywords"] = ", ".join(post.tags)
    return script_json(data)


def post_image_url(post: Post, site_url: str) -> str:
    """The post's lead picture, or the branch's card when it has none."""
    path = urls.post_file_path(post.url_path, post.image) if post.image else urls.CARD_IMAGE_PATH
    return urls.absolute(site_url, path)


def post_social(post: Post, site_url: str) -> dict[str, str]:
    """Open Graph fields of a post for the theme's ``<meta property="og:…">`` tags."""
    return {
        "type": "article",
        "image": post_image_url(post, site_url),
        "published_time": post.published.isoformat(),
        "section": post.category.name,
    }


def events_ld(activity: Activity, organization: Organization, page_url: str) -> str:
    """Schema.org Events for an activity's dated events."""
    return script_json(
        [_event(activity, event, organization, page_url) for event in activity.events]
    )


def _start(event: Event) -> str:
    """ISO date, or date and time with the Moscow offset (plan times are Moscow time)."""
    if event.time is None:
        return event.date.isoformat()
    return datetime.combine(event.date, event.time).isoformat() + "+03:00"


def _event(
    activity: Activity, event: Event, organization: Organization, page_url: str
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": event.title,
        "description": activity.title,
        "startDate": _start(event),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "url": page_url,
        "organizer": {"@type": "Organization", "name": organization.name},
    }
    if event.place:
        data["location"] = {"@type": "Place", "name": event.place, "address": event.place}
    return data
